package cn.gov12345.intake.redis;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.telephony.io.TelephonyKeys;
import cn.gov12345.intake.signals.SignalKeys;
import cn.gov12345.intake.stream.StreamKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Lua script's KEYS, named by the production key classes ({@link StreamKeys}, {@link
 * TelephonyKeys}, the {@code {media}}, {@code {uploads}} and {@code {rl}} registries) as its call
 * site passes them, map to ONE Redis Cluster slot, for every partition of P = 12. The scripts are
 * discovered from {@code /lua/*.lua}: a script added without an entry here fails {@link
 * #everyScriptHasItsKeysHere}. {@code RedisClusterIT} checks the CRC16 rule against {@code CLUSTER
 * KEYSLOT} on a real cluster, and the cluster suite runs every call site for real (a cross-slot
 * call fails there with CROSSSLOT).
 */
class LuaScriptKeySlotsTest {

  static final int P = 12;
  private static final String PREFIX = "intake";
  private static final StreamKeys K = new StreamKeys(PREFIX, P);
  private static final TelephonyKeys T = new TelephonyKeys(PREFIX, K);
  private static final String DAY = "261203";
  private static final String MEDIA = PREFIX + ":{media}:";
  private static final String UPLOADS = PREFIX + ":{uploads}:";
  private static final String RL = PREFIX + ":{rl}:";

  /** Script name → the KEYS its call site passes in partition p. */
  static Map<String, IntFunction<List<String>>> callSites() {
    Map<String, IntFunction<List<String>>> m = new TreeMap<>();
    m.put(
        "accept",
        p ->
            List.of(
                K.dedup(p, "webhook", "partner", "evt-1"),
                K.messages(p),
                K.tickets(p),
                K.sequence(p, DAY),
                K.statusDay(p, DAY)));
    m.put(
        "conversation",
        p ->
            List.of(
                K.dedup(p, "wechat", "wx1", "m1"),
                K.messages(p),
                K.tickets(p),
                K.sequence(p, DAY),
                K.conversation(p, "wechat", "wx1", "pseudo"),
                K.statusDay(p, DAY),
                K.mediaFetches(p),
                K.conversationTickets(p, "sms", "aliyun", "pseudo")));
    m.put("call", p -> callKeys(p));
    m.put("callback", LuaScriptKeySlotsTest::callbackKeys);
    m.put("app_idempotency", LuaScriptKeySlotsTest::idempotencyKeys);
    m.put("app_idempotency_release", LuaScriptKeySlotsTest::idempotencyKeys);
    m.put(
        "delivery_stats",
        p -> List.of(K.tickets(p), K.retrySchedule(p, "d"), K.deadLetters(p, "d")));
    m.put("delivery_take", p -> List.of(K.retrySchedule(p, "d"), K.retryData(p, "d")));
    m.put(
        "delivery_settle",
        p ->
            List.of(
                K.tickets(p), K.retrySchedule(p, "d"), K.retryData(p, "d"), K.deadLetters(p, "d")));
    m.put("fence", p -> List.of(K.sequenceFence(p), K.sequence(p, DAY), K.sequence(p, "261202")));
    m.put("trim", p -> List.of(K.messages(p)));
    m.put(
        "status",
        p ->
            List.of(
                K.statusDay(p, DAY), K.tickets(p), K.dedup(p, "status", "destinations-d", "r1")));
    m.put(
        "delivery_gauges",
        p ->
            List.of(
                K.tickets(p),
                K.retrySchedule(p, "a"),
                K.deadLetters(p, "a"),
                K.retrySchedule(p, "b"),
                K.deadLetters(p, "b")));
    singleSlotRegistries(m);
    replyLoop(m);
    // the signal state keeps every key of a namespace under one tag: live {p0}, a replay its own
    m.put("signals_observe", p -> List.of(SignalKeys.live(K, PREFIX).observe()));
    m.put("signals_emit", p -> List.of(SignalKeys.live(K, PREFIX).emit()));
    return m;
  }

  /** Replies and the 回访 survey. */
  private static void replyLoop(Map<String, IntFunction<List<String>>> m) {
    m.put(
        "reply",
        p -> List.of(K.dedup(p, "reply", "all", "api:x:k"), K.statusDay(p, DAY), K.tickets(p)));
    m.put("reply_state", p -> List.of(K.reply(p, "r1"), K.tickets(p), K.statusDay(p, DAY)));
    m.put("survey_open", p -> List.of(K.surveys(p, "pseudonym-1")));
    m.put(
        "survey_answer",
        p -> List.of(K.surveys(p, "pseudonym-1"), K.dedup(p, "survey", "wechat-city", "m1")));
    m.put("survey_rate", p -> List.of(K.statusDay(p, DAY), K.tickets(p)));
  }

  /** The scripts of the registries that keep all their keys under one tag of their own. */
  private static void singleSlotRegistries(Map<String, IntFunction<List<String>>> m) {
    m.put("media_claim", p -> List.of(K.mediaFetches(p)));
    m.put("media_settle", p -> List.of(K.mediaFetches(p), K.tickets(p)));
    m.put("media_registry_claim", p -> List.of(MEDIA + "m:a", MEDIA + "m:b", MEDIA + "unclaimed"));
    m.put("media_pin", p -> List.of(MEDIA + "refs:s", MEDIA + "deleting:s", MEDIA + "keep:s"));
    m.put(
        "media_sweep",
        p ->
            List.of(
                MEDIA + "unclaimed",
                MEDIA + "m:a",
                MEDIA + "refs:s",
                MEDIA + "keep:s",
                MEDIA + "deleting:s"));
    m.put("rate_hit", p -> List.of(RL + "web-ip:h1:0", RL + "web-global:*:0"));
    List<String> quota = List.of(UPLOADS + "q:u:o", UPLOADS + "q:open", UPLOADS + "q:bytes");
    m.put("upload_create", p -> concat(List.of(UPLOADS + "u:1", UPLOADS + "expiring"), quota));
    m.put("upload_close", p -> concat(List.of(UPLOADS + "u:1", UPLOADS + "expiring"), quota));
    m.put(
        "upload_expire",
        p -> concat(List.of(UPLOADS + "expiring", UPLOADS + "u:1", UPLOADS + "lease:1"), quota));
    m.put("upload_lease", p -> List.of(UPLOADS + "lease:1", UPLOADS + "fence:1"));
    m.put("upload_fence", p -> List.of(UPLOADS + "lease:1", UPLOADS + "fence:1"));
    m.put(
        "upload_advance", p -> List.of(UPLOADS + "u:1", UPLOADS + "lease:1", UPLOADS + "expiring"));
  }

  private static List<String> callKeys(int p) {
    return List.of(
        T.call(p, "twilio-1", "CA1"),
        K.messages(p),
        K.tickets(p),
        K.sequence(p, DAY),
        T.openCalls(p),
        T.recordings(p),
        K.statusDay(p, DAY));
  }

  /** callback.lua runs in the CALLER's partition: find a pseudonym that lands in p. */
  private static List<String> callbackKeys(int p) {
    String caller = pseudonymIn(p);
    int cp = T.callerPartition(caller);
    return List.of(
        T.callbackWindow("twilio-1", caller),
        K.tickets(cp),
        K.sequence(cp, DAY),
        K.statusDay(cp, DAY),
        T.callbackClose(caller, "twilio-1", "CA1"));
  }

  private static List<String> idempotencyKeys(int p) {
    String citizen = pseudonymIn(p);
    int cp = K.partitionOf(citizen);
    String record = K.idempotency(cp, "app", citizen + ":kh");
    return List.of(record, record + ":lock", K.dedup(cp, "app", "app", "key"));
  }

  static String pseudonymIn(int p) {
    for (int i = 0; ; i++) {
      String candidate = "ps" + i;
      if (K.partitionOf(candidate) == p) {
        return candidate;
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  @Test
  void everyScriptHasItsKeysHere() throws Exception {
    assertThat(callSites().keySet())
        .as("every /lua/*.lua script needs its call site's KEYS in callSites()")
        .containsExactlyInAnyOrderElementsOf(LuaScriptSourcesTest.scripts());
  }

  static List<String> scripts() throws Exception {
    return LuaScriptSourcesTest.scripts();
  }

  @ParameterizedTest
  @MethodSource("scripts")
  void everyKeyOfOneScriptCallMapsToOneSlot(String script) {
    IntFunction<List<String>> site = callSites().get(script);
    assertThat(site).as("%s.lua has no call site in callSites()", script).isNotNull();
    for (int p = 0; p < P; p++) {
      List<String> keys = site.apply(p);
      assertThat(keys.stream().map(KeySlots::slot).collect(Collectors.toSet()))
          .as("%s.lua in partition %d: %s", script, p, keys)
          .hasSize(1);
    }
  }

  @Test
  void aSignalReplayNamespaceKeepsEachScriptsKeysInOneSlotOfItsOwn() {
    for (String id : List.of("a1b2c3d4", "00ff00ff")) {
      SignalKeys replay = SignalKeys.replay(PREFIX, id);
      assertThat(List.of(replay.observe()).stream().map(KeySlots::slot).distinct()).hasSize(1);
      assertThat(List.of(replay.emit()).stream().map(KeySlots::slot).distinct())
          .containsExactly(KeySlots.slot(replay.observe()[0]));
    }
  }

  @Test
  void partitionedScriptsLandInDifferentSlotsPerPartition() {
    assertThat(
            java.util.stream.IntStream.range(0, P)
                .map(p -> KeySlots.slot(K.messages(p)))
                .distinct()
                .count())
        .isEqualTo(P);
  }

  @Test
  void theSlotRuleMatchesTheClusterSpecExamples() {
    assertThat(KeySlots.crc16("123456789".getBytes(), 0, 9)).isEqualTo(0x31C3);
    assertThat(KeySlots.slot("{user1000}.following"))
        .isEqualTo(KeySlots.slot("{user1000}.followers"));
    assertThat(KeySlots.slot("foo{{bar}}zap")).isEqualTo(KeySlots.slot("{bar"));
  }
}
