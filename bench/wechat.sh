#!/usr/bin/env bash
# WeChat safe-mode load run: encrypted, signed text pushes (bench/OpenLoad.java --wechat) from 5,000
# openids against /channels/wechat/bench, open loop at fixed rates, latency from each push's due
# time. WeChat gives a server 5 seconds; the figure that matters is the p99 far below that.
#   1. warm-up (unmeasured)  2. one run per rate in $RATES (the generator's own 5 s warm-up at the
#   same rate first, unmeasured: a fresh generator JVM is cold)
# After every run: XLEN delta of intake:{p0}:messages == pushes answered 200, warm-up included
# (each MsgId is new).
# Usage: bench/wechat.sh [outdir]   Env: RATES="1000 2000 4000" DURATION=15 SKIP_BUILD=0
#        HTTP_PORT=18280 MGMT_PORT=19290 JAVA_OPTS="-Xms1g -Xmx1g"
# Needs: java 17, curl, redis-cli. Only 127.0.0.1 is targeted.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
RATES=${RATES:-1000 2000 4000}
DURATION=${DURATION:-15}
HTTP_PORT=${HTTP_PORT:-18280}
MGMT_PORT=${MGMT_PORT:-19290}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
JAR=$ROOT/target/intake-gateway.jar
# WeChat's public test account values (token, EncodingAESKey, appId): development only
TOKEN=pamtest
AES_KEY=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG
APP_ID=wxb11529c136998cb6
URL=http://127.0.0.1:$HTTP_PORT/channels/wechat/bench
OUT=${1:-$HERE/out/wechat-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
TMPD=$(mktemp -d /tmp/intake-wechat.XXXXXX)
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
cat > "$OUT/gateway-wechat.yaml" <<EOF
redis:
  embedded:
    maxMemory: 8gb
channels:
  wechat:
    accounts:
      bench:
        token: $TOKEN
        appId: $APP_ID
        encodingAesKey: $AES_KEY
        appSecret: bench-only-app-secret
        mode: safe
        passiveReply: "您的诉求已受理，受理编号 {trackingNumber}。"
EOF
INTAKE_DATA_DIR="$TMPD/data" INTAKE_HTTP_PORT=$HTTP_PORT INTAKE_MANAGEMENT_PORT=$MGMT_PORT \
  java $JAVA_OPTS ${GW_EXTRA_OPTS:-} -jar "$JAR" --config "$OUT/gateway-wechat.yaml" > "$OUT/gateway.log" 2>&1 &
GW_PID=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$MGMT_PORT/health/ready" > /dev/null && break; sleep 0.3; done
curl -fs "http://127.0.0.1:$MGMT_PORT/health/ready" > /dev/null || die "gateway not ready (see gateway.log)"
REDIS_PORT=$(grep -o 'embedded redis-server on 127.0.0.1:[0-9]*' "$OUT/gateway.log" | head -1 | cut -d: -f2)
xlen() { redis-cli -p "$REDIS_PORT" XLEN 'intake:{p0}:messages'; }
log "gateway pid $GW_PID ready; embedded redis on :$REDIS_PORT"

run() { # $1 name $2 rate $3 seconds $4 warm-up seconds
  java -Xms256m -Xmx256m -cp "$JAR" "$HERE/OpenLoad.java" --wechat "$TOKEN,$AES_KEY,$APP_ID" \
    --url "$URL" --body "$HERE/body.txt" --rate "$2" --duration "$3" --warmup "$4" --connections 64 \
    --tag "w$RANDOM" > "$OUT/load-$1.txt" 2>&1 || die "load $1 failed"
  grep '^RESULT' "$OUT/load-$1.txt" || die "no RESULT from $1"
}
field() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }

log "warm-up: 1000 pushes/s for 20 s"
run warm 1000 20 0 > /dev/null
echo "| rate (pushes/s) | answered/s | p50 ms | p90 ms | p99 ms | max ms | generator send-lag p99 ms | xlen Δ = answered 200 |" > "$OUT/summary.md"
echo "|---:|---:|---:|---:|---:|---:|---:|---|" >> "$OUT/summary.md"
status=0
for rate in $RATES; do
  before=$(xlen)
  res=$(run "r$rate" "$rate" "$DURATION" 5)
  sleep 1
  delta=$(( $(xlen) - before ))
  answered=$(( $(field "$res" s200) + $(field "$res" warm_s200) ))
  ok=$(( delta == answered && $(field "$res" sother) == 0 && $(field "$res" errors) == 0 ))
  [[ $ok == 1 ]] && check="$delta OK" || { check="$delta / $answered FAILED"; status=2; }
  log "rate $rate: $res"
  echo "| $rate | $(field "$res" rps) | $(field "$res" p50_ms) | $(field "$res" p90_ms) | $(field "$res" p99_ms) | $(field "$res" max_ms) | $(field "$res" send_lag_p99_ms) | $check |" >> "$OUT/summary.md"
done
cat "$OUT/summary.md"
exit $status
