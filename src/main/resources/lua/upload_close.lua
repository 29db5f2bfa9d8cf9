-- An upload stops being open: completed (kept with its media id for keep ms) or deleted
-- (terminated, refused on completion). Its quota entries are released in the same step.
-- KEYS[1] the upload hash, KEYS[2] the zset of incomplete uploads by expiry,
-- KEYS[3] the uploader's open uploads, KEYS[4] all open uploads, KEYS[5] their declared bytes
-- ARGV[1] upload id, ARGV[2] 'complete' or 'delete', ARGV[3] media id, ARGV[4] keep (ms)
-- Returns 1.
if ARGV[2] == 'complete' then
  redis.call('HSET', KEYS[1], 'mediaId', ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
else
  redis.call('DEL', KEYS[1])
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
local length = redis.call('HGET', KEYS[4], ARGV[1])
if length then
  redis.call('HDEL', KEYS[4], ARGV[1])
  redis.call('DECRBY', KEYS[5], length)
end
return 1
