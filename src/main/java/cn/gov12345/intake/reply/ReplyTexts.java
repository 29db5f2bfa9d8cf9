package cn.gov12345.intake.reply;

import cn.gov12345.intake.config.RepliesConfig;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;

/** The reply texts and rules of {@code replies}: templates, length limits, quiet hours. */
public final class ReplyTexts {

  private final RepliesConfig config;

  public ReplyTexts(RepliesConfig config) {
    this.config = config;
  }

  /**
   * The text of a template with its {@code {name}} placeholders replaced; an unknown template is
   * the values' {@code text}, an absent value is empty.
   */
  public String render(String template, Map<String, String> values) {
    String text = config.templates().get(template);
    if (text == null) {
      return values.getOrDefault("text", "");
    }
    StringBuilder out = new StringBuilder(text.length() + 64);
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf('{', i);
      int close = open < 0 ? -1 : text.indexOf('}', open);
      if (close < 0) {
        out.append(text, i, text.length());
        break;
      }
      out.append(text, i, open);
      String name = text.substring(open + 1, close);
      String value = values.get(name);
      out.append(value == null ? "" : value);
      i = close + 1;
    }
    return out.toString().strip();
  }

  /** The text cut to what the sender takes ({@code replies.maxLength}), with an ellipsis. */
  public String fit(String sender, String text) {
    Integer max = config.maxLength().get(sender);
    if (max == null || text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    int end = text.offsetByCodePoints(0, max - 1);
    return text.substring(0, end) + "…";
  }

  /**
   * How long {@code sender} must wait before it may send a non-urgent message at {@code now}: 0
   * outside quiet hours, else the milliseconds until they end.
   */
  public long quietFor(String sender, Instant now) {
    RepliesConfig.QuietHours q = config.quietHours();
    if (!q.senders().contains(sender)) {
      return 0;
    }
    ZonedDateTime local = now.atZone(q.zoneId());
    LocalTime t = local.toLocalTime();
    LocalTime start = q.startTime();
    LocalTime end = q.endTime();
    boolean quiet =
        start.isBefore(end)
            ? !t.isBefore(start) && t.isBefore(end)
            : !t.isBefore(start) || t.isBefore(end);
    if (!quiet) {
      return 0;
    }
    ZonedDateTime until = local.with(end);
    if (!until.isAfter(local)) {
      until = until.plusDays(1);
    }
    return until.toInstant().toEpochMilli() - now.toEpochMilli();
  }
}
