#!/usr/bin/env bash
# Hot spots of a JFR recording (jdk.ExecutionSample, i.e. Java code on CPU; native code, GC and JIT
# threads are not sampled - see the jdk.ThreadCPULoad section for those).
# Usage: bench/jfr-top.sh FILE.jfr [N=25]
set -u   # no -e/pipefail: "head" closing a pipe early must not end the report
JFR=$1
N=${2:-25}
TMP=$(mktemp -t jfr-top.XXXXXX)
trap 'rm -f "$TMP"' EXIT
jfr print --events jdk.ExecutionSample --stack-depth 64 "$JFR" > "$TMP"

# one line per sample: frames joined by " <- ", top of stack first
stacks() {
  awk '/jdk.ExecutionSample/ {if (s != "") print s; s=""; inst=0; next}
       /stackTrace = \[/ {inst=1; next}
       inst && /^[[:space:]]*\]/ {inst=0; next}
       inst { f=$0; sub(/^[[:space:]]+/, "", f); sub(/[[:space:]]+line:.*/, "", f); sub(/\(.*$/, "", f);
              if (f != "...") s = (s == "" ? f : s " <- " f) }
       END {if (s != "") print s}' "$TMP"
}
STACKS=$(mktemp -t jfr-stacks.XXXXXX)
trap 'rm -f "$TMP" "$STACKS"' EXIT
stacks > "$STACKS"
stacks() { cat "$STACKS"; }
total=$(wc -l < "$STACKS")
echo "samples: $total (jdk.ExecutionSample)"
echo
echo "## top frames (self time)"
stacks | awk -F' <- ' '{print $1}' | sort | uniq -c | sort -rn | head -"$N" \
  | awk -v t="$total" '{printf "%5.1f%%  %s\n", 100*$1/t, $2}'
echo
echo "## self time by area (top frame's package)"
stacks | awk -F' <- ' '{f=$1;
    a = f ~ /^cn\.gov12345\./ ? "gateway code" :
        f ~ /^com\.fasterxml\.jackson/ ? "Jackson" :
        f ~ /^com\.nimbusds/ ? "Nimbus JOSE (contact sealing)" :
        f ~ /^(com\.sun\.crypto|sun\.security|javax\.crypto|java\.security)/ ? "JDK crypto (HMAC, SHA, AES-GCM)" :
        f ~ /^com\.google\.i18n/ ? "libphonenumber" :
        f ~ /^io\.netty/ ? "Netty" :
        f ~ /^io\.vertx\.redis/ ? "Vert.x Redis client" :
        f ~ /^io\.vertx\.ext\.web/ ? "Vert.x Web" :
        f ~ /^io\.vertx/ ? "Vert.x core" :
        f ~ /^io\.micrometer|^io\.prometheus/ ? "Micrometer" :
        f ~ /^java\.util\.regex/ ? "JDK regex" :
        f ~ /^(java|jdk|sun)\./ ? "JDK other" : "other";
    print a}' | sort | uniq -c | sort -rn | awk -v t="$total" '{c=$1; $1=""; printf "%5.1f%% %s\n", 100*c/t, $0}'
echo
echo "## inclusive time of the gateway's own methods (samples with the method anywhere on the stack)"
stacks | awk -F' <- ' '{delete seen; for (i=1;i<=NF;i++) if ($i ~ /^cn\.gov12345\./ && !($i in seen)) {seen[$i]=1; print $i}}' \
  | sort | uniq -c | sort -rn | head -"$N" | awk -v t="$total" '{printf "%5.1f%%  %s\n", 100*$1/t, $2}'
echo
echo "## inclusive time of selected library entry points"
for m in 'com.fasterxml.jackson.databind.ObjectMapper.' 'com.fasterxml.jackson.databind.ObjectWriter.' 'com.fasterxml.jackson.databind.ObjectReader.' \
         'com.fasterxml.jackson' 'com.nimbusds.jose.JWEObject.encrypt' 'javax.crypto.Mac.getInstance' \
         'javax.crypto.Mac.doFinal' 'javax.crypto.Cipher.getInstance' 'com.google.i18n.phonenumbers.PhoneNumberUtil.parse' \
         'io.vertx.ext.web.handler.impl.BodyHandlerImpl' 'io.vertx.redis.client' 'io.micrometer' 'java.util.regex.Pattern' \
         'java.util.UUID' 'java.security.SecureRandom'; do
  c=$(stacks | grep -c -F "$m" || true)
  awk -v c="$c" -v t="$total" -v m="$m" 'BEGIN{printf "%5.1f%%  %s\n", 100*c/t, m}'
done
echo
echo "## CPU by thread (jdk.ThreadCPULoad, last sample per thread)"
jfr print --events jdk.ThreadCPULoad "$JFR" | awk '
  /user = / {u=$3} /system = / {s=$3} /eventThread = / {sub(/.*eventThread = /, ""); sub(/ \(javaThreadId.*/, ""); t[$0]=u " user, " s " system"}
  END {for (k in t) print "  " k ": " t[k]}' | sort
echo
echo "## GC"
jfr summary "$JFR" | grep -E 'jdk.GarbageCollection |jdk.YoungGarbageCollection |jdk.OldGarbageCollection ' || true
jfr print --events jdk.GarbageCollection "$JFR" | awk '/sumOfPauses = /{n++; v=$3; u=$4; if (u=="ms") s+=v; else if (u=="s") s+=v*1000; else if (u ~ /us/) s+=v/1000} END{printf "  GCs: %d, sum of pauses: %.1f ms\n", n, s}'
