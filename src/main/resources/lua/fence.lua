-- Tracking-number fence (docs/durability.md): a Redis that restarted or failed over under
-- appendfsync everysec may have lost its last writes, and with them tracking numbers already given
-- to citizens. Once per Redis run (run_id) and partition, advance the day sequences past anything
-- that may have been issued, before the next number is drawn. Idempotent: a second gateway (or
-- event loop) meeting the same run does nothing. Runs on Redis 6.2+; all KEYS share the hash tag
-- {pN}, so it also runs on a Cluster.
--
-- KEYS[1] the partition's fence record ({prefix}:{pN}:seq:fence: the run_id last fenced)
-- KEYS[2] today's sequence (created at the margin when missing: its first numbers may be the lost
--         ones)   KEYS[3] yesterday's sequence (advanced only when it exists)
-- ARGV[1] run_id, or '' to read it here from INFO server (on a Cluster: the run of the master that
--         holds this partition's slot, which a connection-level INFO cannot name)
-- ARGV[2] margin   ARGV[3] sequence TTL seconds
--
-- Returns 1 when this call advanced the sequences, 0 when this run was fenced already or the
-- partition is new (no fence record and no sequence: nothing was ever issued, numbers start at 1).
-- A new partition gets no record (a gateway's first contact writes no key): a gateway that first
-- meets the same run after numbers were drawn in it finds sequences but no record and fences once,
-- skipping the margin needlessly but harmlessly; from then on the record names the run.

local run = ARGV[1]
if run == '' then
  run = string.match(redis.call('INFO', 'server'), 'run_id:(%x+)')
end
local fenced = redis.call('GET', KEYS[1])
if fenced == run then
  return 0
end
if fenced == false and redis.call('EXISTS', KEYS[2], KEYS[3]) == 0 then
  return 0
end
local margin = tonumber(ARGV[2])
if redis.call('INCRBY', KEYS[2], margin) == margin then
  redis.call('EXPIRE', KEYS[2], ARGV[3])
end
if redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('INCRBY', KEYS[3], margin)
end
redis.call('SET', KEYS[1], run)
return 1
