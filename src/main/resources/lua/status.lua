-- Atomic status update: dedup check -> the ticket's status record -> transition rule -> append the
-- history step, set the status, rewrite the record, extend the day's TTL -> XADD ticket.status ->
-- SET dedup key. Runs on Redis 6.2+ (EVALSHA). All KEYS share one hash tag {pN}.
--
-- KEYS[1] the day's status hash ({prefix}:{pN}:status:{yyMMdd}: tracking number -> record)
-- KEYS[2] tickets stream   KEYS[3] dedup key of the report
-- ARGV[1] status hash TTL seconds   ARGV[2] dedup TTL seconds   ARGV[3] tracking number
-- ARGV[4] ticket id        ARGV[5] new status      ARGV[6] '1' = reopen (may move back)
-- ARGV[7] history step (JSON)  ARGV[8] event type   ARGV[9] event (JSON)   ARGV[10] event id
-- ARGV[11] most history steps a record keeps
-- ARGV[12] fingerprint of the report (ticket id and body): the dedup key holds
--          "<event id> <fingerprint>" (IETF Idempotency-Key draft: a key reused with another
--          payload is an error, not a duplicate; a key written before fingerprints holds the id)
--
-- Returns {1, previous status} when recorded, {0, original event id} for a repeated report,
-- {-1} when there is no such ticket, {-2, current status} when the move is not allowed,
-- {-3} when the history is full, {-4} when the key was used with another report. Only {1} writes
-- anything.

local prior = redis.call('GET', KEYS[3])
if prior then
  local id, fingerprint = string.match(prior, '^(%S+) (%S+)$')
  if not id then
    return {0, prior}
  end
  if fingerprint ~= ARGV[12] then
    return {-4}
  end
  return {0, id}
end

local stored = redis.call('HGET', KEYS[1], ARGV[3])
if not stored then
  return {-1}
end
local record = cjson.decode(stored)
if record.ticketId ~= ARGV[4] then
  return {-1}
end

local rank = {received = 0, dispatched = 1, in_progress = 2, replied = 3, closed = 4}
local before = record.status
if rank[ARGV[5]] < (rank[before] or 0) and ARGV[6] ~= '1' then
  return {-2, before}
end
local history = record.history
if type(history) ~= 'table' then
  history = {}
end
if #history >= tonumber(ARGV[11]) then
  return {-3}
end
history[#history + 1] = cjson.decode(ARGV[7])
record.history = history
record.status = ARGV[5]

redis.call('HSET', KEYS[1], ARGV[3], cjson.encode(record))
if redis.call('TTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
redis.call('XADD', KEYS[2], '*', 'type', ARGV[8], 'event', ARGV[9])
redis.call('SET', KEYS[3], ARGV[10] .. ' ' .. ARGV[12], 'EX', ARGV[2])
return {1, before}
