package cn.gov12345.intake.config;

import java.util.Base64;
import java.util.List;

/**
 * One partner system allowed to push signed webhooks.
 *
 * @param description who this is (shown in logs and docs)
 * @param secrets {@code whsec_…} signing secrets; several while one is being rotated
 */
public record WebhookSourceConfig(String description, List<Secret> secrets) {

  private static final String PREFIX = "whsec_";

  public WebhookSourceConfig {
    description = description == null ? "" : description;
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
  }

  /** The raw HMAC keys of {@link #secrets()}. */
  public List<byte[]> keys() {
    return secrets.stream().map(WebhookSourceConfig::keyOf).toList();
  }

  /** Decodes a {@code whsec_} secret into its HMAC key; null when it is not one. */
  public static byte[] keyOf(Secret secret) {
    String v = secret.reveal().trim();
    if (!v.startsWith(PREFIX)) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(v.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The secrets of a sender that signs with one key and rotates to a second: at least one, at most
   * two, each a real {@code whsec_} secret.
   */
  static void validateRotating(Problems p, String path, List<Secret> secrets, boolean production) {
    new WebhookSourceConfig("", secrets).validate(p, path, production);
    p.require(secrets.size() <= 2, path + ".secrets", "holds at most two secrets (rotation)");
  }

  void validate(Problems p, String path, boolean production) {
    p.require(!secrets.isEmpty(), path + ".secrets", "needs at least one whsec_ secret");
    for (int i = 0; i < secrets.size(); i++) {
      byte[] key = keyOf(secrets.get(i));
      String at = path + ".secrets[" + i + "]";
      p.require(key != null, at, "must be whsec_ followed by Base64");
      p.require(key == null || key.length >= 24, at, "must hold at least 24 random bytes");
      p.require(
          !production || !secrets.get(i).isPlaceholder(),
          at,
          "is a development placeholder; production needs a real secret");
    }
  }
}
