-- Settles one delivery attempt of one destination in one atomic step, so an entry is always in
-- exactly one place: pending in the destination's consumer group, scheduled for a retry, in the
-- dead-letter stream, or done. A crash between an XACK and a retry record cannot lose it.
--
-- KEYS[1] tickets stream   KEYS[2] retry schedule (zset: entry id -> due ms)
-- KEYS[3] retry data (hash: e:<id> = event, m:<id> = "attempts|status|error")
-- KEYS[4] dead-letter stream
-- ARGV[1] mode: done | retry | dead
-- ARGV[2] entry id (of the tickets stream)
-- ARGV[3] the consumer group holding the entry, or '' when it is not held (a retry, a replay)
-- ARGV[4] due time in ms (retry)   ARGV[5] the event (retry, dead)
-- ARGV[6] attempts made   ARGV[7] last status (0 = no answer)   ARGV[8] last error
-- ARGV[9] a dead-letter entry to delete in the same step ('' = none; a replay)
-- ARGV[10] the event id (dead)
-- Returns 1, or 0 when the group no longer held the entry (another worker settled it).

local mode, id, group = ARGV[1], ARGV[2], ARGV[3]
if group ~= '' and redis.call('XACK', KEYS[1], group, id) == 0 then
  return 0
end
if ARGV[9] ~= '' then
  redis.call('XDEL', KEYS[4], ARGV[9])
end
if mode == 'retry' then
  redis.call('ZADD', KEYS[2], ARGV[4], id)
  redis.call('HSET', KEYS[3], 'e:' .. id, ARGV[5], 'm:' .. id,
    ARGV[6] .. '|' .. ARGV[7] .. '|' .. ARGV[8])
  return 1
end
redis.call('ZREM', KEYS[2], id)
redis.call('HDEL', KEYS[3], 'e:' .. id, 'm:' .. id)
if mode == 'dead' then
  redis.call('XADD', KEYS[4], '*', 'entry', id, 'eventId', ARGV[10], 'attempts', ARGV[6],
    'status', ARGV[7], 'error', ARGV[8], 'event', ARGV[5])
end
return 1
