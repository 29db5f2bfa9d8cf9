package cn.gov12345.intake.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.gov12345.intake.error.ChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Delivery receipts pushed by SMS providers: Alibaba's SmsReport batch and the generic format. */
class SmsReceiptsTest {

  /** The request sample of https://help.aliyun.com/document_detail/101867.htm, as published. */
  static final String ALIYUN_SAMPLE =
      "[ { \"phone_number\" : \"1381111****\", \"send_time\" : \"2017-01-01 00:00:00\","
          + " \"report_time\" : \"2017-01-01 00:00:00\", \"success\" : true, \"err_code\" :"
          + " \"DELIVERED\", \"err_msg\" : \"用户接收成功\", \"sms_size\" : \"1\", \"biz_id\" :"
          + " \"12345\", \"out_id\" : \"67890\" } ]";

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String refusal(Runnable parse) {
    ChannelException e = catchThrowableOfType(ChannelException.class, parse::run);
    assertThat(e).as("a typed refusal").isNotNull();
    return e.errorCode().code();
  }

  @Test
  void alibabasPublishedSampleIsOneDeliveredReceiptInChinaTime() {
    List<SmsReceipt> receipts = SmsReceipts.aliyun(utf8(ALIYUN_SAMPLE));

    assertThat(receipts)
        .containsExactly(
            new SmsReceipt("67890", "12345", true, "", Instant.parse("2016-12-31T16:00:00Z")));
    assertThat(receipts.toString()).doesNotContain("1381111");
  }

  @Test
  void aFailedAlibabaReportCarriesTheCarrierCodeAndNewFieldsAreIgnored() {
    String body =
        "[{\"phone_number\":\"13800138000\",\"send_time\":\"2026-03-01 10:00:00\","
            + "\"report_time\":\"2026-03-01 10:00:07\",\"success\":false,\"err_code\":\"MK:0001\","
            + "\"err_msg\":\"空号\",\"sms_size\":\"1\",\"biz_id\":\"900619746936498440^0\","
            + "\"out_id\":\"6f1c1c2e-0000-4000-8000-000000000001\",\"template_code\":\"SMS_1\"},"
            + "{\"phone_number\":\"13800138001\",\"report_time\":\"2026-03-01 10:00:08\","
            + "\"success\":true,\"err_code\":\"DELIVERED\",\"biz_id\":\"2\",\"out_id\":\"\"}]";

    List<SmsReceipt> receipts = SmsReceipts.aliyun(utf8(body));

    assertThat(receipts.get(0))
        .isEqualTo(
            new SmsReceipt(
                "6f1c1c2e-0000-4000-8000-000000000001",
                "900619746936498440^0",
                false,
                "MK:0001",
                Instant.parse("2026-03-01T02:00:07Z")));
    assertThat(receipts.get(1).replyId()).isEmpty();
    assertThat(SmsReceipts.ALIYUN_ANSWER).isEqualTo("{\"code\":0,\"msg\":\"接收成功\"}");
  }

