package cn.gov12345.intake.channel.web;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.altcha.altcha.Altcha;

/**
 * ALTCHA proof-of-work with the {@code org.altcha:altcha} library: challenges are HMAC-signed with
 * an expiry in their salt, so any replica can check a solution without state. Expiry is checked
 * against the given clock (the library's own check would read the system clock).
 */
final class AltchaProofs {

  static final int MAX_PAYLOAD_CHARS = 2048;
  private static final Set<String> PAYLOAD_FIELDS =
      Set.of("algorithm", "challenge", "number", "salt", "signature", "took");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String hmacKey;
  private final long maxNumber;
  private final Duration ttl;
  private final Clock clock;

  AltchaProofs(String hmacKey, long maxNumber, Duration ttl, Clock clock) {
    this.hmacKey = hmacKey;
    this.maxNumber = maxNumber;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A fresh challenge that expires {@code ttl} from now. */
  Altcha.Challenge issue() {
    try {
      return Altcha.createChallenge(
          new Altcha.ChallengeOptions()
              .setAlgorithm(Altcha.Algorithm.SHA256)
              .setMaxNumber(maxNumber)
              .setSecureRandomNumber(true)
              .setHmacKey(hmacKey)
              .setExpires(clock.instant().plus(ttl).getEpochSecond()));
    } catch (Exception e) {
      throw new IllegalStateException("ALTCHA challenge could not be created", e);
    }
  }

  /**
   * Verifies the Base64 JSON payload the page sends.
   *
   * @throws ChannelException {@code proof_of_work_required} when absent, {@code
   *     proof_of_work_invalid} when unreadable, forged, wrong or expired
   */
  ProofOfWork verify(String encoded) {
    if (encoded == null || encoded.isBlank()) {
      throw new ChannelException(
          ErrorCode.PROOF_OF_WORK_REQUIRED,
          "The anti-robot check (proof of work) is missing; let the page finish it, then send.");
    }
    Altcha.Payload payload = read(encoded.strip());
    boolean solved;
    try {
      solved = Altcha.verifySolution(payload, hmacKey, false);
    } catch (Exception e) {
      solved = false;
    }
    if (!solved) {
      throw invalid("The anti-robot check does not solve a challenge this service issued.");
    }
    Instant expires = expiry(payload.salt);
    if (!clock.instant().isBefore(expires)) {
      throw invalid(
          "The anti-robot check has expired; the page starts a new one, then send again.");
    }
    return new ProofOfWork(payload.challenge, expires);
  }

  private static Altcha.Payload read(String encoded) {
    if (encoded.length() > MAX_PAYLOAD_CHARS) {
      throw invalid("The anti-robot check is too long to be one.");
    }
    JsonNode node;
    try {
      node = JSON.readTree(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw invalid("The anti-robot check could not be read.");
    }
    if (!hasShape(node) || !hasValues(node)) {
      throw invalid("The anti-robot check is not an ALTCHA SHA-256 solution.");
    }
    Altcha.Payload payload = new Altcha.Payload();
    payload.algorithm = node.path("algorithm").asText();
    payload.challenge = node.path("challenge").asText();
    payload.number = node.path("number").asLong();
    payload.salt = node.path("salt").asText();
    payload.signature = node.path("signature").asText();
    return payload;
  }

  private static boolean hasShape(JsonNode node) {
    return node != null
        && node.isObject()
        && PAYLOAD_FIELDS.containsAll(fieldNames(node))
        && node.path("algorithm").asText().equals("SHA-256");
  }

  private static boolean hasValues(JsonNode node) {
    JsonNode number = node.path("number");
    return HEX.matcher(node.path("challenge").asText()).matches()
        && HEX.matcher(node.path("signature").asText()).matches()
        && number.isIntegralNumber()
        && number.canConvertToLong()
        && number.asLong() >= 0
        && node.path("salt").isTextual()
        && node.path("salt").asText().length() <= 512;
  }

  private static Set<String> fieldNames(JsonNode node) {
    java.util.HashSet<String> names = new java.util.HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Instant expiry(String salt) {
    Map<String, String> params;
    try {
      params = Altcha.extractParams(salt);
    } catch (Exception e) {
      params = Map.of();
    }
    String expires = params == null ? null : params.get("expires");
    if (expires == null || !expires.matches("\\d{1,12}")) {
      throw invalid("The anti-robot check carries no expiry; the page starts a new one.");
    }
    return Instant.ofEpochSecond(Long.parseLong(expires));
  }

  private static ChannelException invalid(String message) {
    return new ChannelException(ErrorCode.PROOF_OF_WORK_INVALID, message);
  }
}
