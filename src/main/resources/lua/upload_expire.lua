-- Removes an abandoned incomplete upload whose time is up, unless a PATCH holds it right now, and
-- releases its quota entries in the same step.
-- KEYS[1] the zset of incomplete uploads by expiry, KEYS[2] the upload hash, KEYS[3] its lease,
-- KEYS[4] the uploader's open uploads, KEYS[5] all open uploads, KEYS[6] their declared bytes
-- ARGV[1] upload id, ARGV[2] now (ms)
-- Returns 1 when the caller removed it (and deletes its staged bytes), else 0.
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) > tonumber(ARGV[2]) or redis.call('EXISTS', KEYS[3]) == 1 then
  return 0
end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
redis.call('HDEL', KEYS[4], ARGV[1])
local length = redis.call('HGET', KEYS[5], ARGV[1])
if length then
  redis.call('HDEL', KEYS[5], ARGV[1])
  redis.call('DECRBY', KEYS[6], length)
end
return 1
