package cn.gov12345.intake.channel.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GeoReport answers as JSON arrays and as XML. */
class Open311FormatTest {

  @Test
  void rowsBecomeAJsonArrayOrXmlElementsWithEscapedText() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("service_request_id", "260115000000019");
    row.put("status_notes", "<b>&\"'\u0007");
    row.put("expected_datetime", null);

    assertThat(Open311Format.JSON.write("service_requests", "request", List.of(row)))
        .isEqualTo(
            "[{\"service_request_id\":\"260115000000019\",\"status_notes\":\"<b>&\\\"'\\u0007\","
                + "\"expected_datetime\":null}]");
    assertThat(Open311Format.XML.write("service_requests", "request", List.of(row)))
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><service_requests><request>"
                + "<service_request_id>260115000000019</service_request_id>"
                + "<status_notes>&lt;b&gt;&amp;&quot;&apos; </status_notes>"
                + "<expected_datetime></expected_datetime></request></service_requests>");
  }

  @Test
  void anErrorIsAnArrayOfCodeAndDescription() {
    assertThat(Open311Format.JSON.error(403, "api_key is not valid."))
        .isEqualTo("[{\"code\":403,\"description\":\"api_key is not valid.\"}]");
    assertThat(Open311Format.of("xml").error(404, "x"))
        .endsWith("<errors><error><code>404</code><description>x</description></error></errors>");
    assertThat(Open311Format.of("json").contentType()).startsWith("application/json");
  }
}
