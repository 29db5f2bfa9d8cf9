-- A citizen's WeChat or SMS text that reads as a rating ("1", "满意", "<tracking number> 3" ...):
-- which open survey it answers, decided once per inbound message (docs/survey.md).
-- Runs on Redis 6.2+ (EVALSHA). Both KEYS carry the answering pseudonym's partition tag {pN}.
--
-- KEYS[1] the citizen's open surveys (hash, see survey_open.lua)
-- KEYS[2] dedup key of the inbound message (its channel's own id, in the survey's key space)
-- ARGV[1] now (ms)   ARGV[2] tracking number the text named ('' = none)   ARGV[3] dedup TTL s
-- ARGV[4] the rating the text gave
--
-- Returns {'none'} when no open survey matches (nothing written: the text is an ordinary message),
-- {'rated', '<ticket id> <tracking number> <rating>'} when exactly one matched (it is marked
-- answered), {'ask', '<ticket id>:<tracking number>,...'} when several did (the citizen is asked
-- which), {'dup', <the first answer>} for a message seen before.

local prior = redis.call('GET', KEYS[2])
if prior then
  return {'dup', prior}
end
local now = tonumber(ARGV[1])
local found = {}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local tracking, expires, answered = string.match(all[i + 1], '^(%S+) (%d+)( ?a?)$')
  if tracking and tonumber(expires) > now and answered == ''
      and (ARGV[2] == '' or ARGV[2] == tracking) then
    found[#found + 1] = {all[i], tracking, all[i + 1]}
  end
end
if #found == 0 then
  return {'none'}
end
if #found > 1 then
  table.sort(found, function(a, b) return a[2] > b[2] end)
  local listed = {}
  for _, f in ipairs(found) do
    listed[#listed + 1] = f[1] .. ':' .. f[2]
  end
  local answer = table.concat(listed, ',')
  redis.call('SET', KEYS[2], 'ask ' .. answer, 'EX', ARGV[3])
  return {'ask', answer}
end
local f = found[1]
redis.call('HSET', KEYS[1], f[1], f[3] .. ' a')
local answer = f[1] .. ' ' .. f[2] .. ' ' .. ARGV[4]
redis.call('SET', KEYS[2], 'rated ' .. answer, 'EX', ARGV[3])
return {'rated', answer}
