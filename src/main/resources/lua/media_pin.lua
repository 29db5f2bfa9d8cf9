-- Pins stored bytes for a media id before the bytes are (re)stored, so no sweeper deletes them.
-- KEYS[1] the refs set of a sha256, KEYS[2] its deleting marker, KEYS[3] its keep marker
-- ARGV[1] media id, ARGV[2] '1' when the bytes were in the store before anyone pinned them
--         (stored by another channel: they must outlive every upload that shares them)
-- Returns 0 while a sweeper is deleting these bytes (pin again shortly), else 1.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 0
end
if ARGV[2] == '1' and redis.call('SCARD', KEYS[1]) == 0 then
  redis.call('SET', KEYS[3], '1')
end
redis.call('SADD', KEYS[1], ARGV[1])
return 1
