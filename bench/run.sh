#!/usr/bin/env bash
# Load run against the gateway's webhook channel (signed, normalized, deduplicated, appended):
#   1. build target/intake-gateway.jar if it is missing or older than the sources
#   2. start the gateway (fixed heap, fresh data dir, bundled redis-server with AOF everysec)
#   3. warm-up: wrk, 50 % duplicates (JIT for both the new and the duplicate path)
#   4. new-path:  wrk -t$THREADS -c$CONNS, every webhook-id new        -> accepted/s, p50/p99
#   5. dup-mix:   same, $DUP_PCT % of requests reuse $DUP_POOL ids       -> duplicates/s, accepted/s, p50/p99
#   6. half-load: bench/OpenLoad.java, open loop at a fixed rate (default: half the new-path rate)
#                 -> p50/p99 measured from each request's due time (no coordinated omission)
#   [PROFILE=1: 7. one more new-path run under JFR -> profile.jfr + bench/jfr-top.sh summary]
#   after every run: XLEN delta of intake:{p0}:messages (and :tickets) == 202s the gateway counted
#   (intake_messages_accepted_total delta) and ~= 202s the client saw; no other status, no socket errors
#   8. stop the gateway; print a table (summary.md); exit 2 if a check failed, 1 on a setup error
#
# Usage: bench/run.sh [outdir]          (default: bench/out/<timestamp>, git-ignored)
# Env:   DURATION=15 WARMUP=15 THREADS=2 CONNS=64 DUP_PCT=90 DUP_POOL=1000
#        DURABILITY=everysec|fsync|replicated (redis.durability of the run; default everysec)
#        REDIS_URL=redis://127.0.0.1:PORT (an external Redis instead of the bundled one, e.g. a master
#                  with a replica for DURABILITY=replicated; left running, its persistence its own)
#        HALF_RATE=<req/s> (default: 50 % of the measured new-path rate)  OPEN_CONNS=64 OPEN_WARMUP=5
#        JAVA_OPTS="-Xms1g -Xmx1g"  HTTP_PORT=18080 MGMT_PORT=19090  SKIP_BUILD=0  PROFILE=0
#        QUIET_PCT=10 QUIET_MAX=30 (before each measured window wait <= QUIET_MAX s for the box to be this idle)
#        SIGN_RPS=<req/s> (how many requests to pre-sign per second of run; default 3x the warm-up rate)
#        REF_CONN_RPS=46400 (limit bench /ingest-conn AOF figure the 70 % bar is computed from)
# Needs: java 17, wrk, redis-cli, curl (Debian: apt-get install -y wrk redis-tools curl); mvn to build.
#
# CAVEAT: wrk / the load generator, the gateway JVM and redis-server share this machine's cores; every
# figure is "whole request path including the load generator on the same box" (see CPU columns).
# Only 127.0.0.1 is targeted; only processes this script started are stopped (by PID).
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-30}
THREADS=${THREADS:-2}
CONNS=${CONNS:-64}
DUP_PCT=${DUP_PCT:-90}
DUP_POOL=${DUP_POOL:-1000}
HALF_RATE=${HALF_RATE:-}
OPEN_CONNS=${OPEN_CONNS:-64}
OPEN_WARMUP=${OPEN_WARMUP:-5}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
DURABILITY=${DURABILITY:-everysec}
BENCH_CONFIG="$HERE/gateway-bench.yaml"
if [[ "$DURABILITY" != everysec ]]; then
  BENCH_CONFIG=$(mktemp --suffix=.yaml)
  sed "s/^redis:/redis:\n  durability: $DURABILITY/" "$HERE/gateway-bench.yaml" > "$BENCH_CONFIG"
fi
HTTP_PORT=${HTTP_PORT:-18080}
MGMT_PORT=${MGMT_PORT:-19090}
SKIP_BUILD=${SKIP_BUILD:-0}
PROFILE=${PROFILE:-0}
QUIET_PCT=${QUIET_PCT:-10}
QUIET_MAX=${QUIET_MAX:-30}
SIGN_RPS=${SIGN_RPS:-}
REF_CONN_RPS=${REF_CONN_RPS:-46400}
SOURCE=demo
SECRET=${BENCH_SECRET:-whsec_ZGV2LW9ubHktZGVtby13ZWJob29rLXNlY3JldC1jaGFuZ2UtbWU=}  # the default config's dev placeholder
BODY=$HERE/body.json
JAR=$ROOT/target/intake-gateway.jar
URL=http://127.0.0.1:$HTTP_PORT/channels/webhook/$SOURCE
MSG_STREAM='intake:{p0}:messages'
TKT_STREAM='intake:{p0}:tickets'
TICK=$(getconf CLK_TCK)
OUT=${1:-$HERE/out/$(date -u +%Y%m%dT%H%M%SZ)}

