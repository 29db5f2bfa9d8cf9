#!/usr/bin/env bash
# Replies bench: departments' replies through the reply worker to a local fake SMS provider.
#   1. start the gateway (bundled redis-server, AOF everysec) with replies on, the generic signed-HTTP
#      SMS provider pointed at bench/ReplyLoad.java's sink, webhook tickets chained [sms, callback]
#   2. ReplyLoad opens $TICKETS webhook tickets, then posts one reply per ticket at $RATE/s
#      (POST /v1/tickets/{id}/replies, pull API key) -> replies/s at the provider, request -> vendor
#      lag p50/p99/max, duplicates (a reply id reaching the provider twice: must be 0)
# Usage: bench/replies.sh [outdir]   Env: TICKETS=3000 RATE=300 WARM=1000 SKIP_BUILD=0
#        HTTP_PORT=18280 MGMT_PORT=19290 SINK_PORT=18290 CONCURRENCY=32 JAVA_OPTS="-Xms1g -Xmx1g"
# Needs: java 17, curl. Only 127.0.0.1 is targeted; only processes started here are stopped.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
TICKETS=${TICKETS:-3000}
RATE=${RATE:-300}
WARM=${WARM:-1000}
HTTP_PORT=${HTTP_PORT:-18280}
MGMT_PORT=${MGMT_PORT:-19290}
SINK_PORT=${SINK_PORT:-18290}
CONCURRENCY=${CONCURRENCY:-32}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
SECRET=whsec_ZGV2LW9ubHktZGVtby13ZWJob29rLXNlY3JldC1jaGFuZ2UtbWU=   # the default config's dev source
KEY=bench-replies-pull-key-0123456789abcdef
. "$HERE/lib.sh"
bench_init replies "${1:-}"
build_jar
cat > "$OUT/gateway-replies.yaml" <<EOF2
pull:
  consumers:
    bench:
      keySha256: $(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
replies:
  enabled: true
  maxConcurrency: $CONCURRENCY
  quietHours: { senders: [] }
  chains: { webhook: [sms, callback] }
  sms:
    provider: http
    url: http://127.0.0.1:$SINK_PORT/sms
    secrets: ['whsec_YmVuY2gtb25seS1zbXMtcHJvdmlkZXItc2VjcmV0IQ==']
    templates:
      answer: { code: SMS_BENCH, params: { t: text } }
EOF2
start_gateway "$OUT/gateway-replies.yaml"
run() { # $1 name $2 tickets
  java -Xms256m -Xmx256m -cp "$ROOT/target/intake-gateway.jar" "$HERE/ReplyLoad.java" \
    --url "http://127.0.0.1:$HTTP_PORT" --secret "$SECRET" --key "$KEY" --sink-port "$SINK_PORT" \
    --tickets "$2" --rate "$RATE" > "$OUT/load-$1.txt" 2>&1 || die "load $1 failed (see load-$1.txt)"
  grep '^RESULT' "$OUT/load-$1.txt"
}
log "warm-up: $WARM replies (unmeasured)"
run warm "$WARM" > /dev/null
log "measured: $TICKETS replies at $RATE/s"
R=$(run measured "$TICKETS")
log "$R"
curl -fs "http://127.0.0.1:$MGMT_PORT/metrics" | grep -E "^intake_(replies|delivery_latency|script)" > "$OUT/metrics.txt"
{
  echo "| replies | offered/s | sent/s at the provider | request->vendor p50 ms | p99 ms | max ms | duplicates |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  echo "| $(field "$R" sent) | $RATE | $(field "$R" rate) | $(field "$R" p50) | $(field "$R" p99) | $(field "$R" max) | $(field "$R" duplicates) |"
} | tee "$OUT/summary.md"
[[ $(field "$R" complete) == true && $(field "$R" duplicates) == 0 ]] || exit 2
