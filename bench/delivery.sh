#!/usr/bin/env bash
# Delivery load run: the gateway pushes the tickets stream to one fast local destination
# (bench/DeliverySink.java answers 204 at once and measures, per event, accept -> arrival).
#   1. lag:        open loop at $LAG_RATE accepted tickets/s for $DURATION s (+5 s warm-up)
#                  -> accept->delivered lag p50/p99/max, every ticket delivered
#   2. throughput: the destination is disabled through the admin API, $BACKLOG tickets are
#                  accepted, the destination is enabled -> delivered events/s while the backlog drains
#   (0. warm-up, unmeasured: a $WARM-ticket backlog accepted and drained once)
# Usage: bench/delivery.sh [outdir]    Env: LAG_RATE=1000 DURATION=20 BACKLOG=20000 WARM=15000 SKIP_BUILD=0
#        HTTP_PORT=18180 MGMT_PORT=19190 SINK_PORT=18190 CONCURRENCY=64 JAVA_OPTS="-Xms1g -Xmx1g"
# Needs: java 17, curl. Only 127.0.0.1 is targeted; only processes started here are stopped.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
LAG_RATE=${LAG_RATE:-1000}
DURATION=${DURATION:-20}
BACKLOG=${BACKLOG:-20000}
HTTP_PORT=${HTTP_PORT:-18180}
MGMT_PORT=${MGMT_PORT:-19190}
SINK_PORT=${SINK_PORT:-18190}
CONCURRENCY=${CONCURRENCY:-64}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
SECRET=whsec_ZGV2LW9ubHktZGVtby13ZWJob29rLXNlY3JldC1jaGFuZ2UtbWU=   # the default config's dev source
TOKEN=bench-admin-token-0123456789abcdef
JAR=$ROOT/target/intake-gateway.jar
URL=http://127.0.0.1:$HTTP_PORT/channels/webhook/demo
ADMIN=http://127.0.0.1:$MGMT_PORT/admin/delivery/destinations/sink
OUT=${1:-$HERE/out/delivery-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
TMPD=$(mktemp -d /tmp/intake-delivery.XXXXXX)
GW_PID=

log() { echo "[$(date +%T)] $*" | tee -a "$OUT/run.log" >&2; }
die() { log "ERROR: $*"; cleanup; exit 1; }
cleanup() {
  [[ -n $GW_PID ]] && kill "$GW_PID" 2>/dev/null && wait "$GW_PID" 2>/dev/null
  rm -rf "$TMPD"
}
trap 'cleanup' EXIT

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -Dspotless.check.skip -Dcheckstyle.skip -Djacoco.skip package) \
    || die "build failed"
fi
cat > "$OUT/gateway-delivery.yaml" <<EOF
redis:
  embedded:
    maxMemory: 8gb
delivery:
  adminToken: $TOKEN
  pollInterval: 200ms
  destinations:
    sink:
      url: http://127.0.0.1:$SINK_PORT/hook
      secrets: ['whsec_YmVuY2gtb25seS1kZWxpdmVyeS1zaW5rLXNlY3JldCE=']
      maxConcurrency: $CONCURRENCY
      requestTimeout: 5s
EOF

sink() { # $1 name  $2 expected events; prints RESULT into $OUT/sink-$1.txt when done
  java -Xms256m -Xmx256m -cp "$JAR" "$HERE/DeliverySink.java" --port "$SINK_PORT" --expect "$2" \
    --timeout 180 > "$OUT/sink-$1.txt" 2>&1 &
  SINK_PID=$!
  for _ in $(seq 1 100); do grep -q READY "$OUT/sink-$1.txt" 2>/dev/null && return 0; sleep 0.2; done
  die "sink did not start"
}
load() { # $1 rate  $2 seconds  $3 warm-up seconds  $4 name
  java -Xms256m -Xmx256m -cp "$JAR" "$HERE/OpenLoad.java" --url "$URL" --secret "$SECRET" \
    --body "$HERE/body.json" --rate "$1" --duration "$2" --warmup "$3" --connections 32 \
    --tag "d$RANDOM" > "$OUT/load-$4.txt" 2>&1 || die "load $4 failed (see load-$4.txt)"
  grep '^RESULT' "$OUT/load-$4.txt"
}
admin() { curl -fsS -X POST -H "Authorization: Bearer $TOKEN" "$ADMIN/$1" > /dev/null || die "admin $1 failed"; }

