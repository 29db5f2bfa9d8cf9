-- Trims one stream to its retention without dropping anything a consumer group still needs.
-- Redis 6.2+ (XTRIM MINID). An entry is kept when it is newer than the retention cutoff, OR it is
-- pending in some group (delivered, not acknowledged), OR some group has not been given it yet.
--
-- KEYS[1] stream   ARGV[1] retention cutoff as a stream id ("<ms>-0")
-- Returns the number of entries removed.

if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end

local function parse(id)
  local dash = string.find(id, '-', 1, true)
  return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
end

local function less(a, b)
  local am, as = parse(a)
  local bm, bs = parse(b)
  return am < bm or (am == bm and as < bs)
end

local floor = ARGV[1]
local groups = redis.call('XINFO', 'GROUPS', KEYS[1])
for _, group in ipairs(groups) do
  local name, pending, last = nil, 0, '0-0'
  for i = 1, #group, 2 do
    if group[i] == 'name' then name = group[i + 1]
    elseif group[i] == 'pending' then pending = group[i + 1]
    elseif group[i] == 'last-delivered-id' then last = group[i + 1]
    end
  end
  local keep_from = last
  if pending > 0 then
    local summary = redis.call('XPENDING', KEYS[1], name)
    keep_from = summary[2]
  end
  -- everything after last-delivered-id is undelivered; the last delivered one itself is kept too
  -- (MINID keeps ids >= floor), which errs on the side of keeping
  if less(keep_from, floor) then
    floor = keep_from
  end
end
return redis.call('XTRIM', KEYS[1], 'MINID', floor)
