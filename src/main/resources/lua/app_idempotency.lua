-- Idempotency-Key check of an app submission (IETF httpapi draft semantics), before its accept.
-- Runs on Redis 6.2+ (EVALSHA). All KEYS share the submitting citizen's hash tag {pN}.
--
-- KEYS[1] key record: the body fingerprint first seen with this user's Idempotency-Key
-- KEYS[2] in-flight lock of that key
-- KEYS[3] the accept dedup key of (user, key, this fingerprint): set by accept.lua in the same
--         atomic step as the ticket, so "answered" and "ticket appended" cannot disagree
-- ARGV[1] the body fingerprint   ARGV[2] key record TTL seconds (>= the dedup TTL)
-- ARGV[3] lock TTL milliseconds  ARGV[4] lock token (unique per request)
--
-- Returns {'mismatch'} when the key was used with another body, {'done', "<message id> <ticket
-- id> <tracking number>"} when this request was accepted before, {'in_flight'} while another
-- request with this key holds the lock, else takes the lock and returns {'proceed'}.

local first = redis.call('GET', KEYS[1])
if first and first ~= ARGV[1] then
  return {'mismatch'}
end
local done = redis.call('GET', KEYS[3])
if done then
  return {'done', done}
end
if not redis.call('SET', KEYS[2], ARGV[4], 'NX', 'PX', ARGV[3]) then
  return {'in_flight'}
end
if not first then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
end
return {'proceed'}
