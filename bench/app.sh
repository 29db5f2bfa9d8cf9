#!/usr/bin/env bash
# Load run against the app submission API (POST /channels/app/v1/submissions): HS256 JWT check,
# Idempotency-Key script, claim of two uploaded media, OpenAPI-schema validation, pseudonym, sealed
# contact, CloudEvents, the atomic accept script (AOF everysec) of the real gateway jar.
#   1. build target/intake-gateway.jar (SKIP_BUILD=1 skips)   2. start it, register 2 uploads
#   3. warm-up (unmeasured)   4. new: every key new -> tickets/s, p50/p99
#   5. replay: each thread cycles over $POOL keys -> mostly replays of stored answers
# After each run: XLEN delta of intake:{p0}:tickets == 201-new answers (up to the requests in flight
# when wrk stopped, <= $CONNS); no status other than 201 (and 409 in replay runs), no socket errors.
# Usage: bench/app.sh [outdir]   Env: DURATION=15 WARMUP=15 THREADS=2 CONNS=64 POOL=200
#        HTTP_PORT=28481 MGMT_PORT=29491 JAVA_OPTS="-Xms1g -Xmx1g" SKIP_BUILD=0
# Needs: java 17, wrk, redis-cli, curl, openssl. Only 127.0.0.1 is targeted; only the gateway this
# script started is stopped (by PID).
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-15}
THREADS=${THREADS:-2}
CONNS=${CONNS:-64}
POOL=${POOL:-200}
HTTP_PORT=${HTTP_PORT:-28481}
MGMT_PORT=${MGMT_PORT:-29491}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
URL=http://127.0.0.1:$HTTP_PORT/channels/app/v1/submissions
# development placeholders of config/gateway.yaml (bench only)
JWT_SECRET=bench-only-app-jwt-secret-0123456789abcdef
PSEUDONYM_KEY=dev-only-pseudonym-key-change-me-please-0000
SUBJECT=bench-app-user
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
bench_init app "${1:-}"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

build_jar
for port in "$HTTP_PORT" "$MGMT_PORT"; do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && die "port $port is in use (set HTTP_PORT / MGMT_PORT)"
done
cat > "$OUT/gateway-app.yaml" <<YAML
redis:
  embedded:
    maxMemory: 8gb
channels:
  app:
    auth:
      hs256Secret: $JWT_SECRET
YAML
start_gateway "$OUT/gateway-app.yaml"
rcli() { redis-cli -p "$REDIS_PORT" "$@"; }
xlen() { rcli XLEN 'intake:{p0}:tickets'; }

# one HS256 token valid for the whole run, and two uploads of its user (as the upload server
# registers them: owner = the user's pseudonym)
now=$(date +%s)
header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
payload=$(printf '{"sub":"%s","aud":"12345-app","iat":%d,"exp":%d}' "$SUBJECT" "$now" $((now + 3600)) | b64url)
sig=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$JWT_SECRET" -binary | b64url)
TOKEN="$header.$payload.$sig"
OWNER=$(printf 'APP_USER:%s' "$SUBJECT" | openssl dgst -sha256 -hmac "$PSEUDONYM_KEY" -binary | b64url)
for m in photo video; do
  sha=$(printf '%s' "$m" | sha256sum | cut -c1-64)
  rcli HSET "intake:{media}:m:m_bench_$m" owner "$OWNER" uri "file:///var/lib/intake/media/${sha:0:2}/$sha" \
    sha256 "$sha" size 1048576 type "$([[ $m == photo ]] && echo image/jpeg || echo video/mp4)" > /dev/null
done
cat > "$OUT/body.json" <<'JSON'
{"appealType":"投诉","text":"小区门口的路灯坏了一个多月，晚上很黑，请尽快维修。","location":{"address":"北京市朝阳区望京街道阜通东大街6号院","latitude":39.99614,"longitude":116.48074,"regionCode":"110105"},"contact":{"phone":"13800138000","name":"张先生"},"mediaIds":["m_bench_photo","m_bench_video"]}
JSON
probe=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H "Idempotency-Key: probe-$now" \
  -H 'Content-Type: application/json' --data-binary "@$OUT/body.json" "$URL")
[[ $probe == 201 ]] || die "probe submission answered $probe"

run() { # $1 name $2 seconds $3 key prefix [$4 pool]
  wrk -t"$THREADS" -c"$CONNS" -d"${2}s" -s "$HERE/wrk/app.lua" "$URL" -- "$OUT/body.json" "$TOKEN" "$3" ${4:-} \
    > "$OUT/wrk-$1.txt" 2>&1 || die "wrk $1 failed"
  grep '^RESULT' "$OUT/wrk-$1.txt" || die "no RESULT from $1"
}

log "warm-up: ${WARMUP}s"
run warm "$WARMUP" "w$now" > /dev/null
echo "| run | requests/s | tickets opened | replays | 409 | p50 ms | p90 ms | p99 ms | max ms | tickets XLEN Δ vs 201-new |" > "$OUT/summary.md"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|" >> "$OUT/summary.md"
status=0
for spec in "new:" "replay:$POOL"; do
  name=${spec%%:*}; pool=${spec#*:}
  sleep 2
  before=$(xlen)
  res=$(run "$name" "$DURATION" "$name$now" $pool)
  sleep 1
  delta=$(( $(xlen) - before ))
  created=$(field "$res" created)
  allowed409=$([[ $name == replay ]] && echo 1 || echo 0)
  ok=$(( delta >= created && delta - created <= CONNS && $(field "$res" sother) == 0 \
    && $(field "$res" errors) == 0 && (allowed409 == 1 || $(field "$res" s409) == 0) ))
  [[ $ok == 1 ]] && check="$delta vs $created OK" || { check="$delta vs $created FAILED"; status=2; }
  log "$name: $res"
  echo "| $name | $(field "$res" rps) | $created | $(field "$res" replayed) | $(field "$res" s409) | $(field "$res" p50_ms) | $(field "$res" p90_ms) | $(field "$res" p99_ms) | $(field "$res" max_ms) | $check |" >> "$OUT/summary.md"
done
cat "$OUT/summary.md"
exit $status
