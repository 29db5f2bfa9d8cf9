package cn.gov12345.intake.channel.telephony.io;

import cn.gov12345.intake.config.TelephonyChannelConfig;
import cn.gov12345.intake.config.TwilioAccountConfig;
import cn.gov12345.intake.fetch.FetchRefusedException;
import cn.gov12345.intake.fetch.GuardedFetcher;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Downloads a call recording from the vendor: Twilio recordings as MP3 with HTTP basic
 * authentication (account SID, auth token), CTI recordings as given (pre-signed URLs), both through
 * the {@link GuardedFetcher} under the integration's recording URL prefixes (a URL, redirect or
 * address the policy refuses is a permanent failure with its reason as code, nothing stored). Fails
 * with a {@link RecordingException} that says whether trying again may help.
 */
public final class RecordingDownloader {

  static final long TIMEOUT_MS = 60_000;
  static final int MAX_BYTES = 64 * 1024 * 1024;

  private final GuardedFetcher fetcher;
  private final TelephonyChannelConfig config;

  public RecordingDownloader(GuardedFetcher fetcher, TelephonyChannelConfig config) {
    this.fetcher = fetcher;
    this.config = config;
  }

  /** The recording's bytes and declared type ({@code [bytes, type]}). */
  public Future<Recording> download(RecordingFetch fetch) {
    TwilioAccountConfig twilio =
        "twilio".equals(fetch.vendor()) ? config.twilio().get(fetch.integration()) : null;
    if ("twilio".equals(fetch.vendor()) && twilio == null) {
      return Future.failedFuture(new RecordingException("unknown_account", false));
    }
    Map<String, String> headers = Map.of();
    if (twilio != null) {
      String pair = twilio.accountSid() + ":" + twilio.authToken().reveal();
      headers =
          Map.of(
              "Authorization",
              "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return fetcher
        .get(
            "recording",
            url(fetch),
            config.recordingUrlPrefixes(fetch.vendor(), fetch.integration()),
            headers,
            MAX_BYTES,
            TIMEOUT_MS)
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof FetchRefusedException r
                        ? new RecordingException(r.reason(), false)
                        : new RecordingException("unavailable", true)))
        .compose(
            r -> {
              int status = r.status();
              if (status == 200 && r.body().length() > 0) {
                return Future.succeededFuture(new Recording(r.body(), r.contentType()));
              }
              if (status == 200) {
                return Future.failedFuture(new RecordingException("too_large_or_empty", false));
              }
              boolean transientFailure = status >= 500 || status == 429 || status == 408;
              return Future.failedFuture(
                  new RecordingException(
                      transientFailure ? "unavailable" : "http_" + status, transientFailure));
            });
  }

  /**
   * The URL to fetch: a Twilio recording URL without extension serves WAV; with {@code .mp3} it
   * serves the smaller MP3, which is what is kept.
   */
  static String url(RecordingFetch fetch) {
    String url = fetch.url();
    String last = url.substring(url.lastIndexOf('/') + 1);
    boolean bare = !last.contains(".") && !url.contains("?");
    return "twilio".equals(fetch.vendor()) && bare ? url + ".mp3" : url;
  }

  /** The downloaded bytes and the type the vendor declared (for logs only). */
  public record Recording(Buffer bytes, String declaredType) {}

  /** Why a download failed and whether another attempt may succeed. */
  public static final class RecordingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final boolean transientFailure;

    RecordingException(String code, boolean transientFailure) {
      super(code, null, false, false);
      this.code = code;
      this.transientFailure = transientFailure;
    }

    public String code() {
      return code;
    }

    public boolean transientFailure() {
      return transientFailure;
    }
  }
}
