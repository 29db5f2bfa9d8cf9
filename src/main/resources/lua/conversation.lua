-- Atomic conversational accept (WeChat, SMS): dedup check -> open or continue the citizen's
-- conversation ticket -> XADD ticket.opened or ticket.appended -> XADD message -> SET dedup key.
-- Runs on Redis 6.2+ (EVALSHA). All KEYS share one hash tag {pN}, so it also runs on a Cluster.
--
-- KEYS[1] dedup key   KEYS[2] messages stream   KEYS[3] tickets stream   KEYS[4] tracking sequence
-- KEYS[5] conversation key ({prefix}:{pN}:conv:{channel}:{account}:{pseudonym})
-- KEYS[6] the day's status hash ({prefix}:{pN}:status:{yyMMdd})
-- ARGV[1] dedup TTL seconds      ARGV[2] message id           ARGV[3] message type
-- ARGV[4] conversation window ms ARGV[5] new ticket id        ARGV[6] ticket.opened type
-- ARGV[7] opened event head      ARGV[8] opened event tail    ARGV[9] tracking prefix
-- ARGV[10] sequence key TTL s    ARGV[11] ticket.appended type
-- ARGV[12..14] message event split around its two ticket ids (subject, data.ticketId)
-- ARGV[15..18] appended event split around ticket id, tracking number, ticket id
-- ARGV[19] number of media fetches to schedule with the message (0 or more), then per fetch:
--   due time ms, and its member split around ticket id and tracking number (3 parts)
-- KEYS[7] the partition's pending media fetches (sorted set), present when ARGV[19] > 0
-- after the fetches: status records TTL seconds, the ticket's status record (JSON; status.lua),
--   the citizen's reply route ('' = none; docs/replies.md): stored with a new ticket, and it
--   refreshes the open ticket's route when that ticket was opened on the same day (KEYS[6]);
--   then '1' when the citizen's ticket index is kept (SMS; the last KEYS: hash tracking number ->
--   ticket id, TTL = status records TTL) or '' (WeChat), then a tracking number the message names
--   ('' = none): when the index holds it, the message is appended to that ticket, window or not
--
-- Returns {1, ticket id, tracking number, 1 = opened | 0 = appended} when written, or
--         {0, "<message id> <ticket id> <tracking number> <opened>"} for a duplicate.

--#include ticket

local prior = redis.call('GET', KEYS[1])
if prior then
  return {0, prior}
end

local extra = 20 + tonumber(ARGV[19] or '0') * 4
local index = KEYS[#KEYS]
if ARGV[extra + 3] ~= '1' then
  index = nil
end
local ticket, tracking, opened
local claimed = ARGV[extra + 4]
if index and claimed and claimed ~= '' then
  ticket = redis.call('HGET', index, claimed)
  if ticket then
    tracking = claimed
  end
end
if not ticket then
  local conversation = redis.call('GET', KEYS[5])
  if conversation then
    local space = string.find(conversation, ' ', 1, true)
    ticket = string.sub(conversation, 1, space - 1)
    tracking = string.sub(conversation, space + 1)
  end
end
if ticket then
  opened = 0
  redis.call('XADD', KEYS[3], '*', 'type', ARGV[11], 'event',
    ARGV[15] .. ticket .. ARGV[16] .. tracking .. ARGV[17] .. ticket .. ARGV[18])
else
  ticket = ARGV[5]
  tracking = ticket_draw(KEYS[4], ARGV[9], ARGV[10], nil)
  opened = 1
  redis.call('XADD', KEYS[3], '*', 'type', ARGV[6], 'event', ARGV[7] .. tracking .. ARGV[8])
  ticket_index(KEYS[6], tracking, ticket, ARGV[extra + 1], ARGV[extra], ARGV[extra + 2])
  if index then
    redis.call('HSET', index, tracking, ticket)
    redis.call('EXPIRE', index, ARGV[extra])
  end
end
if opened == 0 then
  local route = ARGV[extra + 2]
  if route and route ~= '' and redis.call('HEXISTS', KEYS[6], 'route:' .. ticket) == 1 then
    redis.call('HSET', KEYS[6], 'route:' .. ticket, route)
  end
end
redis.call('XADD', KEYS[2], '*', 'type', ARGV[3], 'event',
  ARGV[12] .. ticket .. ARGV[13] .. ticket .. ARGV[14])
redis.call('SET', KEYS[5], ticket .. ' ' .. tracking, 'PX', ARGV[4])
for i = 0, tonumber(ARGV[19] or '0') - 1 do
  local at = 20 + i * 4
  redis.call('ZADD', KEYS[7], ARGV[at], ARGV[at + 1] .. ticket .. ARGV[at + 2] .. tracking .. ARGV[at + 3])
end
redis.call('SET', KEYS[1], ARGV[2] .. ' ' .. ticket .. ' ' .. tracking .. ' ' .. opened, 'EX', ARGV[1])
return {1, ticket, tracking, opened}
