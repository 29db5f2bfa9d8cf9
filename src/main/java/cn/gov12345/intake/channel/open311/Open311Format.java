package cn.gov12345.intake.channel.open311;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GeoReport v2 answers: a JSON array of flat objects, or the same as XML ({@code
 * <services><service>…}, {@code <service_requests><request>…}, {@code <errors><error>…}).
 */
public enum Open311Format {
  JSON("application/json; charset=utf-8"),
  XML("text/xml; charset=utf-8");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String contentType;

  Open311Format(String contentType) {
    this.contentType = contentType;
  }

  /** The format a path suffix asks for ({@code xml}; anything else is JSON). */
  public static Open311Format of(String suffix) {
    return "xml".equals(suffix) ? XML : JSON;
  }

  /** The path suffix of this format ({@code json}, {@code xml}). */
  public String suffix() {
    return this == XML ? "xml" : "json";
  }

  public String contentType() {
    return contentType;
  }

  /**
   * @param root the XML root ({@code services}, {@code service_requests}, {@code errors})
   * @param element the XML element per row ({@code service}, {@code request}, {@code error})
   */
  public String write(String root, String element, List<Map<String, Object>> rows) {
    return this == JSON ? json(rows) : xml(root, element, rows);
  }

  /** The error array of one error. */
  public String error(int code, String description) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("code", code);
    row.put("description", description);
    return write("errors", "error", List.of(row));
  }

  private static String json(List<Map<String, Object>> rows) {
    try {
      return MAPPER.writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("flat rows always serialize", e);
    }
  }

  private static String xml(String root, String element, List<Map<String, Object>> rows) {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    out.append('<').append(root).append('>');
    for (Map<String, Object> row : rows) {
      out.append('<').append(element).append('>');
      row.forEach(
          (name, value) -> {
            out.append('<').append(name).append('>');
            if (value != null) {
              escape(String.valueOf(value), out);
            }
            out.append("</").append(name).append('>');
          });
      out.append("</").append(element).append('>');
    }
    return out.append("</").append(root).append('>').toString();
  }

  private static void escape(String text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? ' ' : c);
      }
    }
  }
}
