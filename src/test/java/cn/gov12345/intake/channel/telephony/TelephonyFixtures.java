package cn.gov12345.intake.channel.telephony;

import cn.gov12345.intake.config.Secret;
import cn.gov12345.intake.config.TelephonyChannelConfig;
import cn.gov12345.intake.config.TwilioAccountConfig;
import cn.gov12345.intake.config.WebhookSourceConfig;
import cn.gov12345.intake.config.ZammadIntegrationConfig;
import cn.gov12345.intake.signing.StandardWebhooks;
import cn.gov12345.intake.support.TestIdentity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;

/** Test-only telephony integrations, and requests signed the way each vendor signs them. */
public final class TelephonyFixtures {

  public static final String TWILIO_SID = "AC0123456789abcdef0123456789abcdef";
  public static final String TWILIO_TOKEN = "test-only-twilio-auth-token-0001";
  public static final String PUBLIC_BASE = "https://hotline.example.gov.cn";
  public static final String CTI_SECRET = "whsec_dGVzdC1vbmx5LWN0aS1zb3VyY2Utc2VjcmV0LTMyYiE=";
  public static final String ZAMMAD_TOKEN = "test-only-zammad-token-0123456789";
  public static final String CTI_RECORDINGS = "https://pbx.example.gov.cn/recordings/";

  private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() & 0xFFFFFFFL);

  private TelephonyFixtures() {}

  /** Accounts {@code hotline} (Twilio), {@code pbx} (CTI), {@code asterisk} (Zammad). */
  public static TelephonyChannelConfig config(String recordingPrefix, String businessHours) {
    return new TelephonyChannelConfig(
        0,
        null,
        null,
        null,
        null,
        businessHours,
        null,
        Map.of(
            "hotline",
            new TwilioAccountConfig(
                TWILIO_SID, Secret.of(TWILIO_TOKEN), PUBLIC_BASE, recordingPrefix, null, null)),
        Map.of("pbx", new WebhookSourceConfig("test PBX", List.of(Secret.of(CTI_SECRET)))),
        Map.of("asterisk", new ZammadIntegrationConfig("test", Secret.of(ZAMMAD_TOKEN))),
        Map.of("pbx", List.of(CTI_RECORDINGS)));
  }

  public static TelephonyChannel channel(Clock clock) {
    return new TelephonyChannel(
        config("https://api.twilio.com/", null), TestIdentity.phones(), clock);
  }

  /**
   * The same integrations as gateway YAML (under {@code channels.telephony}); recordings of both
   * {@code hotline} and {@code pbx} may come from {@code recordingPrefix}, and the host {@code
   * localhost} (WireMock) may be reached although it is loopback.
   */
  public static String yaml(String recordingPrefix, String extra) {
    return "outbound:\n"
        + "  privateHosts: [ localhost ]\n"
        + "channels:\n"
        + "  telephony:\n"
        + extra
        + "    ctiRecordingUrlPrefixes:\n"
        + "      pbx: [ \""
        + recordingPrefix
        + "\", \""
        + CTI_RECORDINGS
        + "\" ]\n"
        + "    twilio:\n"
        + "      hotline:\n"
        + "        accountSid: "
        + TWILIO_SID
        + "\n"
        + "        authToken: "
        + TWILIO_TOKEN
        + "\n"
        + "        publicBaseUrl: "
        + PUBLIC_BASE
        + "\n"
        + "        recordingUrlPrefix: "
        + recordingPrefix
        + "\n"
        + "    cti:\n"
        + "      pbx:\n"
        + "        description: test PBX\n"
        + "        secrets: [ \""
        + CTI_SECRET
        + "\" ]\n"
        + "    zammad:\n"
        + "      asterisk:\n"
        + "        token: "
        + ZAMMAD_TOKEN
        + "\n";
  }

  /** A fresh Twilio CallSid. */
  public static String callSid() {
    return String.format("CA%032x", SEQ.incrementAndGet());
  }

  /** A fresh Twilio RecordingSid / TranscriptionSid with the given prefix. */
  public static String sid(String prefix) {
    return String.format("%s%032x", prefix, SEQ.incrementAndGet());
  }

  /** A fresh mainland mobile number. */
  public static String mobile() {
    return String.format("139%08d", SEQ.incrementAndGet() % 100_000_000L);
  }

  /** Form fields in order (name, value, name, value, …). */
  public static Map<String, List<String>> form(String... pairs) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.computeIfAbsent(pairs[i], n -> new ArrayList<>()).add(pairs[i + 1]);
    }
    return out;
  }

  /** A Twilio call webhook's form: the call, account, caller, hotline, plus {@code more} pairs. */
  public static Map<String, List<String>> twilioForm(String sid, String from, String... more) {
    List<String> fields =
        new ArrayList<>(
            List.of(
                "CallSid",
                sid,
                "AccountSid",
                TWILIO_SID,
                "From",
                from,
                "To",
                "+8610012345",
                "Direction",
                "inbound"));
    fields.addAll(List.of(more));
    return form(fields.toArray(String[]::new));
  }

  /** The form as a body. */
  public static byte[] encode(Map<String, List<String>> form) {
    StringJoiner body = new StringJoiner("&");
    form.forEach(
        (name, values) ->
            values.forEach(
                v ->
                    body.add(
                        URLEncoder.encode(name, StandardCharsets.UTF_8)
                            + "="
                            + URLEncoder.encode(v, StandardCharsets.UTF_8))));
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Twilio's signature of a request to {@code PUBLIC_BASE + uri}. */
  public static String twilioSignature(String uri, Map<String, List<String>> form) {
    return TwilioSignature.sign(TWILIO_TOKEN, PUBLIC_BASE + uri, form);
  }

  /** The Standard Webhooks signature of a CTI body. */
  public static String ctiSignature(String id, long timestamp, byte[] body) {
    return StandardWebhooks.sign(
        WebhookSourceConfig.keyOf(Secret.of(CTI_SECRET)), id, timestamp, body);
  }
}
