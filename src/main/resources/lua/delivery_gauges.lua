-- The delivery gauges of every destination in one partition, in one round trip.
-- KEYS[1] tickets stream; then, per destination i (1-based), KEYS[2i] its retry schedule and
-- KEYS[2i+1] its dead-letter stream.
-- ARGV[1] how many unread entries to count at most where Redis does not keep a group's lag
-- (Redis 6.2, or 7 after an XDEL); ARGV[2..] the consumer groups, in the order of the KEYS pairs.
-- Returns, per destination: {backlog, pending, retries scheduled, dead letters, oldest ms}:
-- backlog = entries the group has not read yet (XINFO GROUPS lag on Redis 7, else counted up to
-- ARGV[1]); pending = read, not acknowledged; oldest ms = the accept time (from the entry id) of
-- the oldest entry not settled yet: pending, unread, or the first one due in the retry schedule
-- ('' = none).

local cap = tonumber(ARGV[1])
local groups = {}
if redis.call('EXISTS', KEYS[1]) == 1 then
  for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
    local fields = {}
    for i = 1, #group, 2 do
      fields[group[i]] = group[i + 1]
    end
    groups[fields['name']] = fields
  end
end

local function ms(id)
  return tonumber(string.match(id, '^(%d+)'))
end

local function older(a, b)
  if a == nil then return b end
  if b == nil then return a end
  return math.min(a, b)
end

local out = {}
for i = 2, #ARGV do
  local name = ARGV[i]
  local fields = groups[name]
  local backlog, pending, oldest = 0, 0, nil
  if fields then
    pending = fields['pending']
    local unread = redis.call('XRANGE', KEYS[1], '(' .. fields['last-delivered-id'], '+',
      'COUNT', 1)
    if #unread > 0 then
      oldest = ms(unread[1][1])
      local lag = fields['lag']
      if type(lag) == 'number' then
        backlog = lag
      else
        backlog = #redis.call('XRANGE', KEYS[1], '(' .. fields['last-delivered-id'], '+',
          'COUNT', cap)
      end
    end
    if pending > 0 then
      local summary = redis.call('XPENDING', KEYS[1], name)
      if summary[2] then
        oldest = older(oldest, ms(summary[2]))
      end
    end
  end
  local r, d = 2 * i - 2, 2 * i - 1
  local due = redis.call('ZRANGE', KEYS[r], 0, 0)
  if #due > 0 then
    oldest = older(oldest, ms(due[1]))
  end
  out[#out + 1] = {backlog, pending, redis.call('ZCARD', KEYS[r]),
    redis.call('XLEN', KEYS[d]),
    oldest and tostring(oldest) or ''}
end
return out
