-- Fixed-window rate limits, all or nothing.
-- KEYS[i] the counter of limit i in its current window
-- ARGV[2i-1] limit i's max, ARGV[2i] limit i's window length (ms)
-- Returns {1} when every counter was below its max (all incremented), else
-- {0, i, pttl of counter i} for the first exhausted limit (nothing incremented).
for i = 1, #KEYS do
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  if count >= tonumber(ARGV[2 * i - 1]) then
    return {0, i, redis.call('PTTL', KEYS[i])}
  end
end
for i = 1, #KEYS do
  if redis.call('INCR', KEYS[i]) == 1 then
    redis.call('PEXPIRE', KEYS[i], ARGV[2 * i])
  end
end
return {1}
