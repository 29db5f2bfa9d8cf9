-- Claims due media fetches: members of the pending set scored <= now get score now + lease, so no
-- other poller (replica) takes them while this one works; a poller that dies leaves them due again
-- once the lease is over.
--
-- KEYS[1] pending set ({prefix}:{pN}:media:pending)
-- ARGV[1] now ms   ARGV[2] lease ms   ARGV[3] at most this many
--
-- Returns the claimed members.

local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local until_ms = tonumber(ARGV[1]) + tonumber(ARGV[2])
for _, member in ipairs(due) do
  redis.call('ZADD', KEYS[1], 'XX', until_ms, member)
end
return due
