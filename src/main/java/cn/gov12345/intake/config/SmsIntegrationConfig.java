package cn.gov12345.intake.config;

import java.util.List;
import java.util.Locale;

/**
 * One source of inbound SMS (上行短信) on {@code /channels/sms/…/{name}} (see {@code
 * channels/sms/README.md}).
 *
 * @param description which provider or gateway this is
 * @param provider {@code aliyun} (Alibaba Cloud SmsUp, HTTP batch push: unsigned, authenticated by
 *     {@code pathToken}) or {@code http} (the generic format, Standard Webhooks signed with {@code
 *     secrets})
 * @param pathToken aliyun: the secret last path segment of the push URL (24-128 of {@code
 *     [A-Za-z0-9_-]}), compared in constant time before the body is read
 * @param secrets http: {@code whsec_…} Standard Webhooks secrets (two while rotating)
 * @param allowlist CIDRs the push may come from (the door's client address); empty = any
 * @param hotlines the numbers citizens text this integration on; http: a message's {@code to} must
 *     be one of them (when any is configured)
 */
public record SmsIntegrationConfig(
    String description,
    String provider,
    Secret pathToken,
    List<Secret> secrets,
    List<String> allowlist,
    List<String> hotlines) {

  public static final String ALIYUN = "aliyun";
  public static final String HTTP = "http";

  public SmsIntegrationConfig {
    description = description == null ? "" : description;
    provider = provider == null ? "" : provider.trim().toLowerCase(Locale.ROOT);
    pathToken = pathToken == null ? Secret.of("") : pathToken;
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    allowlist = allowlist == null ? List.of() : List.copyOf(allowlist);
    hotlines = hotlines == null ? List.of() : List.copyOf(hotlines);
  }

  /** The parsed {@link #allowlist()} (call after validation). */
  public List<Cidr> allowed() {
    return allowlist.stream().map(c -> Cidr.parse(c).orElseThrow()).toList();
  }

  void validate(Problems p, String path, boolean production) {
    p.require(
        provider.equals(ALIYUN) || provider.equals(HTTP),
        path + ".provider",
        "must be aliyun or http");
    if (provider.equals(ALIYUN)) {
      p.require(
          pathToken.reveal().matches("[A-Za-z0-9_-]{24,128}"),
          path + ".pathToken",
          "must be 24-128 random letters, digits, '-' or '_' (aliyun pushes are unsigned)");
      p.require(
          !production || !pathToken.isPlaceholder(),
          path + ".pathToken",
          "is a development placeholder; production needs a real secret");
      p.require(secrets.isEmpty(), path + ".secrets", "are for provider http only");
    } else if (provider.equals(HTTP)) {
      WebhookSourceConfig.validateRotating(p, path, secrets, production);
      p.require(pathToken.isBlank(), path + ".pathToken", "is for provider aliyun only");
    }
    for (String cidr : allowlist) {
      p.require(Cidr.parse(cidr).isPresent(), path + ".allowlist", "not a CIDR: " + cidr);
    }
    for (String number : hotlines) {
      p.require(
          number != null && number.matches("\\+?\\d{3,20}"),
          path + ".hotlines",
          "not a number (3-20 digits, optional +): " + number);
    }
  }

  @Override
  public String toString() {
    return "SmsIntegrationConfig[provider="
        + provider
        + ", allowlist="
        + allowlist
        + ", hotlines="
        + hotlines
        + ", pathToken=<redacted>, secrets=<redacted>]";
  }
}
