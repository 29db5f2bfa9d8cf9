#!/usr/bin/env bash
# Telephony load run: signed generic CTI JSON call events (bench/OpenLoad.java --cti) against
# /channels/telephony/cti/bench, open loop at fixed rates. Request k is event k%4 (ringing, queued,
# answered, ended) of call k/4: every event is one EVALSHA of call.lua (dedup, message XADD, fold
# into the call's hash, open-calls zset), and every fourth also opens the call's ticket.
#   1. warm-up (unmeasured)  2. one run per rate in $RATES (the generator's own 5 s warm-up first)
# After every run: XLEN delta of the messages stream == events answered 202 (each webhook-id is
# new), and the tickets stream grew by one per call whose end event was answered.
# Usage: bench/telephony.sh [outdir]   Env: RATES="1000 2000 4000" DURATION=15 SKIP_BUILD=0
#        HTTP_PORT=18380 MGMT_PORT=19390 JAVA_OPTS="-Xms1g -Xmx1g"
# Needs: java 17, curl, redis-cli. Only 127.0.0.1 is targeted.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
RATES=${RATES:-1000 2000 4000}
DURATION=${DURATION:-15}
HTTP_PORT=${HTTP_PORT:-18380}
MGMT_PORT=${MGMT_PORT:-19390}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
JAR=$ROOT/target/intake-gateway.jar
# bench-only secret (Base64 of "bench-only-cti-secret-change-me-32b!")
SECRET=whsec_YmVuY2gtb25seS1jdGktc2VjcmV0LWNoYW5nZS1tZS0zMmIh
URL=http://127.0.0.1:$HTTP_PORT/channels/telephony/cti/bench
OUT=${1:-$HERE/out/telephony-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
TMPD=$(mktemp -d /tmp/intake-telephony.XXXXXX)
GW_PID=

log() { echo "[$(date +%T)] $*" | tee -a "$OUT/run.log" >&2; }
die() { log "ERROR: $*"; exit 1; }
cleanup() {
  [[ -n $GW_PID ]] && kill "$GW_PID" 2>/dev/null && wait "$GW_PID" 2>/dev/null
  rm -rf "$TMPD"
}
trap 'cleanup' EXIT

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -Dspotless.check.skip -Dcheckstyle.skip -Djacoco.skip package) \
    || die "build failed"
fi
cat > "$OUT/gateway-telephony.yaml" <<EOF
redis:
  embedded:
    maxMemory: 8gb
channels:
  telephony:
    cti:
      bench:
        description: bench PBX
        secrets: [ "$SECRET" ]
EOF
INTAKE_DATA_DIR="$TMPD/data" INTAKE_HTTP_PORT=$HTTP_PORT INTAKE_MANAGEMENT_PORT=$MGMT_PORT \
  java $JAVA_OPTS ${GW_EXTRA_OPTS:-} -jar "$JAR" --config "$OUT/gateway-telephony.yaml" > "$OUT/gateway.log" 2>&1 &
GW_PID=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$MGMT_PORT/health/ready" > /dev/null && break; sleep 0.3; done
curl -fs "http://127.0.0.1:$MGMT_PORT/health/ready" > /dev/null || die "gateway not ready (see gateway.log)"
REDIS_PORT=$(grep -o 'embedded redis-server on 127.0.0.1:[0-9]*' "$OUT/gateway.log" | head -1 | cut -d: -f2)
xlen() { redis-cli -p "$REDIS_PORT" XLEN "intake:{p0}:$1"; }
log "gateway pid $GW_PID ready; embedded redis on :$REDIS_PORT"

run() { # $1 name $2 rate $3 seconds $4 warm-up seconds
  java -Xms256m -Xmx256m -cp "$JAR" "$HERE/OpenLoad.java" --cti yes --secret "$SECRET" \
    --url "$URL" --body "$HERE/body.json" --rate "$2" --duration "$3" --warmup "$4" --connections 64 \
    --tag "t$RANDOM" > "$OUT/load-$1.txt" 2>&1 || die "load $1 failed"
  grep '^RESULT' "$OUT/load-$1.txt" || die "no RESULT from $1"
}
field() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }

log "warm-up: 1000 events/s for 20 s"
run warm 1000 20 0 > /dev/null
echo "| rate (events/s) | answered/s | p50 ms | p90 ms | p99 ms | max ms | generator send-lag p99 ms | messages delta = answered 202 | tickets delta |" > "$OUT/summary.md"
echo "|---:|---:|---:|---:|---:|---:|---:|---|---:|" >> "$OUT/summary.md"
status=0
for rate in $RATES; do
  before=$(xlen messages); tickets_before=$(xlen tickets)
  res=$(run "r$rate" "$rate" "$DURATION" 5)
  sleep 1
  delta=$(( $(xlen messages) - before )); tickets=$(( $(xlen tickets) - tickets_before ))
  answered=$(( $(field "$res" s202) + $(field "$res" warm_s202) ))
  ok=$(( delta == answered && $(field "$res" sother) == 0 && $(field "$res" errors) == 0 ))
  [[ $ok == 1 ]] && check="$delta OK" || { check="$delta / $answered FAILED"; status=2; }
  log "rate $rate: $res tickets=$tickets"
  echo "| $rate | $(field "$res" rps) | $(field "$res" p50_ms) | $(field "$res" p90_ms) | $(field "$res" p99_ms) | $(field "$res" max_ms) | $(field "$res" send_lag_p99_ms) | $check | $tickets |" >> "$OUT/summary.md"
done
# Redis-side cost of the state machine, independent of HTTP and of the generator sharing the box
redis-cli -p "$REDIS_PORT" INFO commandstats | grep -E '^cmdstat_(evalsha|eval):' | tee "$OUT/commandstats.txt"
cat "$OUT/summary.md"
exit $status
