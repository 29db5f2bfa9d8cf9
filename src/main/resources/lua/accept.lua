-- Atomic accept: dedup check -> XADD ticket (when one is opened) -> XADD message -> SET dedup key.
-- Runs on Redis 6.2+ (EVALSHA). All KEYS share one hash tag {pN}, so it also runs on a Cluster.
--
-- KEYS[1] dedup key   KEYS[2] messages stream   KEYS[3] tickets stream   KEYS[4] tracking sequence
-- KEYS[5] the day's status hash ({prefix}:{pN}:status:{yyMMdd})
-- ARGV[1] dedup TTL seconds       ARGV[2] message id        ARGV[3] message type   ARGV[4] message event
-- ARGV[5] ticket id ('' = none)   ARGV[6] ticket type       ARGV[7] ticket event head
-- ARGV[8] ticket event tail       ARGV[9] tracking prefix (yyMMdd + 2-digit partition)
-- ARGV[10] sequence key TTL seconds
-- ARGV[11] Luhn partial sum of the prefix digits, as if followed by a 6-digit sequence
-- ARGV[12] status records TTL seconds  ARGV[13] the ticket's status record (JSON; see status.lua)
-- ARGV[14] the ticket's reply route ('' = none; docs/replies.md)
--
-- Returns {1, message entry id, ticket entry id, tracking number} when appended, or
--         {0, "<message id> <ticket id> <tracking number>"} for a duplicate (nothing written).

--#include ticket

local prior = redis.call('GET', KEYS[1])
if prior then
  return {0, prior}
end

local tracking, ticket_entry = '', ''
if ARGV[5] ~= '' then
  tracking = ticket_draw(KEYS[4], ARGV[9], ARGV[10], ARGV[11])
  ticket_entry = redis.call('XADD', KEYS[3], '*', 'type', ARGV[6], 'event', ARGV[7] .. tracking .. ARGV[8])
  ticket_index(KEYS[5], tracking, ARGV[5], ARGV[13], ARGV[12], ARGV[14])
end
local message_entry = redis.call('XADD', KEYS[2], '*', 'type', ARGV[3], 'event', ARGV[4])
redis.call('SET', KEYS[1], ARGV[2] .. ' ' .. ARGV[5] .. ' ' .. tracking, 'EX', ARGV[1])
return {1, message_entry, ticket_entry, tracking}
