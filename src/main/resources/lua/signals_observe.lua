-- Governance signals, one source event observed atomically (docs/signals.md). Redis 6.2+.
-- Records a ticket, a closure or a reopening in the signal state and returns the findings it
-- causes (as JSON); the worker turns each finding into an event with signals_emit.lua. An event
-- id seen before returns the findings stored for it and changes nothing (at-least-once input).
-- Every rule is evaluated on sets (all repeat pairs of a citizen, all duplicate pairs in a window),
-- so the findings do not depend on the order partitions are read in; only alert steps do.
--
-- KEYS (one hash tag): [1] seen (event id -> findings)  [2] seen times (zset)  [3] ticket
-- records (ticket id -> JSON)  [4] ticket times (zset)  [5] place index (lex zset
-- "cell|time|ticket")  [6] closures (ticket id -> ms)  [7] groups (citizen -> group)
-- [8] members (group -> citizens)  [9] citizen tickets (group -> ticket ids)  [10] claims
-- (verified key -> "citizen@ms ...")  [11] parked keys  [12] alert series state
-- ARGV[1] the observation (JSON)   ARGV[2] the rules (JSON)

local o = cjson.decode(ARGV[1])
local cfg = cjson.decode(ARGV[2])
local prior = redis.call('HGET', KEYS[1], o.id)
if prior then
  return prior
end
local out = {}

local function pad(ms)
  return string.format('%015d', ms)
end

