-- Asks the PATCH holding an upload's lease to stop (its client went silent and a HEAD asks where
-- to resume): the holder sees it at its next renewal, records what it wrote and lets go.
-- KEYS[1] the lease, KEYS[2] the fence; ARGV[1] how long the request stands (ms)
-- Returns 1 when a PATCH held the lease (it is now asked to stop), else 0.
local holder = redis.call('GET', KEYS[1])
if not holder then
  return 0
end
redis.call('SET', KEYS[2], holder, 'PX', ARGV[1])
return 1
