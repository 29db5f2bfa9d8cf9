package cn.gov12345.intake.channel.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The WeChat XML reader answers broken documents with a typed 400, whatever the JDK parser does.
 */
class SafeXmlTest {

  /**
   * Found by WechatParsersFuzzTest: a DOCTYPE with a NUL in an ENTITY declaration made the JDK's
   * StAX parser throw MissingResourceException (key InvalidCharInDTD), which escaped as a 500.
   */
  @Test
  void a_broken_dtd_that_trips_the_jdk_parser_is_malformed_xml() {
    byte[] body =
        ("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITYe:///etc/passwd\"\u0000\u0000\u0002"
                + "\u00ed>]><xml><ToUserName>a</ToUserName></xml>")
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> SafeXml.parse(body))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED_XML));
  }

  @Test
  void a_refused_doctype_keeps_its_own_code() {
    byte[] body = "<!DOCTYPE xml><xml><A>1</A></xml>".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> SafeXml.parse(body))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.XML_DOCTYPE_REFUSED));
  }
}
