-- The callback close of a call (see call.lua): in the CALLER's partition, one callback ticket per
-- caller within the window. Opens a ticket, or appends the call to the caller's open callback
-- ticket, and (re)opens the window. Idempotent per call: a retried close answers what the first did.
-- Runs on Redis 6.2+ (EVALSHA). All KEYS share the caller's hash tag {pN}, so it runs on a Cluster.
--
-- KEYS[1] the caller's callback window ({prefix}:{pN}:conv:telephony:{account}:{pseudonym})
-- KEYS[2] tickets stream   KEYS[3] tracking sequence of the day   KEYS[4] the day's status hash
-- KEYS[5] this call's close record ({prefix}:{pN}:callclose:{account}:{call id})
-- ARGV[1] new ticket id   ARGV[2] ticket.opened type   ARGV[3] ticket.appended type
-- ARGV[4] ticket.opened event template   ARGV[5] ticket.appended event template
-- ARGV[6] status record template   (templates hold @@ticket@@ and @@tracking@@)
-- ARGV[7] tracking prefix   ARGV[8] sequence TTL s   ARGV[9] status records TTL s
-- ARGV[10] callback window ms   ARGV[11] close record TTL s   ARGV[12] the caller's reply route
--          ('' = none; docs/replies.md)
--
-- Returns {ticket id, tracking number, 'opened' | 'appended'}.

--#include ticket

local done = redis.call('GET', KEYS[5])
if done then
  local a, b = string.find(done, ' ', 1, true)
  local rest = string.sub(done, b + 1)
  local c = string.find(rest, ' ', 1, true)
  return {string.sub(done, 1, a - 1), string.sub(rest, 1, c - 1), string.sub(rest, c + 1)}
end

local function fill(template, ticket, tracking)
  return (string.gsub(string.gsub(template, '@@ticket@@', ticket), '@@tracking@@', tracking))
end

local ticket, tracking, did
local open = redis.call('GET', KEYS[1])
if open then
  local space = string.find(open, ' ', 1, true)
  ticket, tracking, did = string.sub(open, 1, space - 1), string.sub(open, space + 1), 'appended'
  redis.call('XADD', KEYS[2], '*', 'type', ARGV[3], 'event', fill(ARGV[5], ticket, tracking))
else
  ticket, did = ARGV[1], 'opened'
  tracking = ticket_draw(KEYS[3], ARGV[7], ARGV[8], nil)
  redis.call('XADD', KEYS[2], '*', 'type', ARGV[2], 'event', fill(ARGV[4], ticket, tracking))
  ticket_index(KEYS[4], tracking, ticket, fill(ARGV[6], ticket, tracking), ARGV[9], ARGV[12])
end
redis.call('SET', KEYS[1], ticket .. ' ' .. tracking, 'PX', ARGV[10])
redis.call('SET', KEYS[5], ticket .. ' ' .. tracking .. ' ' .. did, 'EX', ARGV[11])
return {ticket, tracking, did}
