package cn.gov12345.intake.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Outside JSON text never yields a string a UTF-8 store cannot hold. */
class StrictJsonTest {

  record Note(String text) {}

  private static Note read(String json) {
    return StrictJson.read(json.getBytes(StandardCharsets.UTF_8), Note.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"text\":\"\\ud800\"}",
        "{\"text\":\"a\\uD800b\"}",
        "{\"text\":\"\\udc00\"}",
        "{\"text\":\"\\ude00\\ud83d\"}",
        "{\"text\":\"\\ud83d\\u0041\"}",
        "{\"text\":\"\\ud83d\\n\"}",
        "{\"text\":\"\\ud83d\"}",
        "{\"te\\ud800xt\":\"x\"}"
      })
  void a_lone_escaped_surrogate_is_malformed_json(String json) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED_JSON);
              assertThat(e.getMessage()).contains("surrogate");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"text\":\"\\ud83d\\ude00\"}",
        "{\"text\":\"\\\\ud800\"}",
        "{\"text\":\"\\u4e2d\\u6587\"}",
        "{\"text\":\"😀 \\\\\\ud83d\\ude00\"}"
      })
  void paired_surrogates_and_escaped_backslashes_are_read(String json) {
    String text = read(json).text();
    assertThat(text.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF)).isTrue();
  }
}
