-- Appends one signal event unless a signal with the same key was appended before: the key names
-- the source tickets (or alert step) the signal is about, so re-observing a source event, reading
-- it again after a crash, or finding the same pair from its other ticket emits nothing new.
--
-- KEYS (one hash tag): [1] emitted (signal key -> event id)  [2] emitted times (zset)
--   [3] the stream signals go to (live: partition 0's tickets stream, which delivery routes)
-- ARGV[1] signal key  [2] event id  [3] type  [4] event JSON  [5] event time (ms)
--   [6] retention cutoff (ms): older keys are forgotten
-- Returns 1 when appended, 0 when the signal was there already.
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
  return 0
end
redis.call('XADD', KEYS[3], '*', 'type', ARGV[3], 'event', ARGV[4])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
for _, key in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[6], 'LIMIT', 0, 100)) do
  redis.call('HDEL', KEYS[1], key)
  redis.call('ZREM', KEYS[2], key)
end
return 1
