package cn.gov12345.intake.status;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.stream.StatusRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the citizen and Open311 clients are shown of a stored status record. */
class TicketRecordTest {

  static final String OPENED =
      new String(
          StatusRecords.opened(
              "019bc1f3-6a00-7d10-8b2e-77a1c0f3e5d9", "2026-11-26T07:58:00Z", "web", "site"),
          StandardCharsets.UTF_8);

  /** As status.lua stores it after two reports (Lua's cjson escapes '/' as '\/'). */
  static final String REPORTED =
      "{\"ticketId\":\"019bc1f3-6a00-7d10-8b2e-77a1c0f3e5d9\",\"openedAt\":\"2026-11-26T07:58:00Z\","
          + "\"channel\":\"web\",\"account\":\"site\",\"status\":\"replied\",\"history\":["
          + "{\"status\":\"dispatched\",\"at\":\"2026-11-26T08:00:00Z\",\"recordedAt\":"
          + "\"2026-11-26T08:00:03Z\",\"reportedBy\":\"work-orders\",\"department\":\"朝阳区\\/水务局\","
          + "\"eventId\":\"e1\"},"
          + "{\"status\":\"replied\",\"at\":\"2026-11-26T09:00:00Z\",\"recordedAt\":"
          + "\"2026-11-26T09:00:05Z\",\"reportedBy\":\"work-orders\",\"reply\":\"已修复\","
          + "\"eventId\":\"e2\"}]}";

  @Test
  void aTicketJustOpenedIsReceivedAtItsOpeningTime() {
    JsonNode answer = TicketRecord.parse("261126000000127", OPENED).lookupAnswer();

    assertThat(answer.toString())
        .isEqualTo(
            "{\"trackingNumber\":\"261126000000127\",\"status\":\"received\","
                + "\"openedAt\":\"2026-11-26T07:58:00Z\",\"channel\":\"web\","
                + "\"history\":[{\"status\":\"received\",\"at\":\"2026-11-26T07:58:00Z\"}],"
                + "\"reply\":null,\"replies\":[]}");
  }

  @Test
  void reportsShowStatusTimeDepartmentAndTheReplyButNotWhoReported() {
    TicketRecord record = TicketRecord.parse("261126000000127", REPORTED);
    JsonNode answer = record.lookupAnswer();

    assertThat(answer.path("status").asText()).isEqualTo("replied");
    assertThat(answer.path("history")).hasSize(3);
    assertThat(answer.path("history").get(1).path("department").asText()).isEqualTo("朝阳区/水务局");
    assertThat(answer.path("reply").asText()).isEqualTo("已修复");
    assertThat(answer.toString()).doesNotContain("work-orders", "eventId", "recordedAt", "site");
    assertThat(record.latest("department")).isEqualTo("朝阳区/水务局");
    assertThat(record.latest("note")).isNull();
    assertThat(record.updatedAt()).isEqualTo("2026-11-26T09:00:05Z");
    assertThat(record.account()).isEqualTo("site");
  }
}
