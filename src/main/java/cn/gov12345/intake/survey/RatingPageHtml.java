package cn.gov12345.intake.survey;

import java.util.Map;

/**
 * The rating page's HTML (server-rendered: works without JavaScript, on any phone browser), in
 * Chinese or English, styled by the citizen pages' stylesheet; every value escaped.
 */
final class RatingPageHtml {

  private static final Map<String, String> ZH =
      Map.ofEntries(
          Map.entry("title", "12345 办理评价"),
          Map.entry("brand", "12345 政务服务便民热线"),
          Map.entry("heading", "办理评价"),
          Map.entry("lead.before", "您的诉求（受理编号 "),
          Map.entry("lead.after", "）已办结。请对本次办理进行评价。"),
          Map.entry("satisfaction", "满意度"),
          Map.entry("solved.question", "问题是否已解决"),
          Map.entry("yes", "已解决"),
          Map.entry("no", "未解决"),
          Map.entry("comment", "意见建议（选填）"),
          Map.entry("submit", "提交评价"),
          Map.entry("thanks", "感谢您的评价。"),
          Map.entry("already", "此诉求已评价，每件诉求只评价一次。"),
          Map.entry("tracking", "受理编号"),
          Map.entry("solved", "问题是否解决"),
          Map.entry("followUp", "热线将跟进督办，重新办理您的诉求。"),
          Map.entry("expired", "评价链接已过期。"),
          Map.entry("invalid", "评价链接无效。"),
          Map.entry("unavailable", "暂时无法评价，请稍后再试。"),
          Map.entry("formError", "请选择满意度和问题是否解决（意见建议不超过 500 字）。"));

  private static final Map<String, String> EN =
      Map.ofEntries(
          Map.entry("title", "12345 Rate the handling"),
          Map.entry("brand", "12345 Government Service Hotline"),
          Map.entry("heading", "Rate the handling"),
          Map.entry("lead.before", "Your appeal "),
          Map.entry(
              "lead.after", " has been closed. How satisfied are you with how it was handled?"),
          Map.entry("satisfaction", "Satisfaction"),
          Map.entry("solved.question", "Is the problem solved?"),
          Map.entry("yes", "Yes"),
          Map.entry("no", "No"),
          Map.entry("comment", "Comment (optional)"),
          Map.entry("submit", "Submit"),
          Map.entry("thanks", "Thank you for your rating."),
          Map.entry("already", "This appeal has already been rated; each appeal is rated once."),
          Map.entry("tracking", "Tracking number"),
          Map.entry("solved", "Problem solved"),
          Map.entry(
              "followUp", "The hotline will follow up: your appeal goes back for supervision."),
          Map.entry("expired", "This rating link has expired."),
          Map.entry("invalid", "This rating link is not valid."),
          Map.entry("unavailable", "Rating is not possible right now; try again in a minute."),
          Map.entry(
              "formError",
              "Choose a satisfaction level and whether the problem is solved (comment at most 500"
                  + " characters)."));

  private RatingPageHtml() {}

  static String text(boolean en, String key) {
    return (en ? EN : ZH).get(key);
  }

  /** The form: satisfaction, whether solved, a comment; {@code error} shown above it, or null. */
  static String form(String token, String trackingNumber, boolean en, String error) {
    StringBuilder b = new StringBuilder();
    b.append("<p class=\"lead\">")
        .append(text(en, "lead.before"))
        .append("<span class=\"code\">")
        .append(escape(trackingNumber))
        .append("</span>")
        .append(text(en, "lead.after"))
        .append("</p>");
    if (error != null) {
      b.append(alert(error));
    }
    b.append("<form method=\"post\" action=\"/rate/")
        .append(escape(token))
        .append(en ? "?lang=en" : "")
        .append("\">")
        .append(legend(en, "satisfaction"));
    for (Rating r : Rating.values()) {
      b.append(radio("rating", Integer.toString(r.digit()), r.label(en), r.digit() == 1));
    }
    b.append("</div></fieldset>")
        .append(legend(en, "solved.question"))
        .append(radio("solved", "yes", text(en, "yes"), true))
        .append(radio("solved", "no", text(en, "no"), false))
        .append("</div></fieldset><label for=\"comment\">")
        .append(text(en, "comment"))
        .append("</label><textarea id=\"comment\" name=\"comment\" rows=\"4\" maxlength=\"")
        .append(RatingForm.MAX_COMMENT)
        .append("\"></textarea><button type=\"submit\" id=\"rate-submit\">")
        .append(text(en, "submit"))
        .append("</button></form>");
    return page(en, b.toString());
  }

  private static String legend(boolean en, String key) {
    return "<fieldset><legend>"
        + text(en, key)
        + " <span class=\"req\" aria-hidden=\"true\">*</span></legend><div class=\"choices\">";
  }

  private static String radio(String name, String value, String label, boolean first) {
    return "<label><input type=\"radio\" name=\""
        + name
        + "\" value=\""
        + value
        + "\""
        + (first ? " required" : "")
        + "> "
        + escape(label)
        + "</label>";
  }

  /** The ticket's rating, after a submission ({@code thanks}) or on a later visit. */
  static String result(
      String trackingNumber, Rating rating, Boolean solved, boolean en, boolean thanks) {
    StringBuilder b = new StringBuilder("<section class=\"receipt\" id=\"rate-result\"><p>");
    b.append(text(en, thanks ? "thanks" : "already"))
        .append("</p><dl>")
        .append(row(text(en, "tracking"), escape(trackingNumber), " class=\"code\""))
        .append(row(text(en, "satisfaction"), rating.label(en), " id=\"rate-value\""));
    if (solved != null) {
      b.append(row(text(en, "solved"), text(en, solved ? "yes" : "no"), ""));
    }
    b.append("</dl>");
    if (rating == Rating.DISSATISFIED || Boolean.FALSE.equals(solved)) {
      b.append("<p>").append(text(en, "followUp")).append("</p>");
    }
    return page(en, b.append("</section>").toString());
  }

  private static String row(String term, String value, String attributes) {
    return "<dt>" + term + "</dt><dd" + attributes + ">" + value + "</dd>";
  }

  /** A link that cannot be used: forged, expired, or its ticket gone. */
  static String refused(boolean en, boolean expired) {
    return page(en, alert(text(en, expired ? "expired" : "invalid")));
  }

  /** The store did not answer: nothing was recorded, try again. */
  static String unavailable(boolean en) {
    return page(en, alert(text(en, "unavailable")));
  }

  private static String alert(String text) {
    return "<div class=\"error\" role=\"alert\" id=\"rate-error\">" + escape(text) + "</div>";
  }

  private static String page(boolean en, String body) {
    return "<!doctype html><html lang=\""
        + (en ? "en" : "zh-CN")
        + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,"
        + " initial-scale=1\"><title>"
        + text(en, "title")
        + "</title><link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body>"
        + "<header class=\"top\"><p class=\"brand\">"
        + text(en, "brand")
        + "</p><a class=\"button lang\" href=\"?lang="
        + (en ? "zh\" lang=\"zh-CN\">中文" : "en\" lang=\"en\">English")
        + "</a></header><main id=\"main\"><h1>"
        + text(en, "heading")
        + "</h1>"
        + body
        + "</main></body></html>";
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
