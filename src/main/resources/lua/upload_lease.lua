-- Renews or releases the lease of one PATCH on an upload, only when the caller still holds it.
-- KEYS[1] the lease key, KEYS[2] the upload's fence (the token of a holder asked to stop)
-- ARGV[1] the holder's token, ARGV[2] 'renew' or 'release', ARGV[3] ms
-- Returns 1 when the caller held the lease, 2 when it holds it and was asked to stop (renew),
-- else 0.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
if ARGV[2] == 'renew' then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  if redis.call('GET', KEYS[2]) == ARGV[1] then
    return 2
  end
else
  redis.call('DEL', KEYS[1], KEYS[2])
end
return 1
