package cn.gov12345.intake.config;

import java.util.regex.Pattern;

/** Shows a Redis URL without its password. */
public final class RedisUrls {

  private static final Pattern USERINFO = Pattern.compile("^(rediss?://)([^@/]*)@");

  private RedisUrls() {}

  public static String redact(String url) {
    if (url == null || url.isBlank()) {
      return "";
    }
    return USERINFO.matcher(url).replaceFirst("$1***@");
  }
}
