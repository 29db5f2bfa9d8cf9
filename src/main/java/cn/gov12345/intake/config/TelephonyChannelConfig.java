package cn.gov12345.intake.config;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The telephony channel ({@code /channels/telephony/...}): Twilio-compatible call centers, PBXs
 * posting the generic CTI JSON, and Zammad-style CTI form events.
 *
 * @param maxBodyBytes larger bodies are refused with 413 before they are read
 * @param tolerance how far a CTI JSON {@code webhook-timestamp} may be from now
 * @param callTimeout a call with no end event for this long is closed (state {@code timed_out})
 * @param sweepInterval how often every replica looks for such calls
 * @param callbackWindow abandoned calls of one number within this window share one ticket
 * @param businessHours {@code HH:mm-HH:mm} in Asia/Shanghai; outside them an incoming Twilio call
 *     gets the after-hours TwiML (voicemail)
 * @param recordingRetry delays between recording download attempts
 * @param twilio Twilio accounts by name
 * @param cti CTI JSON sources by name
 * @param zammad Zammad-style CTI integrations by name
 * @param ctiRecordingUrlPrefixes per CTI source, the URL prefixes its recordings may be fetched
 *     from ({@code https://pbx.example.gov.cn/recordings/}); a source without any may not name
 *     recording URLs (422 {@code recording_url_refused})
 */
public record TelephonyChannelConfig(
    int maxBodyBytes,
    Duration tolerance,
    Duration callTimeout,
    Duration sweepInterval,
    Duration callbackWindow,
    String businessHours,
    List<Duration> recordingRetry,
    Map<String, TwilioAccountConfig> twilio,
    Map<String, WebhookSourceConfig> cti,
    Map<String, ZammadIntegrationConfig> zammad,
    Map<String, List<String>> ctiRecordingUrlPrefixes) {

  public static final List<Duration> DEFAULT_RECORDING_RETRY =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofMinutes(2),
          Duration.ofMinutes(10),
          Duration.ofMinutes(30));

  public TelephonyChannelConfig {
    maxBodyBytes = maxBodyBytes == 0 ? 65536 : maxBodyBytes;
    tolerance = or(tolerance, Duration.ofMinutes(5));
    callTimeout = or(callTimeout, Duration.ofHours(2));
    sweepInterval = or(sweepInterval, Duration.ofSeconds(30));
    callbackWindow = or(callbackWindow, Duration.ofHours(2));
    businessHours = or(businessHours, "00:00-24:00").trim();
    recordingRetry = List.copyOf(or(recordingRetry, DEFAULT_RECORDING_RETRY));
    twilio = Map.copyOf(new TreeMap<>(or(twilio, Map.of())));
    cti = Map.copyOf(new TreeMap<>(or(cti, Map.of())));
    zammad = Map.copyOf(new TreeMap<>(or(zammad, Map.of())));
    ctiRecordingUrlPrefixes = Map.copyOf(new TreeMap<>(or(ctiRecordingUrlPrefixes, Map.of())));
  }

  /**
   * The URL prefixes recordings of one integration may be fetched from: the Twilio account's {@code
   * recordingUrlPrefix}, a CTI source's {@code ctiRecordingUrlPrefixes}; none otherwise.
   */
  public List<String> recordingUrlPrefixes(String vendor, String integration) {
    if ("twilio".equals(vendor) && twilio.containsKey(integration)) {
      return List.of(twilio.get(integration).recordingUrlPrefix());
    }
    return "cti".equals(vendor)
        ? ctiRecordingUrlPrefixes.getOrDefault(integration, List.of())
        : List.of();
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  /** No integrations: the routes are mounted but every account is unknown. */
  public static TelephonyChannelConfig none() {
    return new TelephonyChannelConfig(
        0, null, null, null, null, null, null, null, null, null, null);
  }

  /** Whether any integration is configured (the background verticles run only then). */
  public boolean isEmpty() {
    return twilio.isEmpty() && cti.isEmpty() && zammad.isEmpty();
  }

  /** Opening time of {@link #businessHours()}. */
  public LocalTime opensAt() {
    return time(businessHours.substring(0, businessHours.indexOf('-')));
  }

  /** Closing time of {@link #businessHours()} ({@code 24:00} = midnight at the end of the day). */
  public LocalTime closesAt() {
    return time(businessHours.substring(businessHours.indexOf('-') + 1));
  }

  private static LocalTime time(String text) {
    return "24:00".equals(text.trim()) ? LocalTime.MAX : LocalTime.parse(text.trim());
  }

  void validate(Problems p, boolean production) {
    String at = "channels.telephony";
    p.require(
        maxBodyBytes >= 1024 && maxBodyBytes <= 1024 * 1024,
        at + ".maxBodyBytes",
        "must be 1 KiB .. 1 MiB");
    RedisConfig.positive(p, tolerance, at + ".tolerance");
    RedisConfig.positive(p, callTimeout, at + ".callTimeout");
    RedisConfig.positive(p, sweepInterval, at + ".sweepInterval");
    RedisConfig.positive(p, callbackWindow, at + ".callbackWindow");
    p.require(
        businessHours.matches(
            "([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)"),
        at + ".businessHours",
        "must be HH:mm-HH:mm (China time), e.g. 08:00-20:00");
    p.require(
        !recordingRetry.isEmpty()
            && recordingRetry.size() <= 20
            && recordingRetry.stream()
                .allMatch(d -> !d.isNegative() && d.compareTo(Duration.ofDays(1)) <= 0),
        at + ".recordingRetry",
        "must be 1-20 delays of 0s .. 1d");
    p.named(twilio, at + ".twilio", "account", (path, a) -> a.validate(p, path, production));
    p.named(cti, at + ".cti", "source", (path, s) -> s.validate(p, path, production));
    p.named(zammad, at + ".zammad", "integration", (path, z) -> z.validate(p, path, production));
    ctiRecordingUrlPrefixes.forEach(
        (source, prefixes) -> {
          String path = at + ".ctiRecordingUrlPrefixes." + source;
          p.require(cti.containsKey(source), path, "names no source under channels.telephony.cti");
          p.require(
              prefixes != null && prefixes.stream().allMatch(OutboundConfig::isUrlPrefix),
              path,
              "must be http(s) URL prefixes ending in a path, e.g. https://pbx.example.gov.cn/rec/");
        });
  }
}
