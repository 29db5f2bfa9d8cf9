#!/usr/bin/env bash
# Issue 12 defect 1 by hand: 20,000 idle connections, then a slowloris flood, against the jar with
# its default connection settings (cap 10,000, header 10 s, idle 75 s); /health/ready and a normal
# request are probed once a second meanwhile (bench/connection-flood.py). The client raises its
# soft `ulimit -n` to the hard limit and spreads the sockets over processes of 5,000 each.
# Usage: bench/connections.sh [outdir]    (CONNECTIONS=20000 DURATION=60 to change)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/.." && pwd)
HTTP_PORT=${HTTP_PORT:-18080}; MGMT_PORT=${MGMT_PORT:-19090}; JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m}
# shellcheck source=lib.sh
. "$HERE/lib.sh"
bench_init connections "${1:-}"
build_jar
ulimit -n "$(ulimit -Hn)"
start_gateway "$HERE/gateway-bench.yaml"
for mode in idle slowloris; do
  log "flood: ${CONNECTIONS:-20000} $mode connections for ${DURATION:-60} s"
  python3 "$HERE/connection-flood.py" --port "$HTTP_PORT" --management-port "$MGMT_PORT" \
    --connections "${CONNECTIONS:-20000}" --mode "$mode" --duration "${DURATION:-60}" \
    | tee -a "$OUT/results.txt"
done
curl -fs "http://127.0.0.1:$MGMT_PORT/metrics" | grep '^intake_connections' | tee "$OUT/metrics.txt"
