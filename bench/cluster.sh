#!/usr/bin/env bash
# Webhook accept throughput on one redis-server vs a 3-master Redis Cluster, same box, one sitting
# (docs/redis.md, "Sizing" and "Cluster vs standalone"). Per run: fresh Redis (Debian's redis-server
# 7, AOF everysec, no AOF rewrite during the run), the gateway jar with P partitions (default 6) on
# it, wrk -t2 -c64 from CITIZENS different citizens (SignBulk --citizens: the load spreads over
# the partitions), WARMUP s unmeasured, then DURATION s measured. Runs alternate standalone,
# cluster, ROUNDS times. Prints per run: req/s, p50/p99, and, over the measured window, Redis
# commands, used_memory and AOF bytes per accepted ticket, CPU of gateway and Redis per request,
# and per master: keys, stream entries, commands. Also what else was running (top 5 by CPU).
#
# Usage: bench/cluster.sh [outdir]   Env: P=6 CITIZENS=600 DURATION=15 WARMUP=10 ROUNDS=2
#        JAR=target/intake-gateway.jar (built with build_jar unless SKIP_BUILD=1) BASE_PORT=17100
# Needs: java 17, wrk, /usr/bin/redis-server + redis-cli 7 (apt-get install -y wrk redis-server
# redis-tools), curl. Only 127.0.0.1; only processes it started are stopped, by PID.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
P=${P:-6}
CITIZENS=${CITIZENS:-600}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-10}
ROUNDS=${ROUNDS:-2}
THREADS=2
CONNS=64
BASE_PORT=${BASE_PORT:-17100}
HTTP_PORT=${HTTP_PORT:-18180}
MGMT_PORT=${MGMT_PORT:-19190}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
JAR=${JAR:-$ROOT/target/intake-gateway.jar}
SECRET=whsec_ZGV2LW9ubHktZGVtby13ZWJob29rLXNlY3JldC1jaGFuZ2UtbWU= # the default config's dev placeholder
URL=http://127.0.0.1:$HTTP_PORT/channels/webhook/demo
TICK=$(getconf CLK_TCK)
source "$HERE/lib.sh"
bench_init cluster "${1:-}"
REDIS_PIDS=()
cleanup_all() {
  bench_cleanup
  for pid in "${REDIS_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
}
trap cleanup_all EXIT
[[ -f $JAR ]] || build_jar
for cmd in java wrk /usr/bin/redis-server /usr/bin/redis-cli curl; do
  command -v "$cmd" > /dev/null || die "$cmd not found (apt-get install -y wrk redis-server redis-tools curl)"
done

# start_redis PORT [cluster]: a fresh redis-server in its own dir; appends its PID to REDIS_PIDS
start_redis() {
  local dir="$TMPD/redis-$1" extra=()
  rm -rf "$dir" && mkdir -p "$dir"   # a fresh server: no AOF, no nodes.conf of an earlier run
  [[ ${2:-} == cluster ]] && extra=(--cluster-enabled yes --cluster-config-file nodes.conf)
  /usr/bin/redis-server --port "$1" --bind 127.0.0.1 --dir "$dir" --appendonly yes \
    --appendfsync everysec --auto-aof-rewrite-percentage 0 --save '' --maxmemory-policy noeviction \
    "${extra[@]}" > "$dir/log" 2>&1 &
  REDIS_PIDS+=($!)
  for _ in $(seq 50); do /usr/bin/redis-cli -p "$1" ping 2> /dev/null | grep -q PONG && return; sleep 0.1; done
  die "redis-server on $1 did not start"
}
stop_redis() {
  for pid in "${REDIS_PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  REDIS_PIDS=()
}
info() { /usr/bin/redis-cli -p "$1" info "$2" | tr -d '\r'; }
field_of() { sed -n "s/^$2://p" <<< "$1"; }
# node_snap PORT -> "commands used_memory aof_bytes keys"
node_snap() {
  local s m p
  s=$(info "$1" stats); m=$(info "$1" memory); p=$(info "$1" persistence)
  echo "$(field_of "$s" total_commands_processed) $(field_of "$m" used_memory) $(field_of "$p" aof_current_size) $(/usr/bin/redis-cli -p "$1" dbsize)"
}
cmdstats() { info "$1" commandstats | sed -n 's/^cmdstat_\([a-z|]*\):calls=\([0-9]*\).*/\1 \2/p'; }
accepted() { curl -s --max-time 5 "http://127.0.0.1:$MGMT_PORT/metrics" | awk '/^intake_messages_accepted_total\{.*channel="webhook"/ {a=$NF} END {printf "%d", a}'; }
proc_ticks() { awk '{print $14+$15+$16+$17}' "/proc/$1/stat" 2>/dev/null || echo 0; }
redis_ticks() { local t=0; for pid in "${REDIS_PIDS[@]}"; do t=$(( t + $(proc_ticks "$pid") )); done; echo $t; }
others() { ps -eo pcpu,comm --sort=-pcpu | sed -n 2,6p | awk '{printf "%s %s%%; ", $2, $1}'; }

