#!/usr/bin/env bash
# The status index's cost on the accept path, measured where it is paid: inside Redis.
# Runs accept.lua of a base revision (default: the commit before the status index) and of the
# working tree against the bundled redis-server 6.2 with redis-benchmark (EVALSHA, unique dedup
# keys, ~1.6 KB of events), alternating rounds, and prints Redis's own usec_per_call of each
# (INFO commandstats), then the memory of 100,000 tickets' status records in one day's hash.
#
# Usage: bench/status-index.sh [base-rev]     Env: N=60000 ROUNDS=6 PORT=16479
# Needs: redis-benchmark, redis-cli (apt-get install -y redis-tools), unzip, python3, the Maven
# repository with embedded-redis (./mvnw -q -o dependency:resolve).
# Only 127.0.0.1 is used; only the redis-server this script starts is stopped (by PID).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BASE=${1:-165250a}
N=${N:-60000}
ROUNDS=${ROUNDS:-6}
PORT=${PORT:-16479}
TMP=$(mktemp -d -t status-index.XXXXXX)
JAR=$(ls ~/.m2/repository/com/github/codemonstur/embedded-redis/*/embedded-redis-*.jar | tail -1)
unzip -q -o "$JAR" redis-server-6.2.6-v5-linux-amd64 -d "$TMP" && chmod +x "$TMP"/redis-server-*
git -C "$ROOT" show "$BASE:src/main/resources/lua/accept.lua" > "$TMP/old.lua"
cp "$ROOT/src/main/resources/lua/accept.lua" "$TMP/new.lua"
"$TMP"/redis-server-6.2.6-v5-linux-amd64 --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no > "$TMP/redis.log" 2>&1 &
RPID=$!
trap 'kill $RPID 2>/dev/null; rm -rf "$TMP"' EXIT
sleep 0.5
R="redis-cli -p $PORT"
OLD=$($R SCRIPT LOAD "$(cat "$TMP/old.lua")")
NEW=$($R SCRIPT LOAD "$(cat "$TMP/new.lua")")
EVT=$(python3 -c "print('x'*700)")
MSG=$(python3 -c "print('m'*900)")
REC='{"ticketId":"019bc1f3-6a00-7d10-8b2e-77a1c0f3e5d9","openedAt":"2026-11-26T07:58:00Z","channel":"webhook","account":"partner","status":"received","history":[]}'
run() { # sha seq-key-suffix n
  redis-benchmark -p "$PORT" -n "$3" -c 8 -r 1000000000 -q EVALSHA "$1" 4 "b:{p0}:dedup:__rand_int__$2" \
    "b:{p0}:messages" "b:{p0}:tickets" "b:{p0}:seq:$2" 172800 019bc1f3-6a00-7c3e-9a51-3f0e9d2b1c44 \
    cn.gov12345.intake.message.received.v1 "$MSG" 019bc1f3-6a00-7d10-8b2e-__rand_int__ \
    cn.gov12345.intake.ticket.opened.v1 "{" "$EVT" 26112600 259200 30 34560000 "$REC" > /dev/null
}
for round in $(seq "$ROUNDS"); do
  for which in OLD NEW; do
    $R CONFIG RESETSTAT > /dev/null
    run "${!which}" "$which$round" "$N"
    echo "round $round $which accept.lua usec_per_call=$($R INFO commandstats | grep '^cmdstat_evalsha' | sed 's/.*usec_per_call=\([0-9.]*\).*/\1/')"
    $R DEL "b:{p0}:messages" "b:{p0}:tickets" "b:{p0}:status:261126" > /dev/null
  done
done
run "$NEW" mem 100000
H='b:{p0}:status:261126'
echo "memory: $($R MEMORY USAGE "$H" SAMPLES 0) bytes for $($R HLEN "$H") fields (2 per ticket; $($R XLEN 'b:{p0}:tickets') tickets)"
