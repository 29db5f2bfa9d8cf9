#!/usr/bin/env bash
# Failover under load, the long version of SentinelFailoverIT (docs/redis-topologies.md):
# a real 1-master + 2-replica + 3-sentinel set (Debian's redis-server 7.x), one client posting
# webhooks in a row for RUN_SECONDS (default 60), kill -9 of the master 2 s in, every acked
# webhook-id re-posted afterwards. Prints one [figure] line per durability level (replicated,
# everysec): acked, 503s, acked-then-lost, time to the first 2xx after the kill, readiness.
set -euo pipefail
cd "$(dirname "$0")/.."
run_ms=$(( ${RUN_SECONDS:-60} * 1000 ))
./mvnw -B -o verify -Dspotless.check.skip=true -Djacoco.skip=true -Dcheckstyle.skip \
  -Dmdep.analyze.skip -DskipClusterSuite -Dtest=NONE -Dit.test=SentinelFailoverIT \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dintake.failover.runMillis="$run_ms" | grep -E '\[figure\]|Tests run:|BUILD'