local function words(s)
  local list = {}
  if s then
    for w in string.gmatch(s, '%S+') do
      list[#list + 1] = w
    end
  end
  return list
end

-- a ticket record as findings carry it (without its index cells)
local function record(id)
  local json = redis.call('HGET', KEYS[3], id)
  local r = json and cjson.decode(json) or nil
  if r then r.cells = nil end
  return r
end

local function group(citizen)
  return redis.call('HGET', KEYS[7], citizen) or citizen
end

local function distance(a, b)
  local r = math.pi / 180
  local dlat = (b.lat - a.lat) * r
  local dlon = (b.lon - a.lon) * r
  local h = math.sin(dlat / 2) ^ 2 + math.cos(a.lat * r) * math.cos(b.lat * r) * math.sin(dlon / 2) ^ 2
  return 2 * 6371008.8 * math.asin(math.min(1, math.sqrt(h)))
end

-- same place: within the radius, or the same normalized address; returns how, and the distance
local function place(a, b)
  if a.lat and b.lat then
    local d = distance(a, b)
    if d <= cfg.radius then
      return 'radius', math.floor(d + 0.5)
    end
  end
  if a.a and a.a == b.a then
    return 'address', nil
  end
  return nil, nil
end

local function names(y, tn)
  for _, n in ipairs(y.n or {}) do
    if n == tn then
      return true
    end
  end
  return false
end

-- every (closed x, later y) pair of one citizen's tickets that is a repeat contact
local function repeats(g)
  local list = {}
  for _, id in ipairs(words(redis.call('HGET', KEYS[9], g))) do
    local r = record(id)
    if r then
      list[#list + 1] = r
    end
  end
  for _, x in ipairs(list) do
    local closed = tonumber(redis.call('HGET', KEYS[6], x.id) or '')
    for _, y in ipairs(closed and list or {}) do
      if y.id ~= x.id and y.t > closed and y.t <= closed + cfg.period then
        local how, d = nil, nil
        if names(y, x.tn) then
          how = 'tracking_number'
        elseif x.c == y.c then
          how, d = place(x, y)
        end
        if how then
          out[#out + 1] = {k = 'repeat', a = x, b = y, closedAt = closed, m = how, d = d}
        end
      end
    end
  end
end

local function merge(g1, g2)
  local keep, gone = g1, g2
  if g2 < g1 then keep, gone = g2, g1 end
  local members = words(redis.call('HGET', KEYS[8], gone) or gone)
  for _, m in ipairs(members) do
    redis.call('HSET', KEYS[7], m, keep)
  end
  redis.call('HSET', KEYS[7], keep, keep)
  local kept = redis.call('HGET', KEYS[8], keep) or keep
  redis.call('HSET', KEYS[8], keep, kept .. ' ' .. table.concat(members, ' '))
  local tickets = (redis.call('HGET', KEYS[9], keep) or '') .. ' ' .. (redis.call('HGET', KEYS[9], gone) or '')
  redis.call('HSET', KEYS[9], keep, tickets)
  redis.call('HDEL', KEYS[8], gone)
  redis.call('HDEL', KEYS[9], gone)
  return keep
end

-- a verified key: links its claimants of different schemes; a second claimant of one scheme parks it
local function claim(c, kind, key, t)
  if redis.call('HEXISTS', KEYS[11], key) == 1 then
    return
  end
  local claims = words(redis.call('HGET', KEYS[10], key))
  local scheme = string.match(c, '^[^:]+')
  for _, entry in ipairs(claims) do
    local other = string.match(entry, '^(.*)@')
    if other == c then
      return
    end
    if string.match(other, '^[^:]+') == scheme then
      redis.call('HSET', KEYS[11], key, kind)
      out[#out + 1] = {k = 'parked', key = key}
      return
    end
  end
  for _, entry in ipairs(claims) do
    local other, since = string.match(entry, '^(.*)@(%d+)$')
    local g1, g2 = group(other), group(c)
    if g1 ~= g2 then
      merge(g1, g2)
    end
    out[#out + 1] = {k = 'link', a = other, b = c, kind = kind, t = math.max(tonumber(since), t)}
  end
  claims[#claims + 1] = c .. '@' .. string.format('%d', t)
  redis.call('HSET', KEYS[10], key, table.concat(claims, ' '))
end

-- the earlier of two tickets was closed before the later one came (then it is a repeat, not new)
local function closedBefore(a, b)
  local first, second = a, b
  if b.t < a.t then first, second = b, a end
  local closed = tonumber(redis.call('HGET', KEYS[6], first.id) or '')
  return closed ~= nil and closed <= second.t
end

local function duplicates(r, g)
  local seen, pairs_ = {}, 0
  for _, cell in ipairs(o.query) do
    local from = '[' .. cell .. '|' .. pad(math.max(0, r.t - cfg.window))
    local to = '(' .. cell .. '|' .. pad(r.t + cfg.window + 1)
    for _, m in ipairs(redis.call('ZRANGEBYLEX', KEYS[5], from, to)) do
      local id = string.match(m, '([^|]+)$')
      local c = (id ~= r.id and not seen[id]) and record(id) or nil
      seen[id] = true
      local how, d = nil, nil
      if c then how, d = place(r, c) end
      local rel = nil
      if how and group(c.p) ~= g then
        rel = 'duplicate'
      elseif how and not closedBefore(c, r) then
        rel = 'supplement'
      end
      if rel and pairs_ < cfg.maxPairs then
        pairs_ = pairs_ + 1
        out[#out + 1] = {k = 'duplicate', a = c, b = r, rel = rel, m = how, d = d}
      elseif rel then
        out[#out + 1] = {k = 'overflow'}
      end
    end
  end
end

--#include signals_alerts

local function ticket()
  local r = o.record
  redis.call('HSET', KEYS[3], r.id, cjson.encode(r))
  r.cells = nil
  redis.call('ZADD', KEYS[4], r.t, r.id)
  for _, cell in ipairs(o.cells) do
    redis.call('ZADD', KEYS[5], 0, cell .. '|' .. pad(r.t) .. '|' .. r.id)
  end
  local g = group(r.p)
  local list = words(redis.call('HGET', KEYS[9], g))
  list[#list + 1] = r.id
  while #list > cfg.perCitizen do table.remove(list, 1) end
  redis.call('HSET', KEYS[9], g, table.concat(list, ' '))
  for _, v in ipairs(o.keys) do
    claim(r.p, v.kind, v.key, r.t)
  end
  g = group(r.p)
  repeats(g)
  duplicates(r, g)
  alerts(o.series, r.t)
end

local function status()
  if o.closed then
    redis.call('HSET', KEYS[6], o.ticket, string.format('%d', o.t))
  else
    redis.call('HDEL', KEYS[6], o.ticket)
  end
  local r = record(o.ticket)
  if r and o.closed then
    repeats(group(r.p))
  end
end

-- event-time retention: state older than the newest event minus the retention goes
local function prune(cutoff)
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', cutoff, 'LIMIT', 0, 100)) do
    local json = redis.call('HGET', KEYS[3], id)
    local r = json and cjson.decode(json) or nil
    for _, cell in ipairs(r and r.cells or {}) do
      redis.call('ZREM', KEYS[5], cell .. '|' .. pad(r.t) .. '|' .. id)
    end
    redis.call('HDEL', KEYS[3], id)
    redis.call('HDEL', KEYS[6], id)
    redis.call('ZREM', KEYS[4], id)
  end
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', cutoff, 'LIMIT', 0, 100)) do
    redis.call('HDEL', KEYS[1], id)
    redis.call('ZREM', KEYS[2], id)
  end
end

if o.record then
  o.record.cells = o.cells
  ticket()
else
  status()
end
local findings = #out == 0 and '[]' or cjson.encode(out)
redis.call('HSET', KEYS[1], o.id, findings)
redis.call('ZADD', KEYS[2], o.t, o.id)
prune(o.t - cfg.retention)
return findings