# ---- the gateway
INTAKE_DATA_DIR="$TMPD/data" INTAKE_HTTP_PORT=$HTTP_PORT INTAKE_MANAGEMENT_PORT=$MGMT_PORT \
  java $JAVA_OPTS ${GW_EXTRA_OPTS:-} -jar "$JAR" --config "$OUT/gateway-delivery.yaml" > "$OUT/gateway.log" 2>&1 &
GW_PID=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$MGMT_PORT/health/ready" > /dev/null && break; sleep 0.3; done
curl -fs "http://127.0.0.1:$MGMT_PORT/health/ready" > /dev/null || die "gateway not ready (see gateway.log)"
log "gateway pid $GW_PID ready; destination sink -> 127.0.0.1:$SINK_PORT, concurrency $CONCURRENCY"

# ---- 0 warm-up (unmeasured): a backlog of $WARM tickets drained once, so the JIT has compiled the
#        accept and the delivery path before anything is measured
WARM=${WARM:-15000}
admin disable
sink warm "$WARM"
log "warm-up: accepting $WARM tickets with the destination disabled, then draining them"
load 3000 $(( WARM / 3000 )) 0 warm > /dev/null
admin enable
wait "$SINK_PID"

# ---- 1 lag at a fixed accept rate (the generator's warm-up tickets are delivered too)
sink lag $(( LAG_RATE * (DURATION + 5) ))
log "lag: open loop at $LAG_RATE tickets/s for ${DURATION}s (+5s warm-up)"
LOAD1=$(load "$LAG_RATE" "$DURATION" 5 lag)
wait "$SINK_PID"
LAG=$(grep '^RESULT' "$OUT/sink-lag.txt") || die "sink (lag) produced no RESULT"
log "lag: $LAG"

# ---- 2 throughput: a backlog drained at the destination's pace
admin disable
sink drain "$BACKLOG"
rate=5000
secs=$(( BACKLOG / rate ))
log "throughput: destination disabled, accepting $BACKLOG tickets ($rate/s for ${secs}s)"
LOAD2=$(load "$rate" "$secs" 0 backlog)
admin enable
log "throughput: destination enabled, draining"
wait "$SINK_PID"
DRAIN=$(grep '^RESULT' "$OUT/sink-drain.txt") || die "sink (drain) produced no RESULT"
log "throughput: $DRAIN"

field() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }
ok=OK
[[ $(field "$LAG" complete) == true && $(field "$DRAIN" complete) == true ]] || ok=INCOMPLETE
{
  echo "| run | tickets | delivered events/s | lag p50 ms | lag p99 ms | lag max ms | duplicates | check |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|"
  echo "| lag at $LAG_RATE/s | $(field "$LAG" events) | $(field "$LAG" events_per_s) | $(field "$LAG" lag_p50_ms) | $(field "$LAG" lag_p99_ms) | $(field "$LAG" lag_max_ms) | $(field "$LAG" duplicates) | $ok |"
  echo "| backlog drain | $(field "$DRAIN" events) | $(field "$DRAIN" events_per_s) | - | - | - | $(field "$DRAIN" duplicates) | $ok |"
  echo
  echo "accept side: lag run $(echo "$LOAD1" | cut -c1-120); backlog run $(echo "$LOAD2" | cut -c1-120)"
} | tee "$OUT/summary.md"
[[ $ok == OK ]] || exit 2
