-- Early warning (included by signals_observe.lua): per series (category or watched keyword x
-- region code) and window, ticket counts in step-long buckets; when an event of a later bucket
-- arrives, every window that ended since is evaluated against its EWMA baseline (frozen while an
-- alert is open): count >= max(floor, factor x baseline) raises, falling below it clears.
local function windowCount(st, k, steps)
  local n = 0
  for _, b in ipairs(st.b) do
    if b[1] <= k and b[1] > k - steps then n = n + b[2] end
  end
  return n
end

local function evaluate(st, s, w, k)
  local cnt = windowCount(st, k, w.steps)
  local thr = math.max(w.floor, w.factor * st.e)
  if st.o == nil and cnt >= thr then
    st.o = k
    out[#out + 1] = {k = 'raised', s = s, w = w.name, step = k, count = cnt, base = st.e, thr = thr}
  elseif st.o ~= nil and cnt < thr then
    out[#out + 1] = {k = 'cleared', s = s, w = w.name, step = k, raised = st.o, count = cnt, base = st.e, thr = thr}
    st.o = nil
  end
  if st.o == nil then
    st.e = cfg.alpha * cnt + (1 - cfg.alpha) * st.e
  end
end

local function advance(st, s, w, i)
  local last = math.min(i - 1, st.l + w.steps)
  for k = st.l, last do
    evaluate(st, s, w, k)
  end
  local idle = (i - 1) - last
  if idle > 0 then
    if st.o ~= nil then
      evaluate(st, s, w, last + 1)
      idle = idle - 1
    end
    if st.o == nil then
      st.e = st.e * (1 - cfg.alpha) ^ idle
    end
  end
  st.l = i
end

local function alerts(series, t)
  local i = math.floor(t / cfg.step)
  for _, s in ipairs(series) do
    for _, w in ipairs(cfg.windows) do
      local field = s .. '|' .. w.name
      local json = redis.call('HGET', KEYS[12], field)
      local st = json and cjson.decode(json) or {l = i, e = 0, b = {}}
      if i > st.l then
        advance(st, s, w, i)
      end
      local kept, added = {}, false
      for _, b in ipairs(st.b) do
        if b[1] == i then b[2] = b[2] + 1; added = true end
        if b[1] > st.l - w.steps then kept[#kept + 1] = b end
      end
      if not added and i > st.l - w.steps then kept[#kept + 1] = {i, 1} end
      st.b = kept
      redis.call('HSET', KEYS[12], field, cjson.encode(st))
    end
  end
end
