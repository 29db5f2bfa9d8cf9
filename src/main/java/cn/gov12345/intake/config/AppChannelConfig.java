package cn.gov12345.intake.config;

import java.time.Duration;

/**
 * The mobile-app channel ({@code /channels/app/v1/...}).
 *
 * @param maxBodyBytes larger submission bodies are refused with 413 before they are read
 * @param maxMedia how many uploaded media one submission may reference
 * @param auth how a request proves its app user
 * @param idempotencyLock how long a submission holds its Idempotency-Key while it is processed (a
 *     retry meanwhile answers 409); a request that dies releases it after this long
 */
public record AppChannelConfig(
    int maxBodyBytes, int maxMedia, AppAuthConfig auth, Duration idempotencyLock) {

  public AppChannelConfig {
    idempotencyLock = idempotencyLock == null ? Duration.ofSeconds(30) : idempotencyLock;
  }

  /** Settings with the default idempotency lock. */
  public AppChannelConfig(int maxBodyBytes, int maxMedia, AppAuthConfig auth) {
    this(maxBodyBytes, maxMedia, auth, null);
  }

  void validate(Problems p, boolean production) {
    p.require(
        maxBodyBytes >= 1024 && maxBodyBytes <= 1024 * 1024,
        "channels.app.maxBodyBytes",
        "must be 1 KiB .. 1 MiB");
    p.require(maxMedia >= 0 && maxMedia <= 50, "channels.app.maxMedia", "must be 0 .. 50");
    p.require(
        idempotencyLock.compareTo(Duration.ofSeconds(5)) >= 0
            && idempotencyLock.compareTo(Duration.ofMinutes(10)) <= 0,
        "channels.app.idempotencyLock",
        "must be 5s .. 10m");
    if (auth == null) {
      p.add("channels.app.auth", "is required");
    } else {
      auth.validate(p, production);
    }
  }
}
