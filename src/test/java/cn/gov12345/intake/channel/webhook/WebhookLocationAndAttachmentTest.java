package cn.gov12345.intake.channel.webhook;

import static cn.gov12345.intake.channel.webhook.WebhookFixtures.PARTNER_SECRET;
import static cn.gov12345.intake.channel.webhook.WebhookFixtures.assertRefused;
import static cn.gov12345.intake.channel.webhook.WebhookFixtures.sign;
import static cn.gov12345.intake.channel.webhook.WebhookFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.model.Attachment;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.Location;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where and what files: location and attachment fields of a signed webhook. Pure, no Redis. */
class WebhookLocationAndAttachmentTest {

  private static final Instant NOW = Instant.parse("2026-01-15T02:30:00Z");
  private static final String ID = "msg_body";
  private static final String TEXT = "\"text\":\"小区停水三天了\"";

  private final WebhookChannel channel = WebhookFixtures.channel(Clock.fixed(NOW, ZoneOffset.UTC));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"latitude\":90.1,\"longitude\":116}",
        "{\"latitude\":39,\"longitude\":-181}",
        "{\"latitude\":39.9}",
        "{\"longitude\":116.4}",
        "{\"latitude\":1e400,\"longitude\":1}",
        "{}",
        "{\"regionCode\":\"11010\"}",
        "{\"regionCode\":\"1101051234\"}",
        "{\"regionCode\":\"11010a\"}",
        "{\"latitude\":\"north\",\"longitude\":1}"
      })
  void aBadLocationIsRefused(String location) {
    String body = "{" + TEXT + ",\"location\":" + location + "}";
    assertThatThrownBy(() -> accept(utf8(body))).isInstanceOf(ChannelException.class);
  }

  @Test
  void coordinatesAloneAreAWholeLocation() {
    Inbound in = accept(utf8("{" + TEXT + ",\"location\":{\"latitude\":-90,\"longitude\":180}}"));
    assertThat(in.location()).isEqualTo(new Location(null, -90.0, 180.0, null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///etc/passwd",
        "javascript:alert(1)",
        "ftp://files.example/a",
        "data:image/png;base64,AAAA",
        "//files.example/a",
        "files.example/a.jpg",
        "HTTPS:/x"
      })
  void anAttachmentThatIsNotAnHttpUrlIsRefused(String url) {
    String body = "{" + TEXT + ",\"attachments\":[{\"url\":\"" + url + "\"}]}";
    assertRefused(ErrorCode.INVALID_SUBMISSION, () -> accept(utf8(body)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://",
        "https://a.example/a b.jpg",
        "https://a.example/\\u0000",
        "https://a.example/\\n<script>"
      })
  void anAttachmentUrlThatIsNotAUriIsRefused(String url) {
    String body = "{" + TEXT + ",\"attachments\":[{\"url\":\"" + url + "\"}]}";
    assertRefused(ErrorCode.INVALID_SUBMISSION, () -> accept(utf8(body)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"url\":\"https://a.example/x\",\"sha256\":\"abc\"}",
        "{\"url\":\"https://a.example/x\",\"size\":-1}",
        "{\"url\":\"https://a.example/x\",\"mediaType\":\"image\"}",
        "{\"name\":\"x.jpg\"}",
        "null"
      })
  void anAttachmentWithABadFieldIsRefused(String attachment) {
    String body = "{" + TEXT + ",\"attachments\":[" + attachment + "]}";
    assertRefused(ErrorCode.INVALID_SUBMISSION, () -> accept(utf8(body)));
  }

  @Test
  void moreThanTwentyAttachmentsAreRefused() {
    String one = "{\"url\":\"https://a.example/x\"}";
    String body = "{" + TEXT + ",\"attachments\":[" + (one + ",").repeat(20) + one + "]}";
    assertRefused(ErrorCode.INVALID_SUBMISSION, () -> accept(utf8(body)));
  }

  @Test
  void attachmentsAreReferencesWithLowerCaseDigests() {
    String sha = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
    Inbound in =
        accept(
            utf8(
                "{"
                    + TEXT
                    + ",\"attachments\":[{\"url\":\" https://a.example/x \","
                    + "\"sha256\":\""
                    + sha
                    + "\",\"size\":3,\"mediaType\":\"image/png\"}]}"));
    assertThat(in.attachments())
        .containsExactly(
            new Attachment("https://a.example/x", sha.toLowerCase(), 3L, "image/png", null));
  }

  private Inbound accept(byte[] body) {
    long t = NOW.getEpochSecond();
    return channel.accept(
        "partner", new WebhookHeaders(ID, "" + t, sign(PARTNER_SECRET, ID, t, body)), body);
  }
}
