-- The ticket rule shared by accept.lua, conversation.lua and call.lua: drawing a tracking number and
-- indexing a new ticket's status record. LuaScript splices this file where a script has an include
-- line for "ticket", so the three scripts run one copy of the rule (docs/architecture.md).
-- Every key is passed in by the caller (KEYS of the including script).

-- Luhn check digit over a digit string, doubling the rightmost digit and every second to its left.
-- partial: the Luhn sum of the prefix's digits in their final positions when the sequence has six
-- digits (TrackingNumbers.prefixLuhnSum), or nil; with it the common case is six digits of arithmetic.
local function ticket_luhn_digit(d, double)
  if double then
    d = d * 2
    if d > 9 then d = d - 9 end
  end
  return d
end

local function ticket_check_digit(body, seq, partial)
  local sum, double = 0, true
  if partial and seq < 1000000 then
    sum = tonumber(partial)
    for _ = 1, 6 do
      local d = seq % 10
      seq = (seq - d) / 10
      sum = sum + ticket_luhn_digit(d, double)
      double = not double
    end
  else
    for i = #body, 1, -1 do
      sum = sum + ticket_luhn_digit(string.byte(body, i) - 48, double)
      double = not double
    end
  end
  return (10 - sum % 10) % 10
end

-- Draws the next tracking number of the day: prefix (yyMMdd + 2-digit partition) + sequence of at
-- least 6 digits + check digit. The day's first number sets the sequence key's TTL (a fence that
-- advanced the sequence after a Redis restart sets it too: fence.lua).
local function ticket_draw(seq_key, prefix, seq_ttl, partial)
  local seq = redis.call('INCR', seq_key)
  if seq == 1 then
    redis.call('EXPIRE', seq_key, seq_ttl)
  end
  local body = prefix .. string.format('%06d', seq)
  return body .. ticket_check_digit(body, seq, partial)
end

-- The status index (docs/status.md): one hash per partition and day, field tracking number ->
-- status record, field ticket id -> tracking number. A new day's hash gets its TTL here; status.lua
-- extends it. route: the ticket's reply route (docs/replies.md: {"seal": sealed address, "at": last
-- interaction ms}), '' or nil = none; kept as field "route:<ticket id>" so it expires with the record.
local function ticket_index(status_key, tracking, ticket, record, ttl, route)
  if route and route ~= '' then
    redis.call('HSET', status_key, tracking, record, ticket, tracking, 'route:' .. ticket, route)
  else
    redis.call('HSET', status_key, tracking, record, ticket, tracking)
  end
  if redis.call('TTL', status_key) < 0 then
    redis.call('EXPIRE', status_key, ttl)
  end
end
