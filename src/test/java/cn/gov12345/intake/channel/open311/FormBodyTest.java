package cn.gov12345.intake.channel.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.error.ChannelException;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Form bodies and query strings are decoded strictly or not at all. */
class FormBodyTest {

  static FormBody parse(String raw) {
    return FormBody.parse(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void percentEscapesAndPlusesDecodeToUtf8Text() {
    FormBody form =
        parse(
            "description="
                + URLEncoder.encode("小区 停水&没电=急", StandardCharsets.UTF_8)
                + "&lat=39.9&empty=&flag&&");

    assertThat(form.single("description")).isEqualTo("小区 停水&没电=急");
    assertThat(form.single("lat")).isEqualTo("39.9");
    assertThat(form.single("empty")).isNull();
    assertThat(form.single("flag")).isNull();
    assertThat(form.single("absent")).isNull();
    assertThat(form.names()).containsExactly("description", "lat", "empty", "flag");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "description=%E5%B7",
        "description=%E5%B7%",
        "description=%ZZ",
        "description=%C0%AF",
        "description=%FF%FE",
        "=value",
        "a=1&a=2"
      })
  void brokenEscapesInvalidUtf8EmptyNamesAndRepeatsAreRefused(String raw) {
    assertThatThrownBy(() -> parse(raw).single("a"))
        .isInstanceOfSatisfying(
            ChannelException.class, e -> assertThat(e.errorCode().status()).isEqualTo(400));
  }

  @Test
  void aGbkEncodedFormIsRefusedNotReadAsMojibake() {
    String gbk = "description=" + URLEncoder.encode("工地夜间施工", Charset.forName("GBK"));

    assertThatThrownBy(() -> parse(gbk)).isInstanceOf(ChannelException.class);
  }

  @Test
  void rawNonLatinCharactersInAQueryStringAreRefused() {
    assertThatThrownBy(() -> FormBody.parse("q=停水")).isInstanceOf(ChannelException.class);
  }

  @Test
  void tooManyFieldsOrAnOverlongNameAreRefused() {
    String many = "f=1&".repeat(FormBody.MAX_FIELDS + 1);

    assertThatThrownBy(() -> parse(many)).isInstanceOf(ChannelException.class);
    assertThatThrownBy(() -> parse("n".repeat(65) + "=1")).isInstanceOf(ChannelException.class);
  }
}
