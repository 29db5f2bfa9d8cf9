-- Registers an open 回访 survey under the address the citizen will answer from (docs/survey.md).
-- Runs on Redis 6.2+ (EVALSHA). One key, tagged with the answering pseudonym's partition {pN}.
--
-- KEYS[1] the citizen's open surveys (hash: ticket id -> "<tracking number> <expires ms>[ a]",
--         ' a' once answered)
-- ARGV[1] ticket id   ARGV[2] tracking number   ARGV[3] expires at (ms)   ARGV[4] now (ms)
--
-- Returns 1 when registered, 0 when the ticket's survey was already there (an answered one is
-- never reopened). Expired fields are dropped; the hash lives as long as its latest survey.

local index = KEYS[1]
local now = tonumber(ARGV[4])
local added = 0
if redis.call('HEXISTS', index, ARGV[1]) == 0 then
  redis.call('HSET', index, ARGV[1], ARGV[2] .. ' ' .. ARGV[3])
  added = 1
end
local latest = 0
local all = redis.call('HGETALL', index)
for i = 1, #all, 2 do
  local expires = tonumber(string.match(all[i + 1], '^%S+ (%d+)'))
  if expires == nil or expires <= now then
    redis.call('HDEL', index, all[i])
  elseif expires > latest then
    latest = expires
  end
end
if latest > 0 then
  redis.call('PEXPIREAT', index, latest)
end
return added
