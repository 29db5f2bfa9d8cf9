package cn.gov12345.intake.config;

import java.util.Base64;
import java.util.Map;

/**
 * Keys that protect citizens' identity.
 *
 * @param pseudonymKey HMAC-SHA256 key for citizen pseudonyms (at least 32 bytes); rotating it
 *     changes every pseudonym
 * @param contactKeyId the key id contact details are encrypted with now
 * @param contactKeys AES-256 keys by key id, Base64 (32 bytes each); old ids stay for reading
 * @param defaultRegion ISO region used to read national phone numbers (CN)
 */
public record IdentityConfig(
    Secret pseudonymKey,
    String contactKeyId,
    Map<String, Secret> contactKeys,
    String defaultRegion) {

  public IdentityConfig {
    contactKeys = contactKeys == null ? Map.of() : Map.copyOf(contactKeys);
  }

  void validate(Problems p, boolean production) {
    p.require(
        pseudonymKey != null && pseudonymKey.utf8().length >= 32,
        "identity.pseudonymKey",
        "must be at least 32 bytes");
    p.require(
        contactKeyId != null && contactKeys.containsKey(contactKeyId),
        "identity.contactKeyId",
        "must name one of identity.contactKeys");
    contactKeys.forEach(
        (id, key) -> {
          byte[] raw = decode(key);
          p.require(
              raw != null && raw.length == 32,
              "identity.contactKeys." + id,
              "must be 32 bytes, Base64-encoded (AES-256)");
          p.require(
              !production || !key.isPlaceholder(),
              "identity.contactKeys." + id,
              "is a development placeholder; production needs a real key");
        });
    p.require(
        !production || pseudonymKey == null || !pseudonymKey.isPlaceholder(),
        "identity.pseudonymKey",
        "is a development placeholder; production needs a real key");
    p.require(
        defaultRegion != null && defaultRegion.matches("[A-Z]{2}"),
        "identity.defaultRegion",
        "must be an ISO 3166 region such as CN");
  }

  /** The AES key bytes for a key id, or null when the value is not Base64. */
  public static byte[] decode(Secret key) {
    try {
      return Base64.getDecoder().decode(key.reveal().trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
