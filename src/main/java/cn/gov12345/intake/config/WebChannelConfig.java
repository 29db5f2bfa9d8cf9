package cn.gov12345.intake.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The citizen web form ({@code /} and {@code POST /channels/web/v1/submissions}).
 *
 * @param maxPhotos photos one submission may carry
 * @param maxPhotoBytes largest photo accepted
 * @param powHmacKey key that signs ALTCHA proof-of-work challenges (every replica the same)
 * @param powMaxNumber the ALTCHA difficulty: the secret number is drawn from 0..powMaxNumber
 * @param challengeTtl how long an issued challenge may be solved and used
 * @param csrfSecret key that signs the double-submit CSRF token (every replica the same)
 * @param perIpHour submissions one client address may send per clock hour
 * @param perIpDay submissions one client address may send per day (UTC)
 * @param globalDay submissions the web form accepts per day (UTC) from everyone together
 * @param maxParts parts (text fields and files) one multipart body may have; the next part is
 *     refused with {@code too_many_parts} and never reaches the disk
 */
public record WebChannelConfig(
    int maxPhotos,
    int maxPhotoBytes,
    Secret powHmacKey,
    long powMaxNumber,
    Duration challengeTtl,
    Secret csrfSecret,
    long perIpHour,
    long perIpDay,
    long globalDay,
    int maxParts) {

  private static final String PATH = "channels.web.";

  public WebChannelConfig {
    maxPhotos = (int) orDefault(maxPhotos, 3);
    maxPhotoBytes = (int) orDefault(maxPhotoBytes, 10 * 1024 * 1024);
    powHmacKey = Objects.requireNonNullElse(powHmacKey, Secret.of(""));
    powMaxNumber = orDefault(powMaxNumber, 100_000);
    challengeTtl = Objects.requireNonNullElse(challengeTtl, Duration.ofMinutes(20));
    csrfSecret = Objects.requireNonNullElse(csrfSecret, Secret.of(""));
    perIpHour = orDefault(perIpHour, 20);
    perIpDay = orDefault(perIpDay, 240);
    globalDay = orDefault(globalDay, 20_000);
    maxParts = (int) orDefault(maxParts, 20);
  }

  private static long orDefault(long value, long fallback) {
    return value == 0 ? fallback : value;
  }

  /** Everything at its default (the keys then come from gateway.yaml). */
  public static WebChannelConfig defaults() {
    return new WebChannelConfig(0, 0, null, 0, null, null, 0, 0, 0, 0);
  }

  /** The largest multipart body: the photos plus 64 KiB of text fields and boundaries. */
  public long maxBodyBytes() {
    return (long) maxPhotos * maxPhotoBytes + 64 * 1024;
  }

  void validate(Problems p, boolean production) {
    p.require(maxPhotos >= 1 && maxPhotos <= 20, PATH + "maxPhotos", "must be 1..20");
    p.require(
        maxPhotoBytes >= 1024 && maxPhotoBytes <= 50 * 1024 * 1024,
        PATH + "maxPhotoBytes",
        "must be 1 KiB .. 50 MiB");
    key(p, production, powHmacKey, "powHmacKey");
    key(p, production, csrfSecret, "csrfSecret");
    p.require(
        powMaxNumber >= 1000 && powMaxNumber <= 10_000_000,
        PATH + "powMaxNumber",
        "must be 1000 .. 10000000");
    p.require(
        challengeTtl.compareTo(Duration.ofMinutes(1)) >= 0
            && challengeTtl.compareTo(Duration.ofDays(1)) <= 0,
        PATH + "challengeTtl",
        "must be 1m .. 1d");
    p.require(perIpHour >= 1, PATH + "perIpHour", "must be at least 1");
    p.require(perIpDay >= perIpHour, PATH + "perIpDay", "must be at least perIpHour");
    p.require(globalDay >= perIpDay, PATH + "globalDay", "must be at least perIpDay");
    p.require(
        maxParts >= maxPhotos + 10 && maxParts <= 200,
        PATH + "maxParts",
        "must be maxPhotos + 10 (the form's text fields) .. 200");
  }

  private static void key(Problems p, boolean production, Secret key, String name) {
    p.require(key.utf8().length >= 32, PATH + name, "must be at least 32 bytes");
    p.require(
        !production || !key.isPlaceholder(),
        PATH + name,
        "is a development placeholder; production needs a real key");
  }
}
