-- Signed Standard Webhooks POSTs against the gateway's webhook channel, replayed from files that
-- bench/SignBulk.java wrote (wrk's LuaJIT cannot compute HMAC-SHA256 cheaply).
--
--   wrk -t2 -c64 -d15s -s webhook.lua http://127.0.0.1:18080/channels/webhook/demo -- <body.json> <signed-prefix>
--
-- Thread i (1-based) reads <signed-prefix>.i: line 1 = webhook-timestamp, then "<webhook-id> <signature>"
-- per request, sent in file order (SignBulk decides the new/duplicate mix). Should a thread run out,
-- it starts over (those become duplicates) and counts it in "wrapped" - run.sh treats wrapped > 0 as
-- a failed run (sign more requests). A line with a third field "<k>" (SignBulk --citizens) is sent
-- with <signed-prefix>.body.<k> instead of <body.json> (bench/cluster.sh: many citizens, so many
-- partitions).
-- Counts 202 / 200 / other statuses per thread and prints one machine-readable RESULT line.

local threads = {}
local next_tid = 1

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  table.insert(threads, thread)
end

function init(args)
  local bf = assert(io.open(args[1], "rb"))
  body = bf:read("*a")
  bf:close()
  local f = assert(io.open(args[2] .. "." .. tid, "r"))
  local ts = f:read("*l")
  ids, sigs, which, bodies = {}, {}, {}, {}
  local n = 0
  for line in f:lines() do
    local sp = string.find(line, " ", 1, true)
    local sp2 = string.find(line, " ", sp + 1, true)
    n = n + 1
    ids[n] = string.sub(line, 1, sp - 1)
    if sp2 then
      sigs[n] = string.sub(line, sp + 1, sp2 - 1)
      local k = string.sub(line, sp2 + 1)
      which[n] = k
      if not bodies[k] then
        local kf = assert(io.open(args[2] .. ".body." .. k, "rb"))
        bodies[k] = kf:read("*a")
        kf:close()
      end
    else
      sigs[n] = string.sub(line, sp + 1)
    end
  end
  f:close()
  count, i, wrapped = n, 0, 0
  c202, c200, cother = 0, 0, 0
  headers = { ["Content-Type"] = "application/json", ["webhook-timestamp"] = ts }
end

function request()
  i = i + 1
  if i > count then
    i = 1
    wrapped = wrapped + 1
  end
  headers["webhook-id"] = ids[i]
  headers["webhook-signature"] = sigs[i]
  local k = which[i]
  return wrk.format("POST", nil, headers, k and bodies[k] or body)
end

function response(status, hdrs, resp_body)
  if status == 202 then
    c202 = c202 + 1
  elseif status == 200 then
    c200 = c200 + 1
  else
    cother = cother + 1
    if cother <= 3 then
      io.stderr:write("unexpected status " .. status .. ": " .. tostring(resp_body) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local s202, s200, sother, wr = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    s202 = s202 + t:get("c202")
    s200 = s200 + t:get("c200")
    sother = sother + t:get("cother")
    wr = wr + t:get("wrapped")
  end
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d secs=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f mean_ms=%.3f "
      .. "s202=%d s200=%d sother=%d wrapped=%d err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    s202, s200, sother, wr, e.connect, e.read, e.write, e.status, e.timeout))
end
