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
# WeChat's public test account values (token, EncodingAESKey, appId): development only
TOKEN=pamtest
AES_KEY=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG
APP_ID=wxb11529c136998cb6
URL=http://127.0.0.1:$HTTP_PORT/channels/wechat/bench
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
bench_init wechat "${1:-}"

build_jar
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
start_gateway "$OUT/gateway-wechat.yaml"
xlen() { redis-cli -p "$REDIS_PORT" XLEN 'intake:{p0}:messages'; }

run() { # $1 name $2 rate $3 seconds $4 warm-up seconds
  java -Xms256m -Xmx256m -cp "$ROOT/target/intake-gateway.jar" "$HERE/OpenLoad.java" --wechat "$TOKEN,$AES_KEY,$APP_ID" \
    --url "$URL" --body "$HERE/body.txt" --rate "$2" --duration "$3" --warmup "$4" --connections 64 \
    --tag "w$RANDOM" > "$OUT/load-$1.txt" 2>&1 || die "load $1 failed"
  grep '^RESULT' "$OUT/load-$1.txt" || die "no RESULT from $1"
}

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
