-- Removes one unclaimed media id whose time is up, and says whether its bytes may be deleted.
-- KEYS[1] the unclaimed zset, KEYS[2] the media record, KEYS[3] refs:{sha256}, KEYS[4]
-- keep:{sha256}, KEYS[5] deleting:{sha256} (all under the registry's {media} hash tag: one slot)
-- ARGV[1] media id, ARGV[2] now (ms), ARGV[3] the sha256 the caller read from the record (the
-- bytes keys are named after it: a script may touch only the keys it is given, so it cannot build
-- them from the record itself), ARGV[4] how long (ms) the deleting marker holds off new pins
-- Returns nil when the id is not due (claimed meanwhile, or another replica swept it) or its record
-- no longer names ARGV[3] (the next sweep reads it again), '' when the record is gone and the bytes
-- stay (shared, or stored by another channel), else the sha256 whose bytes the caller deletes
-- (then it deletes the deleting marker).
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) > tonumber(ARGV[2]) then
  return false
end
local sha = redis.call('HGET', KEYS[2], 'sha256')
if (sha or '') ~= ARGV[3] then
  return false
end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
if not sha then
  return ''
end
redis.call('SREM', KEYS[3], ARGV[1])
if redis.call('SCARD', KEYS[3]) > 0 or redis.call('EXISTS', KEYS[4]) == 1 then
  return ''
end
redis.call('SET', KEYS[5], '1', 'PX', ARGV[4])
return sha
