# Shared by the bench scripts (source it): output folder, logging, and one gateway started from the
# built jar and stopped on exit (by PID). Needs HERE, ROOT, HTTP_PORT, MGMT_PORT, JAVA_OPTS set.

# bench_init NAME [outdir]: sets OUT (created) and TMPD, defines log/die, stops the gateway on exit
bench_init() {
  OUT=${2:-$HERE/out/$1-$(date -u +%Y%m%dT%H%M%SZ)}
  mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
  TMPD=$(mktemp -d "/tmp/intake-$1.XXXXXX")
  GW_PID=
  trap 'bench_cleanup' EXIT
}
log() { echo "[$(date +%T)] $*" | tee -a "$OUT/run.log" >&2; }
die() { log "ERROR: $*"; exit 1; }
bench_cleanup() {
  [[ -n $GW_PID ]] && kill "$GW_PID" 2>/dev/null && wait "$GW_PID" 2>/dev/null
  rm -rf "$TMPD"
}

# build_jar: target/intake-gateway.jar unless SKIP_BUILD=1
build_jar() {
  if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    (cd "$ROOT" && ./mvnw -B -q -DskipTests -Dspotless.check.skip -Dcheckstyle.skip -Djacoco.skip package) \
      || die "build failed"
  fi
}

# start_gateway CONFIG: starts the jar with a fresh data dir, waits until ready; sets GW_PID, REDIS_PORT
start_gateway() {
  INTAKE_DATA_DIR="$TMPD/data" INTAKE_HTTP_PORT=$HTTP_PORT INTAKE_MANAGEMENT_PORT=$MGMT_PORT \
    java $JAVA_OPTS ${GW_EXTRA_OPTS:-} -jar "$ROOT/target/intake-gateway.jar" --config "$1" \
    > "$OUT/gateway.log" 2>&1 &
  GW_PID=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$MGMT_PORT/health/ready" > /dev/null && break; sleep 0.3; done
  curl -fs "http://127.0.0.1:$MGMT_PORT/health/ready" > /dev/null || die "gateway not ready (see gateway.log)"
  REDIS_PORT=$(grep -o 'embedded redis-server on 127.0.0.1:[0-9]*' "$OUT/gateway.log" | head -1 | cut -d: -f2)
  log "gateway pid $GW_PID ready; embedded redis on :$REDIS_PORT"
}

# field RESULT NAME: one key=value of a RESULT line
field() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }
