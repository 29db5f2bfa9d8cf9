-- Releases an Idempotency-Key after its request failed without a ticket (bad media reference,
-- store trouble), so the app may retry at once, with the same body or a corrected one.
-- KEYS[1] key record   KEYS[2] in-flight lock   KEYS[3] accept dedup key
-- ARGV[1] the lock token of the failed request
-- Returns 1 when released, 0 when the lock was no longer this request's (nothing changed).

if redis.call('GET', KEYS[2]) ~= ARGV[1] then
  return 0
end
redis.call('DEL', KEYS[2])
if redis.call('EXISTS', KEYS[3]) == 0 then
  redis.call('DEL', KEYS[1])
end
return 1
