-- Removes one unclaimed media id whose time is up, and says whether its bytes may be deleted.
-- KEYS[1] the unclaimed zset, KEYS[2] the media record
-- ARGV[1] media id, ARGV[2] now (ms), ARGV[3] the registry's key prefix ("<prefix>:{media}:"),
-- ARGV[4] how long (ms) the deleting marker holds off new pins of the same bytes
-- The refs/keep/deleting keys of the sha256 share the {media} hash tag (same cluster slot).
-- Returns nil when the id is not due (claimed meanwhile, or another replica swept it), '' when
-- the record is gone and the bytes stay (shared, or stored by another channel), else the sha256
-- whose bytes the caller deletes (then it deletes the deleting marker).
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) > tonumber(ARGV[2]) then
  return false
end
redis.call('ZREM', KEYS[1], ARGV[1])
local sha = redis.call('HGET', KEYS[2], 'sha256')
redis.call('DEL', KEYS[2])
if not sha then
  return ''
end
local refs = ARGV[3] .. 'refs:' .. sha
redis.call('SREM', refs, ARGV[1])
if redis.call('SCARD', refs) > 0 or redis.call('EXISTS', ARGV[3] .. 'keep:' .. sha) == 1 then
  return ''
end
redis.call('SET', ARGV[3] .. 'deleting:' .. sha, '1', 'PX', ARGV[4])
return sha
