package cn.gov12345.intake.config;

/**
 * One Twilio(-compatible) account whose webhooks point at {@code
 * /channels/telephony/twilio/{name}/...}.
 *
 * @param accountSid the account SID ({@code AC…}); requests for another account are refused
 * @param authToken signs every webhook (HMAC-SHA1) and authenticates recording downloads
 * @param publicBaseUrl the base URL Twilio calls (e.g. {@code https://hotline.example.gov.cn}); the
 *     signature covers the full URL, so it must be the URL Twilio used, not the proxy's upstream
 * @param recordingUrlPrefix recordings are downloaded only from URLs starting with this
 * @param twimlOpen TwiML answered to an incoming call during business hours
 * @param twimlAfterHours TwiML answered outside business hours (voicemail with {@code <Record>})
 */
public record TwilioAccountConfig(
    String accountSid,
    Secret authToken,
    String publicBaseUrl,
    String recordingUrlPrefix,
    String twimlOpen,
    String twimlAfterHours) {

  public static final String DEFAULT_OPEN =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say language=\"zh-CN\">"
          + "您好，这里是12345政务服务便民热线，正在为您转接，请稍候。</Say>"
          + "<Enqueue>hotline</Enqueue></Response>";
  public static final String DEFAULT_AFTER_HOURS =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say language=\"zh-CN\">"
          + "您好，这里是12345政务服务便民热线。现在是非工作时间，请在提示音后留言，"
          + "说明您的诉求和联系方式，我们将在工作时间尽快回复您。</Say>"
          + "<Record maxLength=\"180\" playBeep=\"true\" transcribe=\"false\"/>"
          + "<Say language=\"zh-CN\">没有收到您的留言，再见。</Say></Response>";

  public TwilioAccountConfig {
    accountSid = accountSid == null ? "" : accountSid.trim();
    authToken = authToken == null ? Secret.of("") : authToken;
    publicBaseUrl = publicBaseUrl == null ? "" : stripSlash(publicBaseUrl.trim());
    recordingUrlPrefix =
        recordingUrlPrefix == null ? "https://api.twilio.com/" : recordingUrlPrefix.trim();
    twimlOpen = twimlOpen == null || twimlOpen.isBlank() ? DEFAULT_OPEN : twimlOpen.trim();
    twimlAfterHours =
        twimlAfterHours == null || twimlAfterHours.isBlank()
            ? DEFAULT_AFTER_HOURS
            : twimlAfterHours.trim();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  void validate(Problems p, String path, boolean production) {
    p.require(
        accountSid.matches("AC[0-9a-fA-F]{32}"),
        path + ".accountSid",
        "must be AC + 32 hex digits");
    p.require(authToken.reveal().length() >= 16, path + ".authToken", "must be set");
    p.require(
        !production || !authToken.isPlaceholder(),
        path + ".authToken",
        "is a development placeholder; production needs the real token");
    p.require(
        publicBaseUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?"),
        path + ".publicBaseUrl",
        "must be the http(s) base URL Twilio calls, without query");
    p.require(
        OutboundConfig.isUrlPrefix(recordingUrlPrefix),
        path + ".recordingUrlPrefix",
        "must be an http(s) URL prefix ending in a path, e.g. https://api.twilio.com/");
    p.require(twimlOpen.contains("<Response"), path + ".twimlOpen", "must be TwiML");
    p.require(twimlAfterHours.contains("<Response"), path + ".twimlAfterHours", "must be TwiML");
  }
}
