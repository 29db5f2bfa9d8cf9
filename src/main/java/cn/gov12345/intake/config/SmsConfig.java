package cn.gov12345.intake.config;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The SMS provider replies are sent through (see {@code channels/sms/README.md}).
 *
 * @param provider {@code aliyun} (Alibaba Cloud Dysmsapi {@code SendSms}) or {@code http} (a
 *     generic signed-HTTP gateway, e.g. an in-house SMS platform)
 * @param endpoint aliyun: the Dysmsapi endpoint (tests point it at a stub)
 * @param accessKeyId aliyun: the AccessKey ID
 * @param accessKeySecret aliyun: the AccessKey secret
 * @param signName aliyun: the registered SMS signature (签名), e.g. {@code 12345热线}
 * @param regionId aliyun: the region id, {@code cn-hangzhou} by default
 * @param url http: where messages are POSTed
 * @param secrets http: {@code whsec_…} Standard Webhooks secrets (two while rotating)
 * @param templates message kind ({@code receipt}, {@code progress}, {@code answer}, {@code
 *     request_info}, {@code survey}) → its registered template; a kind without one is not sent by
 *     SMS
 * @param requestTimeout an attempt without an answer by then has an unknown outcome
 * @param receiptToken the secret path segment of the delivery-receipt URL given to the provider
 *     (Alibaba's SmsReport push carries no signature, so the URL itself is the credential); empty =
 *     receipts are not taken
 */
public record SmsConfig(
    String provider,
    String endpoint,
    String accessKeyId,
    Secret accessKeySecret,
    String signName,
    String regionId,
    String url,
    List<Secret> secrets,
    Map<String, SmsTemplateConfig> templates,
    Duration requestTimeout,
    Secret receiptToken) {

  public static final String ALIYUN = "aliyun";
  public static final String HTTP = "http";
  public static final String DEFAULT_ENDPOINT = "https://dysmsapi.aliyuncs.com";
  public static final String DEFAULT_REGION = "cn-hangzhou";

  /** The message kinds a template may be configured for. */
  public static final Set<String> KINDS =
      Set.of("receipt", "progress", "answer", "request_info", "survey", "survey_which");

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public SmsConfig {
    provider = text(provider, ALIYUN).toLowerCase(Locale.ROOT);
    endpoint = text(endpoint, DEFAULT_ENDPOINT);
    accessKeyId = text(accessKeyId, "");
    accessKeySecret = secret(accessKeySecret);
    signName = text(signName, "");
    regionId = text(regionId, DEFAULT_REGION);
    url = text(url, "");
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    templates =
        templates == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(templates));
    requestTimeout = requestTimeout == null ? DEFAULT_TIMEOUT : requestTimeout;
    receiptToken = secret(receiptToken);
  }

  private static String text(String given, String fallback) {
    return given == null || given.isBlank() ? fallback : given.trim();
  }

  private static Secret secret(Secret given) {
    return given == null ? Secret.of("") : given;
  }

  /** The template registered for a message kind, or null when SMS cannot carry that kind. */
  public SmsTemplateConfig template(String kind) {
    return kind == null ? null : templates.get(kind);
  }

  /** The raw HMAC keys of the http provider's {@link #secrets()}. */
  public List<byte[]> keys() {
    return secrets.stream().map(WebhookSourceConfig::keyOf).toList();
  }

  void validate(Problems p, String path, boolean production) {
    p.require(
        provider.equals(ALIYUN) || provider.equals(HTTP),
        path + ".provider",
        "must be aliyun or http");
    if (provider.equals(ALIYUN)) {
      validateAliyun(p, path, production);
    } else if (provider.equals(HTTP)) {
      p.require(isHttpUrl(url), path + ".url", "must be an absolute http:// or https:// URL");
      WebhookSourceConfig.validateRotating(p, path, secrets, production);
    }
    templates.forEach(
        (kind, template) -> {
          String at = path + ".templates." + kind;
          p.require(
              KINDS.contains(kind),
              at,
              "is not a message kind (receipt, progress, answer, request_info, survey, survey_which)");
          if (template == null) {
            p.add(at, "is empty");
          } else {
            template.validate(p, at);
          }
        });
    RedisConfig.positive(p, requestTimeout, path + ".requestTimeout");
    p.require(
        receiptToken.isBlank() || receiptToken.reveal().matches("[A-Za-z0-9_-]{24,128}"),
        path + ".receiptToken",
        "must be 24-128 random letters, digits, _ or - (or empty: no receipts)");
    p.require(
        !production || !receiptToken.isPlaceholder(),
        path + ".receiptToken",
        "is a development placeholder; production needs a real secret");
  }

  private void validateAliyun(Problems p, String path, boolean production) {
    p.require(isHttpUrl(endpoint), path + ".endpoint", "must be an http(s) URL");
    p.require(
        accessKeyId.matches("[A-Za-z0-9]{1,64}"), path + ".accessKeyId", "is required (aliyun)");
    p.require(!accessKeySecret.isBlank(), path + ".accessKeySecret", "is required (aliyun)");
    p.require(
        !signName.isEmpty() && signName.length() <= 32,
        path + ".signName",
        "is the registered SMS signature (1-32 characters)");
    p.require(regionId.matches("[a-z0-9-]{1,32}"), path + ".regionId", "is a region id");
    p.require(
        !production || !accessKeySecret.isPlaceholder(),
        path + ".accessKeySecret",
        "is a development placeholder; production needs a real secret");
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = URI.create(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "SmsConfig[provider="
        + provider
        + ", endpoint="
        + (provider.equals(HTTP) ? url : endpoint)
        + ", signName="
        + signName
        + ", templates="
        + templates.keySet()
        + ", secrets=<redacted>]";
  }
}
