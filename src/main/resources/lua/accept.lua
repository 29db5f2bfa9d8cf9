-- Atomic accept: dedup check -> XADD ticket (when one is opened) -> XADD message -> SET dedup key.
-- Runs on Redis 6.2+ (EVALSHA). All KEYS share one hash tag {pN}, so it also runs on a Cluster.
--
-- KEYS[1] dedup key   KEYS[2] messages stream   KEYS[3] tickets stream   KEYS[4] tracking sequence
-- ARGV[1] dedup TTL seconds       ARGV[2] message id        ARGV[3] message type   ARGV[4] message event
-- ARGV[5] ticket id ('' = none)   ARGV[6] ticket type       ARGV[7] ticket event head
-- ARGV[8] ticket event tail       ARGV[9] tracking prefix (yyMMdd + 2-digit partition)
-- ARGV[10] sequence key TTL seconds
-- ARGV[11] Luhn partial sum of the prefix digits, as if followed by a 6-digit sequence
-- ARGV[12] status records TTL seconds  ARGV[13] the ticket's status record (JSON; see status.lua)
--
-- Returns {1, message entry id, ticket entry id, tracking number} when appended, or
--         {0, "<message id> <ticket id> <tracking number>"} for a duplicate (nothing written).

local prior = redis.call('GET', KEYS[1])
if prior then
  return {0, prior}
end

-- Luhn check digit over prefix .. sequence; the caller has summed the prefix digits already, so
-- the common case (a sequence below 10^6) is six digits of arithmetic, no string work
local function check_digit(seq, body)
  local sum, double = 0, true
  if seq < 1000000 then
    sum = tonumber(ARGV[11])
    for _ = 1, 6 do
      local d = seq % 10
      seq = (seq - d) / 10
      if double then
        d = d * 2
        if d > 9 then d = d - 9 end
      end
      sum = sum + d
      double = not double
    end
  else
    for i = #body, 1, -1 do
      local d = string.byte(body, i) - 48
      if double then
        d = d * 2
        if d > 9 then d = d - 9 end
      end
      sum = sum + d
      double = not double
    end
  end
  return (10 - sum % 10) % 10
end

local tracking, ticket_entry = '', ''
if ARGV[5] ~= '' then
  local seq = redis.call('INCR', KEYS[4])
  if seq == 1 then
    redis.call('EXPIRE', KEYS[4], ARGV[10])
  end
  local body = ARGV[9] .. string.format('%06d', seq)
  tracking = body .. check_digit(seq, body)
  ticket_entry = redis.call('XADD', KEYS[3], '*', 'type', ARGV[6], 'event', ARGV[7] .. tracking .. ARGV[8])
  -- >>> status index (docs/status.md): one hash per partition and day, same hash tag as KEYS[3]
  -- ("{prefix}:{pN}:tickets"): field tracking number -> status record, field ticket id -> tracking
  -- number; the day's first ticket sets its TTL, status.lua extends it
  local status_key = string.sub(KEYS[3], 1, -8) .. 'status:' .. string.sub(ARGV[9], 1, 6)
  redis.call('HSET', status_key, tracking, ARGV[13], ARGV[5], tracking)
  if seq == 1 then
    redis.call('EXPIRE', status_key, ARGV[12])
  end
  -- <<< status index
end
local message_entry = redis.call('XADD', KEYS[2], '*', 'type', ARGV[3], 'event', ARGV[4])
redis.call('SET', KEYS[1], ARGV[2] .. ' ' .. ARGV[5] .. ' ' .. tracking, 'EX', ARGV[1])
return {1, message_entry, ticket_entry, tracking}
