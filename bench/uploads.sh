#!/usr/bin/env bash
# Upload bench: N concurrent tus uploads of SIZE_MB each (default 20 x 200 MB) against the gateway
# jar with its heap capped (default -Xmx256m), compared with a plain dd write of the same bytes on
# the same disk.
#   1. build target/intake-gateway.jar if missing (SKIP_BUILD=1 skips)
#   2. dd: write N*SIZE_MB MiB of zeros (bs=1M, conv=fdatasync) into the bench data dir -> MB/s
#   3. start the gateway (fresh data dir, bundled redis-server, HS256 app auth with a bench secret)
#   4. bench/UploadLoad.java: N concurrent uploads (creation POST + one streamed PATCH each, distinct
#      content generated on the fly, SHA-256 computed while sending) -> MB/s, errors
#   5. checks: every upload answered 204 with a media id; every stored file exists under
#      dataDir/media with the SHA-256 the client computed; the gateway process is still alive (no
#      OutOfMemoryError: -XX:+ExitOnOutOfMemoryError); the peak heap after GC from the GC log
#   6. stop the gateway (by PID), delete the data dir (KEEP_DATA=1 keeps it)
# Usage: bench/uploads.sh [outdir]    Env: N=20 SIZE_MB=200 HEAP=256m HTTP_PORT=18480 MGMT_PORT=19480
# Only 127.0.0.1 is contacted; every wait is bounded; only processes started here are stopped.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
N=${N:-20}
SIZE_MB=${SIZE_MB:-200}
HEAP=${HEAP:-256m}
HTTP_PORT=${HTTP_PORT:-18480}
MGMT_PORT=${MGMT_PORT:-19480}
SECRET=bench-only-app-jwt-secret-0123456789abcdef
OUT=${1:-$HERE/out/uploads-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
DATA=$(mktemp -d "$OUT/data.XXXX")
JAR="$ROOT/target/intake-gateway.jar"
GW_PID=""

cleanup() {
  if [ -n "$GW_PID" ] && kill -0 "$GW_PID" 2>/dev/null; then
    kill "$GW_PID"
    for _ in $(seq 1 100); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.1; done
  fi
  [ "${KEEP_DATA:-0}" = 1 ] || rm -rf "$DATA"
}
trap cleanup EXIT

if [ "${SKIP_BUILD:-0}" != 1 ] && [ ! -f "$JAR" ]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package) || { echo "build failed"; exit 1; }
fi

total=$((N * SIZE_MB))
echo "== dd: ${total} MiB, bs=1M, conv=fdatasync"
dd if=/dev/zero of="$DATA/dd.bin" bs=1M count="$total" conv=fdatasync 2> "$OUT/dd.txt"
rm -f "$DATA/dd.bin"
cat "$OUT/dd.txt"
DD_MBS=$(awk -v mb="$total" '/copied/ { for (i = 1; i <= NF; i++) if ($i == "s,") s = $(i-1); print mb / s; exit }' "$OUT/dd.txt")

cat > "$OUT/gateway.yaml" <<YAML
channels:
  app:
    auth:
      hs256Secret: $SECRET
YAML
echo "== gateway: -Xmx$HEAP, data $DATA"
INTAKE_HTTP_PORT=$HTTP_PORT INTAKE_MANAGEMENT_PORT=$MGMT_PORT INTAKE_DATA_DIR=$DATA \
  java -Xmx"$HEAP" -XX:+ExitOnOutOfMemoryError -Xlog:gc:file="$OUT/gc.log" \
  -jar "$JAR" --config "$OUT/gateway.yaml" > "$OUT/gateway.log" 2>&1 &
GW_PID=$!
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$MGMT_PORT/health/ready" > /dev/null 2>&1 && break
  kill -0 "$GW_PID" 2>/dev/null || { echo "gateway died"; tail "$OUT/gateway.log"; exit 1; }
  sleep 0.2
done

echo "== $N concurrent uploads of $SIZE_MB MiB"
java "$HERE/UploadLoad.java" "http://127.0.0.1:$HTTP_PORT" "$N" "$SIZE_MB" "$SECRET" | tee "$OUT/load.txt"
LOAD_RC=${PIPESTATUS[0]}

fail=0
[ "$LOAD_RC" = 0 ] || { echo "CHECK FAILED: uploads with errors"; fail=1; }
kill -0 "$GW_PID" 2>/dev/null || { echo "CHECK FAILED: the gateway died (OOM?)"; fail=1; }
stored=0
for sha in $(awk '/^STORED/ { print $2 }' "$OUT/load.txt"); do
  f="$DATA/media/${sha:0:2}/$sha"
  if [ -f "$f" ] && [ "$(sha256sum "$f" | cut -d' ' -f1)" = "$sha" ]; then
    stored=$((stored + 1))
  else
    echo "CHECK FAILED: $f missing or not the bytes sent"; fail=1
  fi
done
[ "$stored" = "$N" ] || { echo "CHECK FAILED: $stored of $N stored"; fail=1; }
PEAK=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$OUT/gc.log" | sed -E 's/M->.*//' | sort -n | tail -1)
UP_MBS=$(awk '/^RESULT/ { for (i = 1; i <= NF; i++) if ($i ~ /^mb_per_s=/) { sub("mb_per_s=", "", $i); print $i } }' "$OUT/load.txt")

{
  echo "| what | figure |"
  echo "|---|---|"
  echo "| uploads | $N x $SIZE_MB MiB, concurrent, heap -Xmx$HEAP |"
  echo "| stored and verified (SHA-256) | $stored / $N |"
  echo "| upload throughput | ${UP_MBS} MiB/s |"
  echo "| dd (bs=1M, conv=fdatasync) | ${DD_MBS} MiB/s |"
  echo "| peak heap before a GC | ${PEAK:-?} MiB |"
} | tee "$OUT/summary.md"
exit $fail
