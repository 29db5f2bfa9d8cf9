package cn.gov12345.intake.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.gov12345.intake.error.ChannelException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyBodyTest {

  static final String TICKET = "01a23c82-245f-7c23-bd13-d5fa89618627";

  static ReplyBody parse(String json, boolean signed) {
    return ReplyBody.parse(json.getBytes(StandardCharsets.UTF_8), TICKET, signed);
  }

  @Test
  void aReplyIsAnAnswerByDefaultAndNotUrgent() {
    ReplyBody b = parse("{\"text\":\"  管道已修复。 \"}", false);
    assertThat(b).isEqualTo(new ReplyBody("管道已修复。", "answer", false));
  }

  @Test
  void aSignedReplyNamesItsTicket() {
    assertThat(code("{\"text\":\"x\"}", true)).isEqualTo("invalid_request");
    assertThat(parse("{\"ticketId\":\"" + TICKET + "\",\"text\":\"x\"}", true).text())
        .isEqualTo("x");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"text\":\"\"}",
        "{\"text\":\"a\\u0007b\"}",
        "{\"text\":\"x\",\"kind\":\"survey\"}",
        "{\"text\":\"x\",\"ticketId\":\"01a23c82-0000-7000-8000-000000000000\"}",
        "{\"text\":\"x\",\"extra\":1}",
        "[1]",
        "{\"text\":"
      })
  void hostileBodiesAreRefusedWithAStableCode(String json) {
    assertThat(code(json, false)).isIn("invalid_request", "malformed_json");
  }

  @Test
  void aTextOverTwoThousandCharactersIsRefused() {
    assertThat(code("{\"text\":\"" + "长".repeat(2001) + "\"}", false)).isEqualTo("invalid_request");
  }

  static String code(String json, boolean signed) {
    ChannelException e = catchThrowableOfType(ChannelException.class, () -> parse(json, signed));
    assertThat(e).as(json).isNotNull();
    return e.errorCode().code();
  }
}
