#!/usr/bin/env bash
# Real fuzzing of every parser of outside input, one target at a time (the box stays usable).
#
#   bench/fuzz.sh                 # every target for 3 minutes each (about 45 minutes)
#   bench/fuzz.sh 30s             # a quick pass
#   bench/fuzz.sh 10m TelephonyParsersFuzzTest#ctiJson
#
# Jazzer fuzzes when JAZZER_FUZZ is set; JAZZER_MAX_DURATION overrides @FuzzTest(maxDuration).
# The inputs it grows go to .cifuzz-corpus/ (not kept); a crashing input is written into the
# target's src/test/resources/.../<Class>Inputs/<method>/ as crash-<sha1>, so `./mvnw verify`
# replays it from then on: fix the parser, keep the file (rename it regression-<what>).
set -euo pipefail
cd "$(dirname "$0")/.."
budget="${1:-3m}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(
    WechatParsersFuzzTest#plainXml WechatParsersFuzzTest#decryptedXml
    WechatParsersFuzzTest#encryptField
    TelephonyParsersFuzzTest#twilioForm TelephonyParsersFuzzTest#ctiJson
    TelephonyParsersFuzzTest#zammadForm
    WebhookParsersFuzzTest#submissionJson AppParsersFuzzTest#requestJson
    TusProtocolFuzzTest#headers Open311ParsersFuzzTest#requestForm WebFormFuzzTest#formFields
    StatusUpdateFuzzTest#updateJson LookupBodyFuzzTest#queryJson
    SmsReceiptsFuzzTest#aliyunSmsReport SmsReceiptsFuzzTest#genericReceipt ReplyBodyFuzzTest#replyBody
    SmsParsersFuzzTest#aliyunSmsUp SmsParsersFuzzTest#gatewayJson
  )
fi
./mvnw -B -q -DskipTests -Dspotless.check.skip=true -Dcheckstyle.skip test-compile
found=()
for t in "${targets[@]}"; do
  echo "== fuzzing $t for $budget"
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$budget" nice -n 10 ./mvnw -B -q -o \
    -Dspotless.check.skip=true -Dcheckstyle.skip -Djacoco.skip=true \
    -Dsurefire.failIfNoSpecifiedTests=false -Dtest="$t" test || found+=("$t")
done
if [ ${#found[@]} -gt 0 ]; then
  echo "== findings in: ${found[*]} (crash-* files under src/test/resources)"
  exit 1
fi
echo "== no findings"
