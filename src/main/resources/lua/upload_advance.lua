-- Moves an upload's offset after a PATCH wrote its bytes to staging.
-- KEYS[1] the upload hash, KEYS[2] its lease, KEYS[3] the zset of incomplete uploads by expiry
-- ARGV[1] lease token, ARGV[2] the offset the PATCH started at, ARGV[3] the new offset,
-- ARGV[4] the new expiry (ms), ARGV[5] the upload id
-- Returns 1 on success, 0 when the upload is gone, -1 when the lease was lost, -2 when the
-- offset moved meanwhile.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
if redis.call('GET', KEYS[2]) ~= ARGV[1] then
  return -1
end
if redis.call('HGET', KEYS[1], 'offset') ~= ARGV[2] then
  return -2
end
redis.call('HSET', KEYS[1], 'offset', ARGV[3], 'expiresAt', ARGV[4])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[5])
return 1
