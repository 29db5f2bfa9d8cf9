package cn.gov12345.intake.config;

import java.util.HexFormat;
import java.util.Locale;

/**
 * One Open311 client app. Only the SHA-256 of its {@code api_key} is configured ({@code
 * KEY=$(openssl rand -hex 32); printf %s "$KEY" | sha256sum}), so the configuration never holds a
 * usable key.
 *
 * @param description who this is
 * @param apiKeySha256 lower-case hex SHA-256 of the UTF-8 bytes of the api_key
 */
public record Open311ClientConfig(String description, String apiKeySha256) {

  /** The development key of the example client; production refuses its hash. */
  public static final String PLACEHOLDER_KEY = "dev-only-open311-key-change-me";

  public Open311ClientConfig {
    description = description == null ? "" : description;
    apiKeySha256 = apiKeySha256 == null ? "" : apiKeySha256.trim().toLowerCase(Locale.ROOT);
  }

  /** The configured hash as bytes (valid only after validation). */
  public byte[] keyHash() {
    return HexFormat.of().parseHex(apiKeySha256);
  }

  void validate(Problems p, String path, boolean production) {
    boolean hex = apiKeySha256.matches("[0-9a-f]{64}");
    p.require(hex, path + ".apiKeySha256", "must be the 64 hex digits of the api_key's SHA-256");
    p.require(
        !production || !apiKeySha256.equals(PullConsumerConfig.sha256Hex(PLACEHOLDER_KEY)),
        path + ".apiKeySha256",
        "is a development placeholder; production needs the hash of a real key");
  }
}