sign() { # $1 prefix  $2 tag  $3 seconds
  java "$HERE/SignBulk.java" --secret "$SECRET" --body "$HERE/body.json" --out "$1" --threads $THREADS \
    --count $(( 20000 * ($3 + 2) / THREADS )) --tag "$2" --citizens "$CITIZENS" 2>> "$OUT/run.log" || die "SignBulk failed"
}
wrk_run() { # $1 seconds  $2 signed prefix -> RESULT line
  wrk -t$THREADS -c$CONNS -d"$1s" --timeout 10s -s "$HERE/wrk/webhook.lua" "$URL" -- "$HERE/body.json" "$2" \
    > "$2.wrk" 2>&1
  grep '^RESULT' "$2.wrk" || { cat "$2.wrk" >&2; die "wrk produced no RESULT line"; }
}

# one run: $1 standalone|cluster  $2 round
run() {
  local topo=$1 round=$2 ports=() yaml="$TMPD/$1-$2.yaml"
  if [[ $topo == standalone ]]; then
    ports=($BASE_PORT); start_redis $BASE_PORT
    printf 'redis:\n  url: redis://127.0.0.1:%s\nstream:\n  partitions: %s\n' $BASE_PORT "$P" > "$yaml"
  else
    ports=($(( BASE_PORT + 1 )) $(( BASE_PORT + 2 )) $(( BASE_PORT + 3 )))
    for port in "${ports[@]}"; do start_redis "$port" cluster; done
    /usr/bin/redis-cli --cluster create "${ports[@]/#/127.0.0.1:}" --cluster-yes > "$TMPD/create.log" 2>&1 \
      || die "cluster create failed: $(cat "$TMPD/create.log")"
    for _ in $(seq 100); do
      /usr/bin/redis-cli -p "${ports[0]}" cluster info | grep -q 'cluster_state:ok' && break; sleep 0.2
    done
    printf 'redis:\n  url: redis://127.0.0.1:%s\n  mode: cluster\n  endpoints:\n    - redis://127.0.0.1:%s\n    - redis://127.0.0.1:%s\nstream:\n  partitions: %s\n' \
      "${ports[@]}" "$P" > "$yaml"
  fi
  INTAKE_DATA_DIR="$TMPD/data-$topo-$round" INTAKE_HTTP_PORT=$HTTP_PORT INTAKE_MANAGEMENT_PORT=$MGMT_PORT \
    env -u INTAKE_REDIS_URL -u INTAKE_CONFIG java $JAVA_OPTS -jar "$JAR" --config "$yaml" > "$OUT/gateway-$topo-$round.log" 2>&1 &
  GW_PID=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$MGMT_PORT/health/ready" > /dev/null && break; sleep 0.3; done
  curl -fs "http://127.0.0.1:$MGMT_PORT/health/ready" > /dev/null || die "gateway not ready (gateway-$topo-$round.log)"
  sign "$TMPD/warm" "w$topo$round" "$WARMUP"
  wrk_run "$WARMUP" "$TMPD/warm" > /dev/null
  sign "$TMPD/meas" "m$topo$round" "$DURATION"
  local before=() after=() a0 a1 g0 g1 r0 r1 res busy
  for port in "${ports[@]}"; do before+=("$(node_snap "$port")"); cmdstats "$port" > "$TMPD/cmd0-$port"; done
  a0=$(accepted); g0=$(proc_ticks "$GW_PID"); r0=$(redis_ticks)
  busy="$(others)"
  res=$(wrk_run "$DURATION" "$TMPD/meas")
  sleep 1
  a1=$(accepted); g1=$(proc_ticks "$GW_PID"); r1=$(redis_ticks)
  for port in "${ports[@]}"; do after+=("$(node_snap "$port")"); cmdstats "$port" > "$TMPD/cmd1-$port"; done
  local acc=$(( a1 - a0 )) dc=0 dm=0 da=0 i line=""
  for i in "${!ports[@]}"; do
    local -a b=(${before[$i]}) x=(${after[$i]})
    dc=$(( dc + x[0] - b[0] )); dm=$(( dm + x[1] - b[1] )); da=$(( da + x[2] - b[2] ))
    local entries=0 part
    for part in $(seq 0 $(( P - 1 ))); do
      entries=$(( entries + $(/usr/bin/redis-cli -p "${ports[$i]}" xlen "intake:{p$part}:messages" 2> /dev/null | grep -E '^[0-9]+$' || echo 0) ))
    done
    line+=" :${ports[$i]} keys=${x[3]} messages=$entries cmds=$(( x[0] - b[0] ));"
  done
  local ops
  ops=$(cat "${ports[@]/#/$TMPD/cmd1-}" | awk '{c[$1]+=$2} END {for (k in c) print k, c[k]}' | sort > "$TMPD/c1"
        cat "${ports[@]/#/$TMPD/cmd0-}" | awk '{c[$1]+=$2} END {for (k in c) print k, c[k]}' | sort > "$TMPD/c0"
        join -a1 -e0 -o 0,1.2,2.2 "$TMPD/c1" "$TMPD/c0" | awk -v n="$acc" '$2-$3 > 0 {printf "%s=%.2f ", $1, ($2-$3)/n}')
  awk -v t="$topo" -v r="$round" -v res="$res" -v acc="$acc" -v dc="$dc" -v dm="$dm" -v da="$da" \
      -v g=$(( g1 - g0 )) -v rt=$(( r1 - r0 )) -v tk="$TICK" -v d="$DURATION" 'BEGIN {
    n = split(res, kv, " "); for (i = 1; i <= n; i++) { split(kv[i], p, "="); v[p[1]] = p[2] }
    printf "[figure] %s round %s: %.0f req/s  p50 %.1f ms  p99 %.1f ms  202s %d  accepted %d (other %d, errors %d)\n",
      t, r, v["rps"], v["p50_ms"], v["p99_ms"], v["s202"], acc, v["sother"], v["err_connect"] + v["err_read"] + v["err_write"] + v["err_timeout"]
    printf "[figure] %s round %s per ticket: %.1f Redis commands, %.0f B used_memory, %.0f B AOF; CPU per request: gateway %.0f us, Redis %.0f us (%.2f / %.2f cores)\n",
      t, r, dc / acc, dm / acc, da / acc, 1e6 * g / tk / acc, 1e6 * rt / tk / acc, g / tk / d, rt / tk / d }' | tee -a "$OUT/figures.txt"
  echo "[figure] $topo round $round commands per ticket: $ops" | tee -a "$OUT/figures.txt"
  echo "[figure] $topo round $round per master:$line" | tee -a "$OUT/figures.txt"
  echo "[figure] $topo round $round top CPU at the start of the window: $busy load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/figures.txt"
  kill "$GW_PID" 2>/dev/null && wait "$GW_PID" 2>/dev/null
  GW_PID=
  stop_redis
}

log "P=$P CITIZENS=$CITIZENS DURATION=$DURATION WARMUP=$WARMUP ROUNDS=$ROUNDS wrk -t$THREADS -c$CONNS, $(nproc) cores, jar $JAR"
for round in $(seq "$ROUNDS"); do
  run standalone "$round"
  run cluster "$round"
done
log "figures in $OUT/figures.txt"
