-- Takes the retries of one destination that are due, and leases them: their due time moves to
-- the lease end, so a worker that dies while delivering one leaves it due again after the lease,
-- and no other worker takes it meanwhile.
--
-- KEYS[1] retry schedule (zset)   KEYS[2] retry data (hash)
-- ARGV[1] now (ms)   ARGV[2] lease end (ms)   ARGV[3] at most this many
-- Returns id, event, "attempts|status|error" for each taken entry.

local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
local out = {}
for _, id in ipairs(ids) do
  local data = redis.call('HMGET', KEYS[2], 'e:' .. id, 'm:' .. id)
  if data[1] then
    redis.call('ZADD', KEYS[1], ARGV[2], id)
    out[#out + 1] = id
    out[#out + 1] = data[1]
    out[#out + 1] = data[2] or '0|0|'
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out
