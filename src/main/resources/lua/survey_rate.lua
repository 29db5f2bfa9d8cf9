-- One rating of one ticket (一次一评): the ticket exists -> not rated yet -> the rating (and a
-- reopen request) on the status record -> XADD ticket.rated (and ticket.reopen.requested).
-- Runs on Redis 6.2+ (EVALSHA). Both KEYS share the ticket's hash tag {pN}.
--
-- KEYS[1] the ticket's day status hash   KEYS[2] tickets stream
-- ARGV[1] tracking number   ARGV[2] ticket id   ARGV[3] the rating as the record keeps it (JSON)
-- ARGV[4] rated event type  ARGV[5] rated event ARGV[6] reopen event type
-- ARGV[7] reopen event ('' = none)            ARGV[8] the reopen as the record keeps it (JSON)
--
-- Returns {1} when recorded, {0, the stored rating (JSON)} when the ticket was rated before,
-- {-1} when there is no such ticket. Only {1} writes anything.

if redis.call('HGET', KEYS[1], ARGV[2]) ~= ARGV[1] then
  return {-1}
end
local stored = redis.call('HGET', KEYS[1], ARGV[1])
if not stored then
  return {-1}
end
local record = cjson.decode(stored)
if type(record.rating) == 'table' then
  return {0, cjson.encode(record.rating)}
end
record.rating = cjson.decode(ARGV[3])
if ARGV[7] ~= '' then
  record.reopenRequested = cjson.decode(ARGV[8])
end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(record))
redis.call('XADD', KEYS[2], '*', 'type', ARGV[4], 'event', ARGV[5])
if ARGV[7] ~= '' then
  redis.call('XADD', KEYS[2], '*', 'type', ARGV[6], 'event', ARGV[7])
end
return {1}