  @Test
  void theGenericFormatTakesOneReceiptOrABatch() {
    String one =
        "{\"id\":\"6f1c1c2e-0000-4000-8000-000000000001\",\"messageId\":\"m-1\","
            + "\"status\":\"failed\",\"code\":\"UNDELIV\",\"at\":\"2026-03-01T10:00:07+08:00\"}";

    assertThat(SmsReceipts.generic(utf8(one)))
        .containsExactly(
            new SmsReceipt(
                "6f1c1c2e-0000-4000-8000-000000000001",
                "m-1",
                false,
                "UNDELIV",
                Instant.parse("2026-03-01T02:00:07Z")));
    assertThat(
            SmsReceipts.generic(
                utf8("[{\"id\":\"r1\",\"status\":\"delivered\",\"at\":\"2026-03-01T02:00:00Z\"}]")))
        .containsExactly(new SmsReceipt("r1", "", true, "", Instant.parse("2026-03-01T02:00:00Z")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[{\"success\":true}",
        "",
        "[1] [2]",
        "{\"a\":1,\"a\":2}",
        "[[[[[[[[]]]]]]]]"
      })
  void bodiesThatAreNotJsonAreMalformed(String body) {
    assertThat(refusal(() -> SmsReceipts.aliyun(utf8(body)))).isEqualTo("malformed_json");
    assertThat(refusal(() -> SmsReceipts.generic(utf8(body)))).isEqualTo("malformed_json");
  }

  @Test
  void invalidUtf8IsMalformed() {
    byte[] latin1 = "[{\"err_msg\":\"é\"}]".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(refusal(() -> SmsReceipts.aliyun(latin1))).isEqualTo("malformed_json");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"success\":true}",
        "[1]",
        "[{\"phone_number\":\"1\",\"report_time\":\"2017-01-01 00:00:00\",\"biz_id\":\"1\","
            + "\"out_id\":\"1\"}]",
        "[{\"phone_number\":\"1\",\"report_time\":\"2017-01-01 00:00:00\",\"biz_id\":\"1\","
            + "\"out_id\":\"1\",\"success\":\"true\"}]",
        "[{\"phone_number\":\"1\",\"report_time\":\"2017-01-01 00:00:00\",\"biz_id\":1,"
            + "\"out_id\":\"1\",\"success\":true}]",
        "[{\"phone_number\":\"1\",\"report_time\":\"yesterday\",\"biz_id\":\"1\","
            + "\"out_id\":\"1\",\"success\":true}]",
        "[{\"report_time\":\"2017-01-01 00:00:00\",\"biz_id\":\"1\",\"out_id\":\"1\","
            + "\"success\":true}]",
        "[{\"phone_number\":\"1\",\"report_time\":\"2017-01-01 00:00:00\",\"biz_id\":\"1\","
            + "\"success\":true}]",
        "[{\"phone_number\":\"1\",\"report_time\":\"2017-01-01 00:00:00\",\"biz_id\":\"1\","
            + "\"out_id\":\"1\",\"success\":true,\"err_msg\":{\"x\":1}}]"
      })
  void alibabaReportsOfTheWrongShapeAreRefusedWholesale(String body) {
    assertThat(refusal(() -> SmsReceipts.aliyun(utf8(body)))).isEqualTo("invalid_receipt");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"delivered\"",
        "[1]",
        "{\"id\":\"r1\",\"status\":\"delivered\"}",
        "{\"id\":\"r1\",\"status\":\"read\",\"at\":\"2026-03-01T02:00:00Z\"}",
        "{\"id\":\"r 1\",\"status\":\"delivered\",\"at\":\"2026-03-01T02:00:00Z\"}",
        "{\"id\":\"r1\",\"status\":\"delivered\",\"at\":\"2026-03-01 02:00:00\"}",
        "{\"id\":\"r1\",\"status\":\"delivered\",\"at\":\"2026-03-01T02:00:00Z\",\"phone\":\"+86\"}",
        "{\"id\":7,\"status\":\"delivered\",\"at\":\"2026-03-01T02:00:00Z\"}"
      })
  void genericReceiptsOfTheWrongShapeAreRefused(String body) {
    assertThat(refusal(() -> SmsReceipts.generic(utf8(body)))).isEqualTo("invalid_receipt");
  }

  @Test
  void pushesOverTheEntryOrByteLimitAreRefusedBeforeAnyEntryIsRead() {
    String three = "[" + "{},".repeat(2) + "{}]";
    assertThat(refusal(() -> SmsReceipts.aliyun(utf8(three), 2))).isEqualTo("too_many_receipts");
    assertThat(refusal(() -> SmsReceipts.generic(utf8(three), 2))).isEqualTo("too_many_receipts");
    String many = "[" + "{},".repeat(SmsReceipts.MAX_RECEIPTS) + "{}]";
    assertThat(refusal(() -> SmsReceipts.aliyun(utf8(many)))).isEqualTo("too_many_receipts");
    byte[] huge = new byte[SmsReceipts.MAX_BODY_BYTES + 1];
    assertThat(refusal(() -> SmsReceipts.aliyun(huge))).isEqualTo("body_too_large");
  }

  @Test
  void overlongFieldsAreRefused() {
    String body =
        "[{\"phone_number\":\"1\",\"report_time\":\"2017-01-01 00:00:00\",\"biz_id\":\"1\","
            + "\"out_id\":\""
            + "x".repeat(300)
            + "\",\"success\":true}]";
    assertThat(refusal(() -> SmsReceipts.aliyun(utf8(body)))).isEqualTo("invalid_receipt");
  }
}
