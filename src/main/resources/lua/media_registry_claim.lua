-- Claims uploaded media for a submission, all or nothing.
-- KEYS[1..n] media records (hashes), KEYS[n+1] the unclaimed-expiry zset
-- ARGV[1] owner, ARGV[2..n+1] media ids (zset members)
-- Returns {0, index} when record `index` (1-based) is missing or owned by someone else,
-- else {1, r1, r2, ...} with each record as a flat field/value array.
local n = #KEYS - 1
local records = {}
for i = 1, n do
  local owner = redis.call('HGET', KEYS[i], 'owner')
  if not owner or owner ~= ARGV[1] then
    return {0, i}
  end
  records[i] = redis.call('HGETALL', KEYS[i])
end
local out = {1}
for i = 1, n do
  redis.call('HSET', KEYS[i], 'claimed', '1')
  redis.call('ZREM', KEYS[n + 1], ARGV[i + 1])
  out[#out + 1] = records[i]
end
return out
