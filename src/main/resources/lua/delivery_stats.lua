-- What the admin API shows of one destination in one partition.
-- KEYS[1] tickets stream   KEYS[2] retry schedule   KEYS[3] dead-letter stream   ARGV[1] group
-- Returns pending, the id of the oldest entry not yet read by the group ('' = none), retries
-- scheduled, dead letters.

local pending, last = 0, nil
if redis.call('EXISTS', KEYS[1]) == 1 then
  for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
    local fields = {}
    for i = 1, #group, 2 do
      fields[group[i]] = group[i + 1]
    end
    if fields['name'] == ARGV[1] then
      pending, last = fields['pending'], fields['last-delivered-id']
    end
  end
end
local oldest = ''
if last then
  local next = redis.call('XRANGE', KEYS[1], '(' .. last, '+', 'COUNT', 1)
  if #next > 0 then
    oldest = next[1][1]
  end
end
return {pending, oldest, redis.call('ZCARD', KEYS[2]), redis.call('XLEN', KEYS[3])}
