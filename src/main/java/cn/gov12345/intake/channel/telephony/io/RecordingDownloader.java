package cn.gov12345.intake.channel.telephony.io;

import cn.gov12345.intake.config.TelephonyChannelConfig;
import cn.gov12345.intake.config.TwilioAccountConfig;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Downloads a call recording from the vendor: Twilio recordings as MP3 with HTTP basic
 * authentication (account SID, auth token), CTI recordings as given (pre-signed URLs). Fails with a
 * {@link RecordingException} that says whether trying again may help.
 */
public final class RecordingDownloader {

  static final long TIMEOUT_MS = 60_000;
  static final int MAX_BYTES = 64 * 1024 * 1024;

  private final WebClient web;
  private final TelephonyChannelConfig config;

  public RecordingDownloader(WebClient web, TelephonyChannelConfig config) {
    this.web = web;
    this.config = config;
  }

  /** The recording's bytes and declared type ({@code [bytes, type]}). */
  public Future<Recording> download(RecordingFetch fetch) {
    var request = web.getAbs(url(fetch)).timeout(TIMEOUT_MS);
    TwilioAccountConfig twilio =
        "twilio".equals(fetch.vendor()) ? config.twilio().get(fetch.integration()) : null;
    if ("twilio".equals(fetch.vendor()) && twilio == null) {
      return Future.failedFuture(new RecordingException("unknown_account", false));
    }
    if (twilio != null) {
      String pair = twilio.accountSid() + ":" + twilio.authToken().reveal();
      request.putHeader(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return request
        .send()
        .recover(e -> Future.failedFuture(new RecordingException("unavailable", true)))
        .compose(
            r -> {
              int status = r.statusCode();
              if (status == 200 && r.body() != null && r.body().length() <= MAX_BYTES) {
                return Future.succeededFuture(new Recording(r.body(), r.getHeader("Content-Type")));
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
