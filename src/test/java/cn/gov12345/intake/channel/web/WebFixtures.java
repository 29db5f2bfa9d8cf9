package cn.gov12345.intake.channel.web;

import cn.gov12345.intake.config.Secret;
import cn.gov12345.intake.config.WebChannelConfig;
import cn.gov12345.intake.identity.PhoneNumbers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altcha.altcha.Altcha;

/** The web channel as tests configure it, and forms with solved proofs-of-work. */
public final class WebFixtures {

  /** The ALTCHA key of the test channel (the samples under channels/web are signed with it). */
  public static final String POW_KEY = "test-only-altcha-hmac-key-0123456789abcdef";

  /**
   * In a fixture's field map, the solution the page sends in {@code X-Altcha} (and {@link
   * WebForm#IDEMPOTENCY_KEY} stands for the {@code Idempotency-Key} header): {@link #accept} lifts
   * both into the head.
   */
  public static final String ALTCHA = "altcha";

  private WebFixtures() {}

  public static WebChannelConfig config() {
    return new WebChannelConfig(
        3,
        1024 * 1024,
        Secret.of(POW_KEY),
        1000,
        Duration.ofMinutes(20),
        Secret.of("test-only-csrf-secret-0123456789abcdefgh"),
        20,
        240,
        20_000,
        20);
  }

  public static WebChannel channel(Clock clock) {
    return new WebChannel(config(), new PhoneNumbers("CN"), clock);
  }

  /** Solves a challenge the way the page does and encodes the payload. */
  public static String solve(Map<String, Object> challenge) {
    try {
      Altcha.Solution s =
          Altcha.solveChallenge(
              (String) challenge.get("challenge"),
              (String) challenge.get("salt"),
              Altcha.Algorithm.SHA256,
              (Long) challenge.get("maxnumber"),
              0);
      return payload(challenge, s.number);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The Base64 JSON payload for a challenge and a number (right or wrong). */
  public static String payload(Map<String, Object> challenge, long number) {
    String json =
        "{\"algorithm\":\"SHA-256\",\"challenge\":\""
            + challenge.get("challenge")
            + "\",\"number\":"
            + number
            + ",\"salt\":\""
            + challenge.get("salt")
            + "\",\"signature\":\""
            + challenge.get("signature")
            + "\"}";
    return Base64.getEncoder()
        .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A mutable valid form (one value per field) with a solved proof-of-work of the channel. */
  public static Map<String, String> validFields(WebChannel channel) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(WebForm.APPEAL_TYPE, "投诉");
    fields.put(WebForm.DESCRIPTION, "小区停水三天了");
    fields.put(WebForm.ADDRESS, "朝阳区建国路 88 号");
    fields.put(WebForm.IDEMPOTENCY_KEY, "c0ffee00-0000-4000-8000-000000000001");
    fields.put(ALTCHA, solve(channel.challenge()));
    return fields;
  }

  /** The form's body: the fields without those the head carries. */
  public static WebForm form(Map<String, String> fields, WebForm.Photo... photos) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    fields.forEach((k, v) -> multi.put(k, List.of(v)));
    multi.remove(ALTCHA);
    multi.remove(WebForm.IDEMPOTENCY_KEY);
    return new WebForm(multi, new ArrayList<>(List.of(photos)));
  }

  /** The head of a fixture's fields, verified: its solution and its idempotency key. */
  public static WebChannel.Admission admission(WebChannel channel, Map<String, String> fields) {
    return channel.admission(fields.get(ALTCHA), fields.get(WebForm.IDEMPOTENCY_KEY));
  }

  /** Sends a fixture's fields as the page does: head first, then the body. */
  public static WebSubmission accept(
      WebChannel channel, Map<String, String> fields, WebForm.Photo... photos) {
    return channel.accept(admission(channel, fields), form(fields, photos));
  }
}
