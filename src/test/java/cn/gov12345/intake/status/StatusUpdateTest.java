package cn.gov12345.intake.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.error.ChannelException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a status report may say, read strictly. */
class StatusUpdateTest {

  static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  static final String TICKET = "019bc1f3-6a00-7d10-8b2e-77a1c0f3e5d9";
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  static StatusUpdate parse(String json) {
    return StatusUpdate.parse(json.getBytes(StandardCharsets.UTF_8), TICKET, false, NOW, TOLERANCE);
  }

  @Test
  void aDispatchNamesItsDepartmentAndDefaultsToNow() {
    StatusUpdate u = parse("{\"status\":\"dispatched\",\"department\":\" 朝阳区水务局 \"}");

    assertThat(u.status()).isEqualTo(TicketStatus.DISPATCHED);
    assertThat(u.department()).isEqualTo("朝阳区水务局");
    assertThat(u.at()).isEqualTo(NOW);
    assertThat(u.reopen()).isFalse();
  }

  @Test
  void aTimeWithAnOffsetIsKeptAsTheSameInstant() {
    StatusUpdate u = parse("{\"status\":\"closed\",\"at\":\"2026-11-26T15:59:00+08:00\"}");

    assertThat(u.at()).isEqualTo(Instant.parse("2026-11-26T07:59:00Z"));
  }

  @Test
  void aReplyGoesWithRepliedOrClosedAndReopenIsExplicit() {
    assertThat(parse("{\"status\":\"replied\",\"reply\":\"已修复\"}").reply()).isEqualTo("已修复");
    assertThat(parse("{\"status\":\"closed\",\"reply\":\"已修复\"}").reply()).isEqualTo("已修复");
    assertThat(parse("{\"status\":\"in_progress\",\"reopen\":true}").reopen()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"status\":\"received\"}",
        "{\"status\":\"DISPATCHED\",\"department\":\"x\"}",
        "{\"status\":\"dispatched\"}",
        "{\"status\":\"dispatched\",\"department\":\"   \"}",
        "{\"status\":\"replied\"}",
        "{\"status\":\"in_progress\",\"reply\":\"x\"}",
        "{\"status\":\"closed\",\"at\":\"2026-11-26T08:06:00Z\"}",
        "{\"status\":\"closed\",\"at\":\"26/11/2026\"}",
        "{\"status\":\"closed\",\"note\":\"a\\u0000b\"}",
        "{\"status\":\"closed\",\"reopen\":\"yes\"}",
        "{\"status\":1}",
        "{\"status\":\"closed\",\"by\":\"me\"}",
        "{\"status\":\"closed\",\"status\":\"replied\"}",
        "{\"status\":\"closed\"} {}",
        "{\"status\":\"clo",
        "null",
        "[]",
        ""
      })
  void malformedOrInconsistentReportsAreRefused(String body) {
    assertThatThrownBy(() -> parse(body))
        .isInstanceOfSatisfying(
            ChannelException.class, e -> assertThat(e.errorCode().status()).isEqualTo(400));
  }

  @Test
  void overlongTextsAreRefusedByCharacterCount() {
    String department = "局".repeat(StatusUpdate.MAX_DEPARTMENT);

    assertThat(parse("{\"status\":\"dispatched\",\"department\":\"" + department + "\"}"))
        .isNotNull();
    assertThatThrownBy(
            () -> parse("{\"status\":\"dispatched\",\"department\":\"" + department + "局\"}"))
        .isInstanceOf(ChannelException.class);
  }

  @Test
  void aBodyThatIsNotUtf8IsRefused() {
    byte[] gbk = "{\"status\":\"closed\",\"note\":\"办结\"}".getBytes(Charset.forName("GBK"));

    assertThatThrownBy(() -> StatusUpdate.parse(gbk, TICKET, false, NOW, TOLERANCE))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> assertThat(e.errorCode().code()).isEqualTo("malformed_json"));
  }

  @Test
  void aSignedReportNamesTheTicketOfItsPath() {
    byte[] named =
        ("{\"ticketId\":\"" + TICKET + "\",\"status\":\"closed\"}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] unnamed = "{\"status\":\"closed\"}".getBytes(StandardCharsets.UTF_8);
    String other = "019bc1f3-6a00-7d10-8b2e-000000000000";

    assertThat(StatusUpdate.parse(named, TICKET, true, NOW, TOLERANCE).status())
        .isEqualTo(TicketStatus.CLOSED);
    for (Runnable refused :
        List.<Runnable>of(
            () -> StatusUpdate.parse(unnamed, TICKET, true, NOW, TOLERANCE),
            () -> StatusUpdate.parse(named, other, true, NOW, TOLERANCE),
            () -> StatusUpdate.parse(named, other, false, NOW, TOLERANCE))) {
      assertThatThrownBy(refused::run)
          .isInstanceOfSatisfying(
              ChannelException.class,
              e -> assertThat(e.errorCode().code()).isEqualTo("invalid_request"));
    }
    // an API-key report is not replayable (the key is a secret): it may leave the ticket unnamed
    assertThat(StatusUpdate.parse(unnamed, TICKET, false, NOW, TOLERANCE)).isNotNull();
  }
}
