-- Renews or releases the lease of one PATCH on an upload, only when the caller still holds it.
-- KEYS[1] the lease key; ARGV[1] the holder's token, ARGV[2] 'renew' or 'release', ARGV[3] ms
-- Returns 1 when the caller held the lease, else 0.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
if ARGV[2] == 'renew' then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
else
  redis.call('DEL', KEYS[1])
end
return 1
