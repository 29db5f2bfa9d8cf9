-- App submissions (POST /channels/app/v1/submissions) with a JWT and an Idempotency-Key per request.
--
--   wrk -t2 -c64 -d15s -s app.lua http://127.0.0.1:28481/channels/app/v1/submissions -- \
--       <body.json> <jwt> <key-prefix> [replay-pool]
--
-- Without replay-pool every request carries a new key (<key-prefix>-<thread>-<n>): one new ticket
-- each. With replay-pool N, request n of a thread uses key <key-prefix>-<thread>-<n mod N>: the first
-- N of each thread open tickets, every later one is a replay of a stored answer.
-- Counts 201 new / 201 replayed (Idempotent-Replayed: true) / 409 / other statuses per thread and
-- prints one machine-readable RESULT line.

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
  prefix = args[3] .. "-" .. tid .. "-"
  pool = tonumber(args[4] or "0")
  n = 0
  created, replayed, c409, cother = 0, 0, 0, 0
  headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. args[2],
  }
end

function request()
  n = n + 1
  local k = n
  if pool > 0 then
    k = n % pool
  end
  headers["Idempotency-Key"] = prefix .. k
  return wrk.format("POST", nil, headers, body)
end

function response(status, hdrs, resp)
  if status == 201 then
    if hdrs["Idempotent-Replayed"] == "true" then
      replayed = replayed + 1
    else
      created = created + 1
    end
  elseif status == 409 then
    c409 = c409 + 1
  else
    cother = cother + 1
  end
end

function done(summary, latency, requests)
  local c, r, i, o = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    r = r + t:get("replayed")
    i = i + t:get("c409")
    o = o + t:get("cother")
  end
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d rps=%.0f created=%d replayed=%d s409=%d sother=%d errors=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.requests / secs, c, r, i, o,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
