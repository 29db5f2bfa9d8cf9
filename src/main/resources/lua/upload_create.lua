-- Records a new tus upload if the uploader's and the gateway's quotas of open uploads allow it.
-- KEYS[1] the upload hash, KEYS[2] the zset of incomplete uploads by expiry,
-- KEYS[3] the uploader's open uploads (hash id -> declared length),
-- KEYS[4] all open uploads (hash id -> declared length), KEYS[5] the declared bytes of all of them
-- (all in one hash tag, {uploads})
-- ARGV[1] upload id, ARGV[2] declared length, ARGV[3] expiry (ms), ARGV[4] per-user max open,
-- ARGV[5] per-user max bytes, ARGV[6] global max open, ARGV[7] global max bytes,
-- ARGV[8..] field, value pairs of the upload hash
-- Returns {1} when recorded, else {0, limit} ('user_open', 'user_bytes', 'global_open',
-- 'global_bytes') and writes nothing.
local length = tonumber(ARGV[2])
local mine = redis.call('HVALS', KEYS[3])
if #mine >= tonumber(ARGV[4]) then
  return {0, 'user_open'}
end
local bytes = length
for _, v in ipairs(mine) do
  bytes = bytes + tonumber(v)
end
if bytes > tonumber(ARGV[5]) then
  return {0, 'user_bytes'}
end
if redis.call('HLEN', KEYS[4]) >= tonumber(ARGV[6]) then
  return {0, 'global_open'}
end
if tonumber(redis.call('GET', KEYS[5]) or '0') + length > tonumber(ARGV[7]) then
  return {0, 'global_bytes'}
end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 8))
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[4], ARGV[1], ARGV[2])
redis.call('INCRBY', KEYS[5], ARGV[2])
return {1}
