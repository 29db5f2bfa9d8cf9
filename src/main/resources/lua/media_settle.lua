-- Settles one claimed media fetch atomically: removes it, then either schedules the next attempt
-- or appends the outcome (stored / unavailable) to the ticket. A member already removed (settled by
-- a poller whose lease had run out) writes nothing, so the outcome is appended once.
--
-- KEYS[1] pending set   KEYS[2] tickets stream
-- ARGV[1] claimed member   ARGV[2] next member ('' = none)   ARGV[3] next due ms
-- ARGV[4] event type ('' = none)   ARGV[5] event JSON
--
-- Returns 1 when settled, 0 when the member was no longer pending.

if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then
  return 0
end
if ARGV[2] ~= '' then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
end
if ARGV[4] ~= '' then
  redis.call('XADD', KEYS[2], '*', 'type', ARGV[4], 'event', ARGV[5])
end
return 1
