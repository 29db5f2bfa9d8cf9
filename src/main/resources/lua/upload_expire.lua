-- Removes an abandoned incomplete upload whose time is up, unless a PATCH holds it right now.
-- KEYS[1] the zset of incomplete uploads by expiry, KEYS[2] the upload hash, KEYS[3] its lease
-- ARGV[1] upload id, ARGV[2] now (ms)
-- Returns 1 when the caller removed it (and deletes its staged bytes), else 0.
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) > tonumber(ARGV[2]) or redis.call('EXISTS', KEYS[3]) == 1 then
  return 0
end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
return 1