mkdir -p "$OUT" || exit 1
OUT=$(cd "$OUT" && pwd)
TMPD=$(mktemp -d -t intake-bench.XXXXXX)
GW_PID=""
REDIS_PID=""
REDIS_PORT=""
SUMMARY=$OUT/summary.tsv
FAILED=0

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" | tee -a "$OUT/run.log" >&2; }
die() { log "FATAL: $*"; exit 1; }
rcli() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" "$@"; }

# ---------------------------------------------------------------- process control (by PID only)
stop_gateway() {
  if [[ -n "$GW_PID" ]] && kill -0 "$GW_PID" 2>/dev/null; then
    kill "$GW_PID" 2>/dev/null   # SIGTERM: the gateway drains and stops its redis-server
    for _ in $(seq 100); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$GW_PID" 2>/dev/null && { log "gateway did not stop in 20 s; SIGKILL"; kill -9 "$GW_PID" 2>/dev/null; }
    wait "$GW_PID" 2>/dev/null
    log "gateway pid $GW_PID stopped"
  fi
  GW_PID=""
  if [[ -z ${REDIS_URL:-} ]] && [[ -n "$REDIS_PID" ]] && kill -0 "$REDIS_PID" 2>/dev/null; then
    for _ in $(seq 25); do kill -0 "$REDIS_PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$REDIS_PID" 2>/dev/null && { log "bundled redis-server pid $REDIS_PID still running; stopping it"; kill "$REDIS_PID" 2>/dev/null; }
  fi
  REDIS_PID=""
}
cleanup() {
  stop_gateway
  [[ ${KEEP_DATA:-0} == 1 ]] && log "data kept in $TMPD" || rm -rf "$TMPD"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- measurement helpers
proc_ticks() { awk '{print $14+$15+$16+$17}' "/proc/$1/stat" 2>/dev/null || echo 0; }
sys_ticks() { awk '/^cpu /{t=0; for(i=2;i<=NF;i++) t+=$i; print t, $5+$6, $8}' /proc/stat; }
kv() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }
xlen() { rcli xlen "$1" | tr -d '\r'; }
metrics() { # "accepted duplicate rejected" (webhook channel, cumulative)
  curl -s --max-time 5 "http://127.0.0.1:$MGMT_PORT/metrics" | awk '
    /^intake_messages_accepted_total\{.*channel="webhook"/ {a=$NF}
    /^intake_messages_duplicate_total\{.*channel="webhook"/ {d=$NF}
    /^intake_requests_rejected_total\{.*channel="webhook"/ {r+=$NF}
    END {printf "%.0f %.0f %.0f\n", a, d, r}'
}
bg_busy() { # % of the machine busy during 1 s (our load stopped: foreign load on a shared box)
  local a b; a=$(sys_ticks); sleep 1; b=$(sys_ticks)
  awk -v a="$a" -v b="$b" 'BEGIN{split(a,x," "); split(b,y," "); t=y[1]-x[1]; i=y[2]-x[2]; printf "%.0f", (t>0 ? 100*(t-i)/t : 0)}'
}
wait_quiet() {
  local bg i
  for i in $(seq "$QUIET_MAX"); do
    bg=$(bg_busy)
    (( bg <= QUIET_PCT )) && break
    (( i % 10 == 1 )) && log "machine ${bg}% busy with our load stopped (foreign load?) - waiting (<= ${QUIET_MAX}s)"
  done
  echo "$bg"
}
POOL_TAG="p$RANDOM"   # warm-up and dup-mix share the duplicate pool: the warm-up stores every pool id first
sign() { # $1 file prefix  $2 requests per thread  $3 tag  [$4 dup-pct]
  java "$HERE/SignBulk.java" --secret "$SECRET" --body "$BODY" --out "$1" --threads "$THREADS" \
    --count "$2" --tag "$3" --dup-pct "${4:-0}" --dup-pool "$DUP_POOL" --pool-tag "$POOL_TAG" 2>>"$OUT/run.log" \
    || die "SignBulk failed (see run.log)"
}
per_thread() { # requests to sign per wrk thread for a run of $1 seconds at $2 req/s (+ 2 s slack)
  awk -v r="$2" -v d="$1" -v t="$THREADS" 'BEGIN{printf "%d", r*(d+2)/t + 1000}'
}

printf 'run\tclient\ttarget_rps\trps\taccepted_per_s\tdup_per_s\tp50_ms\tp90_ms\tp99_ms\tmax_ms\tcli_202\tcli_200\tcli_other\tcli_err\tsrv_accepted\tsrv_dup\tsrv_rejected\txlen_msgs\txlen_tickets\tcheck\tcpu_java\tcpu_redis\tcpu_client\tcpu_other\tjava_us_per_req\tredis_forks\tbg_busy_pct\n' > "$SUMMARY"

# snapshot before / after a measured window
snap() { # -> "xlen_msgs xlen_tickets accepted dup rejected java_ticks redis_ticks forks"
  local m f
  m=$(metrics)
  f=$(rcli info stats | tr -d '\r' | sed -n 's/^total_forks://p')
  echo "$(xlen "$MSG_STREAM") $(xlen "$TKT_STREAM") $m $(proc_ticks "$GW_PID") $(proc_ticks "$REDIS_PID") ${f:-0}"
}

# record one measured run. $1 name  $2 client(wrk|open)  $3 RESULT line  $4 snap before  $5 snap after
#   $6 sys ticks before  $7 sys ticks after  $8 client cpu seconds  $9 bg%  $10 target rps (or -)
#   $11 202s sent outside the measured window by the client (open-loop warm-up)  $12 slack (in-flight at stop)
#   [$13 seconds the CPU figures cover  $14 requests they cover] (default: the client's window and requests)
record() {
  local name=$1 client=$2 res=$3 sy0=$6 sy1=$7 ccpu=$8 bg=$9 target=${10} extra202=${11} slack=${12}
  local -a b=($4) a=($5)
  local requests rps secs p50 p90 p99 max c202 c200 cother cerr wrapped
  requests=$(kv "$res" requests); [[ -z $requests ]] && requests=$(kv "$res" completed)
  rps=$(kv "$res" rps); secs=$(kv "$res" secs)
  p50=$(kv "$res" p50_ms); p90=$(kv "$res" p90_ms); p99=$(kv "$res" p99_ms); max=$(kv "$res" max_ms)
  c202=$(kv "$res" s202); c200=$(kv "$res" s200); cother=$(kv "$res" sother)
  if [[ $client == wrk ]]; then
    cerr=$(( $(kv "$res" err_connect) + $(kv "$res" err_read) + $(kv "$res" err_write) + $(kv "$res" err_timeout) ))
    wrapped=$(kv "$res" wrapped)
  else
    cerr=$(( $(kv "$res" errors) + $(kv "$res" unanswered) + $(kv "$res" warm_errors) + $(kv "$res" warm_unanswered) + $(kv "$res" warm_sother) ))
    wrapped=0
  fi
  local dx_m=$(( a[0] - b[0] )) dx_t=$(( a[1] - b[1] )) d_acc=$(( a[2] - b[2] )) d_dup=$(( a[3] - b[3] )) d_rej=$(( a[4] - b[4] ))
  local check=OK
  # the requirement: stream entries == 202 answers. The gateway's own counter must match exactly; the
  # client's count may be short by the requests still in flight when it stopped (<= slack).
  (( dx_m == d_acc )) || check="FAIL(xlen=$dx_m != accepted=$d_acc)"
  (( dx_t == dx_m )) || check="FAIL(tickets=$dx_t != messages=$dx_m)"
  (( c202 + extra202 <= d_acc && d_acc - c202 - extra202 <= slack )) || check="FAIL(client 202=$((c202 + extra202)) vs xlen=$dx_m)"
  c202=$(( c202 + extra202 ))
  (( cother == 0 && cerr == 0 && d_rej == 0 )) || check="FAIL(other=$cother errors=$cerr rejected=$d_rej)"
  (( wrapped == 0 )) || check="FAIL(ran out of signed requests: wrapped=$wrapped; raise SIGN_RPS)"
  [[ $check == OK ]] || FAILED=1
  local acc_s dup_s
  acc_s=$(awk -v n="$(( c202 - extra202 ))" -v s="$secs" 'BEGIN{printf "%.0f", n/s}')
  dup_s=$(awk -v n="$c200" -v s="$secs" 'BEGIN{printf "%.0f", n/s}')
  local cpu
  cpu=$(awk -v j=$(( a[5] - b[5] )) -v r=$(( a[6] - b[6] )) -v tk="$TICK" -v d="${13:-$secs}" -v req="${14:-$requests}" -v ncpu="$(nproc)" \
            -v s0="$sy0" -v s1="$sy1" -v cw="$ccpu" 'BEGIN{
      split(s0,x," "); split(s1,y," "); tot=y[1]-x[1]; idle=y[2]-x[2];
      cj=j/tk/d; cr=r/tk/d; cc=cw/d; busy=ncpu*(tot-idle)/tot; co=busy-cj-cr-cc; if (co<0) co=0;
      printf "%.2f\t%.2f\t%.2f\t%.2f\t%.1f", cj, cr, cc, co, 1e6*j/tk/req }')
  printf '%s\t%s\t%s\t%.0f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$name" "$client" "$target" "$rps" "$acc_s" "$dup_s" "$p50" "$p90" "$p99" "$max" "$c202" "$c200" "$cother" "$cerr" \
    "$d_acc" "$d_dup" "$d_rej" "$dx_m" "$dx_t" "$check" "$cpu" "$(( a[7] - b[7] ))" "$bg" >> "$SUMMARY"
  log "$name: ${rps} req/s (accepted ${acc_s}/s, duplicates ${dup_s}/s) p50=${p50}ms p99=${p99}ms  xlen+$dx_m accepted+$d_acc client202=$c202  $check"
}

# a wrk run; $1 name  $2 signed prefix  $3 measured(1)/not(0)
wrk_run() {
  local name=$1 prefix=$2 measured=$3 bg=- b a sy0 sy1 res
  if [[ $measured == 1 ]]; then bg=$(wait_quiet); fi
  local d=$DURATION; [[ $name == warm-up ]] && d=$WARMUP
  b=$(snap); sy0=$(sys_ticks)
  log "$name: wrk -t$THREADS -c$CONNS -d${d}s"
  local TIMEFORMAT='%U %S'
  { time wrk -t"$THREADS" -c"$CONNS" -d"${d}s" --timeout 10s -s "$HERE/wrk/webhook.lua" "$URL" -- "$BODY" "$prefix" \
      > "$OUT/wrk-$name.txt" 2>&1; } 2> "$OUT/wrk-$name.time"
  sy1=$(sys_ticks)
  sleep 1   # answers still in flight when wrk stopped are appended server-side
  a=$(snap)
  res=$(grep '^RESULT' "$OUT/wrk-$name.txt") || { cat "$OUT/wrk-$name.txt" >&2; die "wrk produced no RESULT line"; }
  rm -f "$prefix".*
  LAST_RESULT=$res
  [[ $measured == 1 ]] || return 0
  record "$name" wrk "$res" "$b" "$a" "$sy0" "$sy1" \
    "$(awk '{print $1+$2}' "$OUT/wrk-$name.time")" "$bg" - 0 "$CONNS"
}

# ---------------------------------------------------------------- main
{
  echo "date_utc: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') ($(lscpu | sed -n 's/^Hypervisor vendor: *//p'))"
  echo "kernel: $(uname -r)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo -) $(git -C "$ROOT" status --porcelain 2>/dev/null | grep -q . && echo '(dirty)')"
  echo "params: DURATION=$DURATION WARMUP=$WARMUP THREADS=$THREADS CONNS=$CONNS DUP_PCT=$DUP_PCT DUP_POOL=$DUP_POOL OPEN_CONNS=$OPEN_CONNS JAVA_OPTS='$JAVA_OPTS' body=$(wc -c < "$BODY")B"
  echo "load before start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/env.txt"
cat "$OUT/env.txt" >&2

for cmd in java wrk redis-cli curl awk; do command -v $cmd >/dev/null || die "$cmd not found (apt-get install -y wrk redis-tools curl)"; done
for p in "$HTTP_PORT" "$MGMT_PORT"; do
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$p/" && die "something already listens on port $p (set HTTP_PORT / MGMT_PORT)"
done

if [[ $SKIP_BUILD != 1 ]] && { [[ ! -f $JAR ]] || [[ -n $(find "$ROOT/src/main" "$ROOT/pom.xml" "$ROOT/config" -newer "$JAR" -type f 2>/dev/null | head -1) ]]; }; then
  log "building (mvn -B -q -o -DskipTests package)"
  (cd "$ROOT" && mvn -B -q -o -DskipTests package) > "$OUT/build.log" 2>&1 || die "build failed (see $OUT/build.log)"
fi
[[ -f $JAR ]] || die "no $JAR"

# ---- start the gateway: fixed heap, fresh data dir, bundled redis-server (AOF everysec)
# shellcheck disable=SC2086
env -u INTAKE_REDIS_URL -u INTAKE_CONFIG ${REDIS_URL:+INTAKE_REDIS_URL=$REDIS_URL} \
  INTAKE_HTTP_PORT="$HTTP_PORT" INTAKE_MANAGEMENT_PORT="$MGMT_PORT" \
  INTAKE_DATA_DIR="$TMPD/data" java $JAVA_OPTS -jar "$JAR" --config "$BENCH_CONFIG" > "$OUT/gateway.log" 2>&1 &
GW_PID=$!
for _ in $(seq 300); do
  curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$MGMT_PORT/health/ready" 2>/dev/null | grep -q 200 && break
  kill -0 "$GW_PID" 2>/dev/null || break
  sleep 0.2
done
curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$MGMT_PORT/health/ready" | grep -q 200 \
  || die "gateway not ready within 60 s (see $OUT/gateway.log)"
if [[ -n ${REDIS_URL:-} ]]; then
  REDIS_PORT=${REDIS_URL##*:}
else
  REDIS_PORT=$(sed -n 's/.*embedded redis-server on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$OUT/gateway.log" | head -1)
fi
[[ -n $REDIS_PORT ]] || die "no '[startup] redis embedded redis-server on 127.0.0.1:PORT' line in gateway.log"
REDIS_PID=$(rcli info server | tr -d '\r' | sed -n 's/^process_id://p')
[[ $(rcli config get appendonly | tr -d '\r' | tail -1) == yes ]] || die "the bundled redis-server does not run with AOF"
log "gateway pid $GW_PID ready; redis-server pid $REDIS_PID on :$REDIS_PORT ($(rcli config get appendfsync | tr -d '\r' | tail -1)), data $TMPD/data"

# ---- 1 warm-up (not measured): 50 % duplicates (which also stores every id of the dup pool), signed
#      for up to 60k req/s
sign "$TMPD/warm" "$(per_thread "$WARMUP" 60000)" "w$RANDOM" 50
wrk_run warm-up "$TMPD/warm" 0
WARM_RPS=$(kv "$LAST_RESULT" rps)
SIGN_RPS=${SIGN_RPS:-$(awk -v r="$WARM_RPS" 'BEGIN{r=3*r; if (r<20000) r=20000; printf "%d", r}')}
log "warm-up: ${WARM_RPS} req/s; signing for up to $SIGN_RPS req/s per measured run"

# ---- 2 new path: every webhook-id new
sign "$TMPD/new" "$(per_thread "$DURATION" "$SIGN_RPS")" "n$RANDOM"
wrk_run new-path "$TMPD/new" 1
NEW_RPS=$(awk -F'\t' '$1=="new-path"{print $4}' "$SUMMARY")

# ---- 3 duplicate-heavy mix
sign "$TMPD/dup" "$(per_thread "$DURATION" "$SIGN_RPS")" "d$RANDOM" "$DUP_PCT"
wrk_run "dup-mix-$DUP_PCT" "$TMPD/dup" 1

# ---- 4 half load, open loop at a fixed rate
HALF_RATE=${HALF_RATE:-$(awk -v r="$NEW_RPS" 'BEGIN{printf "%d", (r/2 > 100 ? r/2 : 100)}')}
bg=$(wait_quiet)
b=$(snap); sy0=$(sys_ticks); t0=$(date +%s.%N)
log "half-load: open loop at $HALF_RATE req/s for ${DURATION}s (+${OPEN_WARMUP}s unmeasured warm-up), $OPEN_CONNS connections"
TIMEFORMAT='%U %S'
{ time java -Xms256m -Xmx256m -cp "$JAR" "$HERE/OpenLoad.java" --url "$URL" --secret "$SECRET" --body "$BODY" \
    --rate "$HALF_RATE" --duration "$DURATION" --warmup "$OPEN_WARMUP" --connections "$OPEN_CONNS" --tag "h$RANDOM" \
    > "$OUT/open-half-load.txt" 2>&1; } 2> "$OUT/open-half-load.time"
sy1=$(sys_ticks); t1=$(date +%s.%N)
sleep 1
a=$(snap)
res=$(grep '^RESULT' "$OUT/open-half-load.txt") || { cat "$OUT/open-half-load.txt" >&2; die "OpenLoad produced no RESULT line"; }
# the snapshots include the generator's unmeasured warm-up: its 202s are passed as extra, and the CPU
# figures cover the generator's whole run (JVM start, signing, warm-up, measured phase, grace)
record half-load open "$res" "$b" "$a" "$sy0" "$sy1" "$(awk '{print $1+$2}' "$OUT/open-half-load.time")" "$bg" \
  "$HALF_RATE" "$(kv "$res" warm_s202)" 0 "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')" \
  "$(( $(kv "$res" completed) + $(kv "$res" warm_sent) ))"
log "half-load: send lag p99 $(kv "$res" send_lag_p99_ms) ms (generator health), service p99 $(kv "$res" svc_p99_ms) ms"

# ---- 5 optional: profile one new-path run with JFR (after the measured runs, so they are unaffected)
if [[ $PROFILE == 1 ]]; then
  sign "$TMPD/prof" "$(per_thread "$DURATION" "$SIGN_RPS")" "p$RANDOM"
  jcmd "$GW_PID" JFR.start name=bench settings=profile duration="${DURATION}s" filename="$OUT/profile.jfr" > "$OUT/jfr-start.txt" 2>&1 \
    || log "JFR.start failed (see jfr-start.txt)"
  wrk_run profiled-new-path "$TMPD/prof" 0
  sleep 3
  if [[ -f $OUT/profile.jfr ]]; then
    "$HERE/jfr-top.sh" "$OUT/profile.jfr" > "$OUT/profile-top.txt" 2>&1 && log "profile: $OUT/profile-top.txt"
  fi
fi

log "redis: $(rcli info persistence | tr -d '\r' | grep -E '^(aof_rewrites|aof_delayed_fsync|aof_last_write_status):' | tr '\n' ' ')"
stop_gateway

# ---------------------------------------------------------------- report
{
  echo "# intake gateway webhook bench $(basename "$OUT")"
  echo
  echo '```'
  cat "$OUT/env.txt"
  echo '```'
  echo
  echo "wrk runs: -t$THREADS -c$CONNS -d${DURATION}s (closed loop, max throughput); half-load: open loop at a fixed rate,"
  echo "latency from each request's due time. Body $(wc -c < "$BODY") B, one fixed citizen. CPU = cores used in the window"
  echo "(of $(nproc)); 'client' = wrk or the Java generator; 'other' = kernel softirq, foreign load. 'bg %' = machine busy"
  echo "with our load stopped just before the window (foreign load on a shared box). xlen Δ and the 202 counts cover"
  echo "the run (half-load: including the generator's ${OPEN_WARMUP}s warm-up); the client's count may trail the gateway's"
  echo "by the requests in flight when wrk stopped (<= $CONNS)."
  echo
  echo "| run | req/s | accepted/s | duplicates/s | p50 ms | p90 ms | p99 ms | max ms | xlen Δ | 202 (gateway / client) | check | CPU java | CPU redis | CPU client | CPU other | java µs/req | redis forks | bg % |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' 'NR>1{t=($3=="-"?"":" (target " $3 ")");
    printf "| %s%s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
      $1,t,$4,$5,$6,$7,$8,$9,$10,$18,$15,$11,$20,$21,$22,$23,$24,$25,$26,$27}' "$SUMMARY"
  echo
  awk -F'\t' -v ref="$REF_CONN_RPS" '
    $1=="new-path" {n=$4} $1=="half-load" {h=$3; hp=$9}
    END { if (n) printf "- new path: %.0f req/s = %.1f%% of the limit bench /ingest-conn (AOF) reference %d req/s (bar: >= 70%% = %.0f)\n", n, 100*n/ref, ref, 0.7*ref;
          if (h) printf "- half load %s req/s: p99 %s ms (bar: < 20 ms at half of the new-path load)\n", h, hp }' "$SUMMARY"
  echo "- compare with a limit bench run on the same box at about the same time: ../shared/limit-bench/run.sh"
} > "$OUT/summary.md"
cat "$OUT/summary.md"
if (( FAILED )); then log "some checks FAILED (see $SUMMARY)"; exit 2; fi
log "all checks OK; results in $OUT"
