-- Atomic status update: dedup check -> the ticket's status record -> transition rule -> append the
-- history step, set the status, rewrite the record (TTL refreshed) -> XADD ticket.status -> SET
-- dedup key. Runs on Redis 6.2+ (EVALSHA). All KEYS share one hash tag {pN}.
--
-- KEYS[1] status record ({prefix}:{pN}:ticket:{trackingNumber})
-- KEYS[2] ticket id -> tracking number ({prefix}:{pN}:ticketid:{ticketId})
-- KEYS[3] tickets stream   KEYS[4] dedup key of the report
-- ARGV[1] record TTL seconds   ARGV[2] dedup TTL seconds   ARGV[3] ticket id
-- ARGV[4] new status           ARGV[5] '1' = reopen (may move back)
-- ARGV[6] history step (JSON)  ARGV[7] event type   ARGV[8] event (JSON)   ARGV[9] event id
-- ARGV[10] most history steps a record keeps
--
-- Returns {1, previous status} when recorded, {0, original event id} for a repeated report,
-- {-1} when there is no such ticket, {-2, current status} when the move is not allowed,
-- {-3} when the history is full. Only {1} writes anything.

local prior = redis.call('GET', KEYS[4])
if prior then
  return {0, prior}
end

local stored = redis.call('GET', KEYS[1])
if not stored then
  return {-1}
end
local record = cjson.decode(stored)
if record.ticketId ~= ARGV[3] then
  return {-1}
end

local rank = {received = 0, dispatched = 1, in_progress = 2, replied = 3, closed = 4}
local before = record.status
if rank[ARGV[4]] < (rank[before] or 0) and ARGV[5] ~= '1' then
  return {-2, before}
end
local history = record.history
if type(history) ~= 'table' then
  history = {}
end
if #history >= tonumber(ARGV[10]) then
  return {-3}
end
history[#history + 1] = cjson.decode(ARGV[6])
record.history = history
record.status = ARGV[4]

redis.call('SET', KEYS[1], cjson.encode(record), 'EX', ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[1])
redis.call('XADD', KEYS[3], '*', 'type', ARGV[7], 'event', ARGV[8])
redis.call('SET', KEYS[4], ARGV[9], 'EX', ARGV[2])
return {1, before}
