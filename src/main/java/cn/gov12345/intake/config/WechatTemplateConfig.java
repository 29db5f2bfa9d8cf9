package cn.gov12345.intake.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One WeChat template message of an official account for one kind of reply ({@code
 * replies.wechat.templates.<account>.<kind>}, kind = {@code receipt}, {@code progress}, {@code
 * answer}, {@code request_info} or {@code survey}).
 *
 * <p>Each {@code data} value is text with placeholders, {@code {trackingNumber}}, {@code {text}},
 * {@code {queryCode}}, {@code {status}} or any other name of the reply's params, filled per send.
 * WeChat limits the values of the category templates' keywords by their type prefix (类目模板消息,
 * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html):
 * {@code thing} at most 20 characters, {@code character_string} at most 32 digits, letters or
 * symbols, {@code phrase} at most 5 Chinese characters. The fixed text of a value must fit; {@code
 * {text}} (free text) is allowed in {@code thing} only (cut to 19 characters + "…" at send time)
 * and in keywords without a documented limit.
 *
 * @param templateId the 模板ID from the account's template library
 * @param url the page the message opens ({@code {trackingNumber}} and other placeholders are
 *     URL-encoded), or absent for none
 * @param data keyword (e.g. {@code character_string1}, {@code thing2}) → value with placeholders,
 *     in the template's order
 */
public record WechatTemplateConfig(String templateId, String url, Map<String, String> data) {

  /** The kinds of reply a template can be configured for. */
  public static final Set<String> KINDS =
      Set.of("receipt", "progress", "answer", "request_info", "survey", "survey_which");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]{0,63})}");
  private static final Pattern KEY = Pattern.compile("([a-z][a-z_]*?)_?[0-9]*");

  public WechatTemplateConfig {
    templateId = templateId == null ? "" : templateId.trim();
    url = url == null || url.isBlank() ? null : url.trim();
    data =
        data == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** A keyword type with a documented value limit, by the keyword's prefix. */
  public enum Keyword {
    /** {@code thing}: 20 characters at most; longer text is cut with an ellipsis. */
    THING(20),
    /** {@code character_string}: 32 digits, letters or symbols at most. */
    CHARACTER_STRING(32),
    /** {@code phrase}: 5 Chinese characters at most. */
    PHRASE(5),
    /** Every other keyword: no documented limit. */
    OTHER(Integer.MAX_VALUE);

    private final int maxLength;

    Keyword(int maxLength) {
      this.maxLength = maxLength;
    }

    public int maxLength() {
      return maxLength;
    }

    /** The type of a keyword such as {@code thing2} or {@code character_string11}. */
    public static Keyword of(String key) {
      Matcher m = KEY.matcher(key);
      String prefix = m.matches() ? m.group(1) : key;
      return switch (prefix) {
        case "thing" -> THING;
        case "character_string" -> CHARACTER_STRING;
        case "phrase" -> PHRASE;
        default -> OTHER;
      };
    }
  }

  /** {@code value} with every placeholder replaced by {@code values.get(name)} (absent: empty). */
  public static String fill(String value, Map<String, String> values) {
    return PLACEHOLDER
        .matcher(value)
        .replaceAll(m -> Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
  }

  /** Checks every account's templates; {@code accounts} are the configured WeChat accounts. */
  static void validateAll(
      Problems p,
      String path,
      Map<String, Map<String, WechatTemplateConfig>> templates,
      Set<String> accounts) {
    templates.forEach(
        (account, kinds) -> {
          String at = path + "." + account;
          p.require(
              accounts.contains(account), at, "is not an account of channels.wechat.accounts");
          if (kinds == null) {
            p.add(at, "is empty");
            return;
          }
          kinds.forEach(
              (kind, template) -> {
                p.require(KINDS.contains(kind), at + "." + kind, "must be one of " + KINDS);
                if (template == null) {
                  p.add(at + "." + kind, "is empty");
                } else {
                  template.validate(p, at + "." + kind);
                }
              });
        });
  }

  void validate(Problems p, String path) {
    p.require(
        templateId.matches("[A-Za-z0-9_-]{1,128}"),
        path + ".templateId",
        "is required (the 模板ID: letters, digits, - and _)");
    p.require(
        url == null || url.matches("https?://[^\\s{}]+(\\{[A-Za-z0-9_]+}[^\\s{}]*)*"),
        path + ".url",
        "must be an http(s) URL (placeholders like {trackingNumber} allowed)");
    p.require(!data.isEmpty() && data.size() <= 20, path + ".data", "needs 1-20 keywords");
    data.forEach((key, value) -> validateValue(p, path + ".data." + key, key, value));
  }

  private static void validateValue(Problems p, String path, String key, String value) {
    p.require(key.matches("[a-z][a-z_]*[0-9]*"), path, "keyword names are like thing2");
    if (value == null) {
      p.add(path, "is empty");
      return;
    }
    String fixed = PLACEHOLDER.matcher(value).replaceAll("");
    p.require(
        fixed.indexOf('{') < 0 && fixed.indexOf('}') < 0,
        path,
        "placeholders are {name} (letters, digits, _)");
    Keyword type = Keyword.of(key);
    p.require(
        fixed.codePointCount(0, fixed.length()) <= type.maxLength(),
        path,
        "its fixed text is longer than WeChat's " + type.maxLength() + " characters for " + key);
    p.require(
        type == Keyword.THING || type == Keyword.OTHER || !value.contains("{text}"),
        path,
        "{text} (free text) fits only thing or unlimited keywords");
    p.require(
        type != Keyword.CHARACTER_STRING || fixed.matches("[\\x21-\\x7E]*"),
        path,
        "character_string takes digits, letters and symbols only");
    p.require(
        type != Keyword.PHRASE || fixed.codePoints().allMatch(Character::isIdeographic),
        path,
        "phrase takes Chinese characters only");
  }
}
