package cn.gov12345.intake.config;

import java.time.Duration;

/**
 * How app requests prove their user: a JWT issued by the app's login service, either RS256 checked
 * against a JSON Web Key Set (a file or an HTTPS URL) or HS256 with a shared secret. Exactly one of
 * {@code jwksUrl}, {@code jwksFile} and {@code hs256Secret} is set.
 *
 * @param jwksUrl where the login service publishes its public keys (RS256); empty = not used
 * @param jwksFile a file holding the public key set (RS256); empty = not used
 * @param hs256Secret the shared HMAC secret (HS256, at least 32 bytes); empty = not used
 * @param audience the {@code aud} value a token must carry
 * @param issuer the {@code iss} value a token must carry; empty = not checked
 * @param clockSkew how far {@code exp}, {@code nbf} and {@code iat} may be off, either way
 * @param maxTokenAge a token issued longer ago than this is refused even before it expires
 * @param jwksRefreshInterval a token with an unknown key id re-reads the key set at most this often
 */
public record AppAuthConfig(
    String jwksUrl,
    String jwksFile,
    Secret hs256Secret,
    String audience,
    String issuer,
    Duration clockSkew,
    Duration maxTokenAge,
    Duration jwksRefreshInterval) {

  private static final String PATH = "channels.app.auth";

  public AppAuthConfig {
    jwksUrl = jwksUrl == null ? "" : jwksUrl.trim();
    jwksFile = jwksFile == null ? "" : jwksFile.trim();
    hs256Secret = hs256Secret == null ? Secret.of("") : hs256Secret;
    issuer = issuer == null ? "" : issuer.trim();
    clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
    maxTokenAge = maxTokenAge == null ? Duration.ofHours(24) : maxTokenAge;
    jwksRefreshInterval =
        jwksRefreshInterval == null ? Duration.ofSeconds(30) : jwksRefreshInterval;
  }

  /** Whether tokens are RS256 checked against a key set (else HS256 with the secret). */
  public boolean usesKeySet() {
    return !jwksUrl.isEmpty() || !jwksFile.isEmpty();
  }

  void validate(Problems p, boolean production) {
    int modes =
        (jwksUrl.isEmpty() ? 0 : 1)
            + (jwksFile.isEmpty() ? 0 : 1)
            + (hs256Secret.isBlank() ? 0 : 1);
    p.require(
        modes == 1,
        PATH,
        "needs exactly one of jwksUrl, jwksFile and hs256Secret (set hs256Secret: \"\" with a key"
            + " set)");
    p.require(
        jwksUrl.isEmpty() || jwksUrl.startsWith("https://") || !production && isHttp(jwksUrl),
        PATH + ".jwksUrl",
        "must be an https:// URL (http:// only in development)");
    p.require(
        hs256Secret.isBlank() || hs256Secret.utf8().length >= 32,
        PATH + ".hs256Secret",
        "must be at least 32 bytes");
    p.require(
        !production || hs256Secret.isBlank() || !hs256Secret.isPlaceholder(),
        PATH + ".hs256Secret",
        "is a development placeholder; production needs a real secret");
    validateClaims(p);
  }

  private void validateClaims(Problems p) {
    p.require(audience != null && !audience.isBlank(), PATH + ".audience", "must not be empty");
    p.require(
        !clockSkew.isNegative() && clockSkew.compareTo(Duration.ofMinutes(5)) <= 0,
        PATH + ".clockSkew",
        "must be 0s .. 5m");
    p.require(
        maxTokenAge.compareTo(Duration.ofMinutes(1)) >= 0
            && maxTokenAge.compareTo(Duration.ofDays(30)) <= 0,
        PATH + ".maxTokenAge",
        "must be 1m .. 30d");
    p.require(
        jwksRefreshInterval.compareTo(Duration.ofSeconds(1)) >= 0
            && jwksRefreshInterval.compareTo(Duration.ofHours(1)) <= 0,
        PATH + ".jwksRefreshInterval",
        "must be 1s .. 1h");
  }

  private static boolean isHttp(String url) {
    return url.startsWith("http://");
  }
}
