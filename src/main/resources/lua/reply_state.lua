-- One reply's send state (docs/replies.md), one atomic step per change. Runs on Redis 6.2+
-- (EVALSHA). All KEYS share the ticket's hash tag {pN}, so it runs on a Cluster.
--
-- The state hash: 'step' the chain index to try next, 'wired' the attempt that is sending now,
-- 'done' how it ended (sent | failed), 'via' the sender that sent it, 'vmid' the vendor's message
-- id, 'dl' set once a delivery receipt was recorded; 'tk' / 'tn' the ticket.
-- An attempt marks the state 'wired' BEFORE it calls the vendor; a state found wired by an attempt
-- that is gone (a crash mid-send) is never sent again on that sender: the citizen must not get a
-- message twice.
--
-- KEYS[1] the reply's state hash   KEYS[2] tickets stream   KEYS[3] the ticket's day status hash
-- ARGV[1] mode: wire | settle | delivered
-- wire:      ARGV[2] attempt token   ARGV[3] which chain steps can reach the citizen ('1' / '0'
--            per step)   ARGV[4] state TTL s   ARGV[5] ticket id   ARGV[6] tracking number
--            -> {'done', how} | {'uncertain', step} | {'exhausted', step} | {'go', step}: the first
--            reachable step from the stored one (0 at first) is claimed
-- settle:    ARGV[2] attempt token   ARGV[3] outcome: sent | next | retry | failed
--            ARGV[4] next step       ARGV[5] event type ('' = no event)   ARGV[6] event
--            ARGV[7] state TTL s     ARGV[8] tracking number   ARGV[9] the reply as the status
--            record lists it ('' = not listed)   ARGV[10] sender   ARGV[11] vendor message id
--            -> 1 recorded | 0 already settled (nothing written)
-- delivered: ARGV[2] event type   ARGV[3] event   ARGV[4] state TTL s
--            -> 1 recorded | 0 already recorded | -1 no such reply

local state = KEYS[1]
local mode = ARGV[1]

local function get(f)
  local v = redis.call('HGET', state, f)
  if v == false then return nil end
  return v
end

if mode == 'wire' then
  local done = get('done')
  if done then
    return {'done', done}
  end
  local wired = get('wired')
  if wired and wired ~= ARGV[2] then
    return {'uncertain', get('step') or '0'}
  end
  local mask = ARGV[3]
  local step = tonumber(get('step') or '0')
  while step < #mask and string.sub(mask, step + 1, step + 1) ~= '1' do
    step = step + 1
  end
  if step >= #mask then
    return {'exhausted', tostring(step)}
  end
  redis.call('HSET', state, 'wired', ARGV[2], 'step', step, 'tk', ARGV[5], 'tn', ARGV[6])
  redis.call('EXPIRE', state, ARGV[4])
  return {'go', tostring(step)}
end

if mode == 'delivered' then
  if redis.call('EXISTS', state) == 0 then
    return -1
  end
  if get('dl') then
    return 0
  end
  redis.call('HSET', state, 'dl', '1')
  redis.call('XADD', KEYS[2], '*', 'type', ARGV[2], 'event', ARGV[3])
  return 1
end

-- settle
if get('done') then
  return 0
end
local outcome = ARGV[3]
redis.call('HDEL', state, 'wired')
if outcome == 'retry' then
  return 1
end
if outcome == 'next' then
  redis.call('HSET', state, 'step', ARGV[4])
else
  redis.call('HSET', state, 'done', outcome, 'via', ARGV[10], 'vmid', ARGV[11])
end
redis.call('EXPIRE', state, ARGV[7])
if ARGV[5] ~= '' then
  redis.call('XADD', KEYS[2], '*', 'type', ARGV[5], 'event', ARGV[6])
end
if ARGV[9] ~= '' then
  local stored = redis.call('HGET', KEYS[3], ARGV[8])
  if stored then
    local record = cjson.decode(stored)
    local replies = record.replies
    if type(replies) ~= 'table' then replies = {} end
    if #replies < 50 then
      replies[#replies + 1] = cjson.decode(ARGV[9])
      record.replies = replies
      redis.call('HSET', KEYS[3], ARGV[8], cjson.encode(record))
    end
  end
end
return 1
