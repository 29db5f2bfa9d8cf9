package cn.gov12345.intake.http;

import static cn.gov12345.intake.support.SmsClient.batch;
import static cn.gov12345.intake.support.SmsClient.entry;
import static cn.gov12345.intake.support.SmsClient.phone;
import static cn.gov12345.intake.support.SmsClient.seq;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.sms.SmsFixtures;
import cn.gov12345.intake.model.TrackingNumbers;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.RedisSnapshot;
import cn.gov12345.intake.support.SmsClient;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.redis.client.Command;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Inbound SMS end to end: real HTTP to the door, the SMS channel, the conversation script on the
 * test Redis (and on the Redis Cluster in the cluster suite).
 */
@Tag("cluster")
class SmsIntakeIT {

  private static final String ALIBABA_SUCCESS = "{\"code\":0,\"msg\":\"接收成功\"}";

  static TestGateway gateway;
  static SmsClient sms;

  @BeforeAll
  static void start() throws IOException {
    gateway = TestGateway.start(SmsFixtures.yaml("10m"), Clock.systemUTC());
    sms = new SmsClient(gateway);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aSecretPathPushOpensOneTicketAndIsAnsweredWithAlibabasSuccessBody() throws Exception {
    String phone = phone();
    HttpResponse<String> answer = sms.aliyun(batch(entry(phone, "小区停水三天了", seq())));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(ALIBABA_SUCCESS);
    List<JsonNode> mine = sms.ticketsOf(phone);
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0).path("type").asText()).endsWith("ticket.opened.v1");
    assertThat(mine.get(0).path("data").path("channel").asText()).isEqualTo("sms");
    assertThat(sms.messagesOf(phone)).hasSize(1);
    assertThat(sms.events("messages")).noneMatch(e -> e.contains(phone.substring(3)));
  }

  @Test
  void theSamePushFiveTimesIncludingConcurrentlyIsOneMessageAndOneTicket() throws Exception {
    for (boolean withId : new boolean[] {true, false}) {
      String phone = phone();
      String body = batch(entry(phone, "路灯坏了", withId ? seq() : null));
      List<HttpResponse<String>> answers = new ArrayList<>();
      answers.add(sms.aliyun(body));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Callable<HttpResponse<String>>> retries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          retries.add(() -> sms.aliyun(body));
        }
        for (Future<HttpResponse<String>> f : pool.invokeAll(retries)) {
          answers.add(f.get());
        }
      } finally {
        pool.shutdown();
      }

      assertThat(answers).allMatch(r -> r.statusCode() == 200 && r.body().equals(ALIBABA_SUCCESS));
      assertThat(sms.messagesOf(phone)).as("with sequence_id: %s", withId).hasSize(1);
      assertThat(sms.ticketsOf(phone)).hasSize(1);
    }
  }

  @Test
  void aTextNamingTheTrackingNumberIsAppendedToThatTicketEvenOutsideTheWindow() throws Exception {
    try (TestGateway own = TestGateway.start(SmsFixtures.yaml("1s"), Clock.systemUTC())) {
      SmsClient client = new SmsClient(own);
      String phone = phone();
      client.aliyun(batch(entry(phone, "楼下垃圾没人清运", seq())));
      JsonNode first = client.ticketsOf(phone).get(0);
      String tracking = first.path("data").path("trackingNumber").asText();
      Thread.sleep(1500); // past the 1 s window: a plain text opens a new ticket
      client.aliyun(batch(entry(phone, "又堆了一天", seq())));
      client.aliyun(batch(entry(phone, "关于" + tracking + "：照片已发给物业，仍未处理", seq())));
      String stranger = phone();
      client.aliyun(batch(entry(stranger, "我也反映" + tracking, seq())));

      List<JsonNode> mine = client.ticketsOf(phone);
      assertThat(mine)
          .extracting(e -> e.path("type").asText().replace("cn.gov12345.intake.", ""))
          .containsExactly("ticket.opened.v1", "ticket.opened.v1", "ticket.appended.v1");
      JsonNode appended = mine.get(2);
      assertThat(appended.path("subject").asText()).isEqualTo(first.path("subject").asText());
      assertThat(appended.path("data").path("trackingNumber").asText()).isEqualTo(tracking);
      assertThat(mine.get(1).path("data").path("trackingNumber").asText()).isNotEqualTo(tracking);
      assertThat(client.ticketsOf(stranger))
          .as("another citizen naming the number opens their own ticket")
          .singleElement()
          .satisfies(e -> assertThat(e.path("type").asText()).endsWith("ticket.opened.v1"));
      client.events("tickets").forEach(EventSchemas::assertValid);
      client.events("messages").forEach(EventSchemas::assertValid);
    }
  }

  @Test
  void withinTheWindowASecondTextIsAppendedToTheOpenTicket() throws Exception {
    String phone = phone();
    sms.aliyun(batch(entry(phone, "噪音扰民", seq())));
    sms.aliyun(batch(entry(phone, "每天晚上十一点以后", seq())));

    assertThat(sms.ticketsOf(phone))
        .extracting(e -> e.path("type").asText().replace("cn.gov12345.intake.", ""))
        .containsExactly("ticket.opened.v1", "ticket.appended.v1");
  }

  @Test
  void aForgedSecretOrAnUnknownIntegrationIsRefusedAndWritesNothing() throws Exception {
    sms.aliyun(batch(entry(phone(), "先有一条", seq())));
    Map<String, String> before = RedisSnapshot.of(gateway.prefix());
    String body = batch(entry(phone(), "伪造的推送", seq()));

    HttpResponse<String> forged = sms.post("/channels/sms/aliyun/aliyun/" + forged(), body);
    HttpResponse<String> unknown = sms.post("/channels/sms/aliyun/nobody/x", body);
    HttpResponse<String> fenced =
        sms.post("/channels/sms/aliyun/fenced/" + SmsFixtures.OPEN_TOKEN, body);

    assertProblem(forged, 401, "unauthorized");
    assertProblem(unknown, 404, "unknown_account");
    assertProblem(fenced, 403, "forbidden");
    assertThat(RedisSnapshot.of(gateway.prefix())).isEqualTo(before);
  }

  @Test
  void aBatchWithOneDuplicateAppendsOnlyItsNewTextAndIsAnsweredOnce() throws Exception {
    String a = phone();
    String b = phone();
    String first = entry(a, "井盖丢了", seq());
    sms.aliyun(batch(first));

    HttpResponse<String> answer = sms.aliyun(batch(first, entry(b, "路面塌陷", seq())));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(ALIBABA_SUCCESS);
    assertThat(sms.messagesOf(a)).hasSize(1);
    assertThat(sms.messagesOf(b)).hasSize(1);
    assertThat(sms.ticketsOf(b)).hasSize(1);
  }

  @Test
  void theGenericFormatIsAcceptedSignedAndRefusedWithABadSignature() throws Exception {
    String phone = phone();
    byte[] body =
        ("{\"id\":\"gw-"
                + seq()
                + "\",\"from\":\""
                + phone
                + "\",\"to\":\"12345\","
                + "\"text\":\"公交站牌被撞倒了\",\"sentAt\":\""
                + Instant.now()
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    Map<String, String> before = RedisSnapshot.of(gateway.prefix());

    HttpResponse<String> bad =
        SmsClient.send(
            sms.signed(body, "wh-1", now, "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    assertProblem(bad, 401, "invalid_signature");
    assertThat(RedisSnapshot.of(gateway.prefix())).isEqualTo(before);

    HttpResponse<String> good =
        SmsClient.send(sms.signed(body, "wh-2", now, SmsFixtures.sign("wh-2", now, body)));
    HttpResponse<String> again =
        SmsClient.send(sms.signed(body, "wh-3", now, SmsFixtures.sign("wh-3", now, body)));

    assertThat(good.statusCode()).isEqualTo(202);
    assertThat(EventSchemas.read(good.body()).path("trackingNumber").asText()).matches("\\d{15}");
    assertThat(again.statusCode()).as("the same message id again: a duplicate").isEqualTo(200);
    assertThat(EventSchemas.read(again.body()).path("ticketId").asText())
        .isEqualTo(EventSchemas.read(good.body()).path("ticketId").asText());
    assertThat(sms.messagesOf(phone)).hasSize(1);
  }

  @Test
  void withRepliesOnTheTicketKeepsASealedReplyRouteForSms() throws Exception {
    try (TestGateway own =
        TestGateway.start(
            SmsFixtures.yaml("10m") + "replies:\n  enabled: true\n", Clock.systemUTC())) {
      SmsClient mine = new SmsClient(own);
      String phone = phone();
      mine.aliyun(batch(entry(phone, "请回电", seq())));
      JsonNode opened = mine.ticketsOf(phone).get(0);
      String tracking = opened.path("data").path("trackingNumber").asText();
      int p = TrackingNumbers.partitionOf(tracking);

      String route =
          TestRedis.call(
                  Command.HGET,
                  own.keys().statusDay(p, tracking.substring(0, 6)),
                  "route:" + opened.path("subject").asText())
              .toString();

      assertThat(route).contains("\"seal\":").doesNotContain(phone, phone.substring(3));
    }
  }

  private static String forged() {
    String t = SmsFixtures.TOKEN;
    return t.substring(0, t.length() - 1) + (t.endsWith("9") ? "8" : "9");
  }

  private static void assertProblem(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(code).isEqualTo(status);
    assertThat(EventSchemas.read(r.body()).path("code").asText()).isEqualTo(code);
  }
}
