-- Atomic reply request: dedup check -> the ticket exists -> XADD reply.requested -> SET dedup key.
-- Runs on Redis 6.2+ (EVALSHA). All KEYS share the ticket's hash tag {pN}, so it runs on a Cluster.
--
-- KEYS[1] dedup key of the request (the requester's Idempotency-Key, or the id of the event that
--         caused an automatic reply)   KEYS[2] the ticket's day status hash   KEYS[3] tickets stream
-- ARGV[1] dedup TTL seconds   ARGV[2] tracking number   ARGV[3] ticket id   ARGV[4] event type
-- ARGV[5] event (JSON)        ARGV[6] reply id
--
-- Returns {1, reply id} when appended, {0, original reply id} for a repeated request,
--         {-1} when the ticket is unknown (nothing written).

local prior = redis.call('GET', KEYS[1])
if prior then
  return {0, prior}
end
if redis.call('HGET', KEYS[2], ARGV[3]) ~= ARGV[2] then
  return {-1}
end
redis.call('XADD', KEYS[3], '*', 'type', ARGV[4], 'event', ARGV[5])
redis.call('SET', KEYS[1], ARGV[6], 'EX', ARGV[1])
return {1, ARGV[6]}
