package cn.gov12345.intake.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One backend allowed to pull the ticket stream. Only the SHA-256 of its API key is configured
 * (make one with {@code KEY=$(openssl rand -hex 32); printf %s "$KEY" | sha256sum}), so the
 * configuration never holds a usable key.
 *
 * @param description who this is
 * @param keySha256 lower-case hex SHA-256 of the UTF-8 bytes of the API key
 * @param eventTypes the CloudEvent types this consumer sees; empty = every type
 */
public record PullConsumerConfig(String description, String keySha256, List<String> eventTypes) {

  /** The development key of the bundled {@code demo} consumer; production refuses its hash. */
  public static final String PLACEHOLDER_KEY = "dev-only-pull-key-change-me";

  public PullConsumerConfig {
    description = description == null ? "" : description;
    keySha256 = keySha256 == null ? "" : keySha256.trim().toLowerCase(Locale.ROOT);
    eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
  }

  /** The hex SHA-256 of a key, as {@link #keySha256()} holds it. */
  public static String sha256Hex(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The configured hash as bytes. */
  public byte[] keyHash() {
    return HexFormat.of().parseHex(keySha256);
  }

  void validate(Problems p, String path, boolean production) {
    boolean hex = keySha256.matches("[0-9a-f]{64}");
    p.require(hex, path + ".keySha256", "must be the 64 hex digits of the key's SHA-256");
    p.require(
        !production || !hex || !isPlaceholder(),
        path + ".keySha256",
        "is a development " + "placeholder; production needs the hash of a real key");
    for (int i = 0; i < eventTypes.size(); i++) {
      String type = eventTypes.get(i);
      p.require(
          type != null && type.matches("[a-z0-9][a-z0-9.-]{0,199}"),
          path + ".eventTypes[" + i + "]",
          "must be a CloudEvent type such as cn.gov12345.intake.ticket.opened.v1");
    }
  }

  private boolean isPlaceholder() {
    return keySha256.equals(sha256Hex(PLACEHOLDER_KEY)) || keySha256.equals(sha256Hex(""));
  }
}
