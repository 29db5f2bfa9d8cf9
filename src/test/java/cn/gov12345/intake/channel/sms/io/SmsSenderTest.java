package cn.gov12345.intake.channel.sms.io;

import static cn.gov12345.intake.channel.sms.io.SmsFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.gov12345.intake.reply.OutboundMessage;
import cn.gov12345.intake.reply.ReplyAddress;
import cn.gov12345.intake.reply.SendOutcome;
import cn.gov12345.intake.reply.SendOutcome.Status;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The {@code sms} sender: who it can reach, how a reply becomes a template request. */
class SmsSenderTest {

  /** A provider that records requests and answers as told. */
  static final class RecordingClient implements SmsClient {
    final List<SmsRequest> requests = new ArrayList<>();
    final Function<SmsRequest, Future<SendOutcome>> answer;

    RecordingClient(Function<SmsRequest, Future<SendOutcome>> answer) {
      this.answer = answer;
    }

    @Override
    public boolean canReach(String phone) {
      return phone.startsWith("+86");
    }

    @Override
    public Future<SendOutcome> send(SmsRequest request) {
      requests.add(request);
      return answer.apply(request);
    }
  }

  final RecordingClient client =
      new RecordingClient(r -> Future.succeededFuture(SendOutcome.sent("biz-1")));
  final SmsSender sender =
      new SmsSender(
          SmsFixtures.aliyun("https://dysmsapi.aliyuncs.com", Duration.ofSeconds(1)), client);

  static OutboundMessage withKindAndParams(String kind, Map<String, String> params) {
    OutboundMessage m = SmsFixtures.receipt(SmsFixtures.PHONE);
    return new OutboundMessage(
        m.replyId(),
        m.ticketId(),
        m.trackingNumber(),
        m.channel(),
        m.account(),
        m.address(),
        null,
        kind,
        m.text(),
        params,
        false);
  }

  @Test
  void aReceiptIsSentAsItsRegisteredTemplateFilledFromTheReplyParams() {
    assertThat(sender.kind()).isEqualTo("sms");

    SendOutcome outcome = await(sender.send(SmsFixtures.receipt(SmsFixtures.PHONE)));

    assertThat(outcome).isEqualTo(SendOutcome.sent("biz-1"));
    assertThat(client.requests).hasSize(1);
    SmsRequest request = client.requests.get(0);
    assertThat(request.replyId()).isEqualTo(SmsFixtures.REPLY_ID);
    assertThat(request.phone()).isEqualTo(SmsFixtures.PHONE);
    assertThat(request.templateCode()).isEqualTo("SMS_123456789");
    assertThat(request.variables())
        .containsExactly(Map.entry("no", "261126000000015"), Map.entry("code", "4821"));
    assertThat(request.toString()).doesNotContain("13800138000", "4821");
  }

  @Test
  void onlyAPhoneTheProviderReachesWithATemplateForTheKindIsReachable() {
    assertThat(sender.canReach(SmsFixtures.receipt(SmsFixtures.PHONE))).isTrue();
    assertThat(sender.canReach(SmsFixtures.receipt(null))).isFalse();
    assertThat(sender.canReach(SmsFixtures.receipt("+85291234567"))).isFalse();
    OutboundMessage wechatOnly =
        new OutboundMessage(
            SmsFixtures.REPLY_ID,
            "t",
            "n",
            "wechat",
            "city",
            new ReplyAddress("o1", null, null),
            null,
            "receipt",
            "x",
            Map.of(),
            false);
    assertThat(sender.canReach(wechatOnly)).isFalse();
    assertThat(sender.canReach(withKindAndParams("answer", Map.of("text", "x"))))
        .as("no template registered for answers")
        .isFalse();
  }

  @Test
  void aReplyMissingATemplatesParamOrTemplateGoesToTheNextSenderUnsent() {
    SendOutcome missing =
        await(
            sender.send(withKindAndParams("receipt", Map.of("trackingNumber", "261126000000015"))));
    SendOutcome noTemplate = await(sender.send(withKindAndParams("survey", Map.of())));
    SendOutcome noPhone = await(sender.send(SmsFixtures.receipt(null)));

    assertThat(missing.status()).isEqualTo(Status.NEXT);
    assertThat(missing.error()).contains("queryCode");
    assertThat(noTemplate.status()).isEqualTo(Status.NEXT);
    assertThat(noPhone.status()).isEqualTo(Status.NEXT);
    assertThat(client.requests).isEmpty();
  }

  @Test
  void aFailingOrThrowingClientStillYieldsAnOutcome() {
    SmsSender failing =
        new SmsSender(
            SmsFixtures.aliyun("https://x", Duration.ofSeconds(1)),
            new RecordingClient(
                r -> Future.failedFuture(new java.net.ConnectException("refused"))));
    SmsSender throwing =
        new SmsSender(
            SmsFixtures.aliyun("https://x", Duration.ofSeconds(1)),
            new RecordingClient(
                r -> {
                  throw new IllegalStateException("bug");
                }));

    assertThat(await(failing.send(SmsFixtures.receipt(SmsFixtures.PHONE))).status())
        .isEqualTo(Status.RETRY);
    assertThat(await(throwing.send(SmsFixtures.receipt(SmsFixtures.PHONE))).status())
        .isEqualTo(Status.UNKNOWN);
  }

  @Test
  void logsNeverCarryTheNumberOrTheTextEvenAtDebug() {
    Logger logger = (Logger) LoggerFactory.getLogger(SmsSender.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Level level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logger.addAppender(appender);
    try {
      await(sender.send(SmsFixtures.receipt(SmsFixtures.PHONE)));
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(level);
    }
    assertThat(appender.list).isNotEmpty();
    assertThat(appender.list)
        .allSatisfy(
            e ->
                assertThat(e.getFormattedMessage())
                    .contains(SmsFixtures.REPLY_ID)
                    .doesNotContain("13800138000", "4821", "261126000000015", "您的诉求"));
  }

  @Test
  void theProviderIsChosenByConfig() {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      assertThat(
              SmsSender.create(
                      vertx,
                      SmsFixtures.http("https://sms.example.gov.cn/v1", Duration.ofSeconds(1)),
                      SmsFixtures.CLOCK,
                      4)
                  .canReach(SmsFixtures.receipt("+85291234567")))
          .as("the http provider reaches any E.164 number")
          .isTrue();
      assertThat(
              SmsSender.create(
                      vertx,
                      SmsFixtures.aliyun("https://dysmsapi.aliyuncs.com", Duration.ofSeconds(1)),
                      SmsFixtures.CLOCK,
                      4)
                  .canReach(SmsFixtures.receipt("+85291234567")))
          .as("Alibaba's domestic SendSms reaches mainland numbers only")
          .isFalse();
    } finally {
      vertx.close();
    }
  }
}
