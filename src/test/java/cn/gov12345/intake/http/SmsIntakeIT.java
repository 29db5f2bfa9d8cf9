package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.sms.SmsFixtures;
import cn.gov12345.intake.identity.Pseudonymizer;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.TrackingNumbers;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.RedisSnapshot;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.redis.client.Command;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
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

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String ALIBABA_SUCCESS = "{\"code\":0,\"msg\":\"接收成功\"}";
  private static final DateTimeFormatter SEND_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

  static TestGateway gateway;

  @BeforeAll
  static void start() throws IOException {
    gateway = TestGateway.start(SmsFixtures.yaml("1s"), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aSecretPathPushOpensOneTicketAndIsAnsweredWithAlibabasSuccessBody() throws Exception {
    String phone = phone();
    HttpResponse<String> answer = aliyun(gateway, batch(entry(phone, "小区停水三天了", seq())));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(ALIBABA_SUCCESS);
    List<JsonNode> mine = ticketsOf(gateway, phone);
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0).path("type").asText()).endsWith("ticket.opened.v1");
    assertThat(mine.get(0).path("data").path("channel").asText()).isEqualTo("sms");
    assertThat(messagesOf(gateway, phone)).hasSize(1);
    assertThat(events(gateway, "messages")).noneMatch(e -> e.contains(phone.substring(3)));
  }

  @Test
  void theSamePushFiveTimesIncludingConcurrentlyIsOneMessageAndOneTicket() throws Exception {
    for (boolean withId : new boolean[] {true, false}) {
      String phone = phone();
      String body = batch(entry(phone, "路灯坏了", withId ? seq() : null));
      List<HttpResponse<String>> answers = new ArrayList<>();
      answers.add(aliyun(gateway, body));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Callable<HttpResponse<String>>> retries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          retries.add(() -> aliyun(gateway, body));
        }
        for (Future<HttpResponse<String>> f : pool.invokeAll(retries)) {
          answers.add(f.get());
        }
      } finally {
        pool.shutdown();
      }

      assertThat(answers).allMatch(r -> r.statusCode() == 200 && r.body().equals(ALIBABA_SUCCESS));
      assertThat(messagesOf(gateway, phone)).as("with sequence_id: %s", withId).hasSize(1);
      assertThat(ticketsOf(gateway, phone)).hasSize(1);
    }
  }

  @Test
  void aTextNamingTheTrackingNumberIsAppendedToThatTicketEvenOutsideTheWindow() throws Exception {
    String phone = phone();
    aliyun(gateway, batch(entry(phone, "楼下垃圾没人清运", seq())));
    JsonNode first = ticketsOf(gateway, phone).get(0);
    String tracking = first.path("data").path("trackingNumber").asText();
    Thread.sleep(1500); // past the 1 s window: a plain text opens a new ticket
    aliyun(gateway, batch(entry(phone, "又堆了一天", seq())));
    aliyun(gateway, batch(entry(phone, "关于" + tracking + "：照片已发给物业，仍未处理", seq())));
    String stranger = phone();
    aliyun(gateway, batch(entry(stranger, "我也反映" + tracking, seq())));

    List<JsonNode> mine = ticketsOf(gateway, phone);
    assertThat(mine)
        .extracting(e -> e.path("type").asText().replace("cn.gov12345.intake.", ""))
        .containsExactly("ticket.opened.v1", "ticket.opened.v1", "ticket.appended.v1");
    JsonNode appended = mine.get(2);
    assertThat(appended.path("subject").asText()).isEqualTo(first.path("subject").asText());
    assertThat(appended.path("data").path("trackingNumber").asText()).isEqualTo(tracking);
    assertThat(mine.get(1).path("data").path("trackingNumber").asText()).isNotEqualTo(tracking);
    assertThat(ticketsOf(gateway, stranger))
        .as("another citizen naming the number opens their own ticket")
        .singleElement()
        .satisfies(e -> assertThat(e.path("type").asText()).endsWith("ticket.opened.v1"));
    events(gateway, "tickets").forEach(EventSchemas::assertValid);
    events(gateway, "messages").forEach(EventSchemas::assertValid);
  }

  @Test
  void withinTheWindowASecondTextIsAppendedToTheOpenTicket() throws Exception {
    try (TestGateway own = TestGateway.start(SmsFixtures.yaml("10m"), Clock.systemUTC())) {
      String phone = phone();
      aliyun(own, batch(entry(phone, "噪音扰民", seq())));
      aliyun(own, batch(entry(phone, "每天晚上十一点以后", seq())));

      assertThat(ticketsOf(own, phone))
          .extracting(e -> e.path("type").asText().replace("cn.gov12345.intake.", ""))
          .containsExactly("ticket.opened.v1", "ticket.appended.v1");
    }
  }

  @Test
  void aForgedSecretOrAnUnknownIntegrationIsRefusedAndWritesNothing() throws Exception {
    aliyun(gateway, batch(entry(phone(), "先有一条", seq())));
    Map<String, String> before = RedisSnapshot.of(gateway.prefix());
    String body = batch(entry(phone(), "伪造的推送", seq()));

    HttpResponse<String> forged = post(gateway, "/channels/sms/aliyun/aliyun/" + forged(), body);
    HttpResponse<String> unknown = post(gateway, "/channels/sms/aliyun/nobody/x", body);
    HttpResponse<String> fenced =
        post(gateway, "/channels/sms/aliyun/fenced/" + SmsFixtures.OPEN_TOKEN, body);

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
    aliyun(gateway, batch(first));

    HttpResponse<String> answer = aliyun(gateway, batch(first, entry(b, "路面塌陷", seq())));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(ALIBABA_SUCCESS);
    assertThat(messagesOf(gateway, a)).hasSize(1);
    assertThat(messagesOf(gateway, b)).hasSize(1);
    assertThat(ticketsOf(gateway, b)).hasSize(1);
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
        send(signed(body, "wh-1", now, "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    assertProblem(bad, 401, "invalid_signature");
    assertThat(RedisSnapshot.of(gateway.prefix())).isEqualTo(before);

    HttpResponse<String> good =
        send(signed(body, "wh-2", now, SmsFixtures.sign("wh-2", now, body)));
    HttpResponse<String> again =
        send(signed(body, "wh-3", now, SmsFixtures.sign("wh-3", now, body)));

    assertThat(good.statusCode()).isEqualTo(202);
    assertThat(EventSchemas.read(good.body()).path("trackingNumber").asText()).matches("\\d{15}");
    assertThat(again.statusCode()).as("the same message id again: a duplicate").isEqualTo(200);
    assertThat(EventSchemas.read(again.body()).path("ticketId").asText())
        .isEqualTo(EventSchemas.read(good.body()).path("ticketId").asText());
    assertThat(messagesOf(gateway, phone)).hasSize(1);
  }

  @Test
  void withRepliesOnTheTicketKeepsASealedReplyRouteForSms() throws Exception {
    try (TestGateway own =
        TestGateway.start(
            SmsFixtures.yaml("10m") + "replies:\n  enabled: true\n", Clock.systemUTC())) {
      String phone = phone();
      aliyun(own, batch(entry(phone, "请回电", seq())));
      JsonNode opened = ticketsOf(own, phone).get(0);
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

  // --- helpers ----------------------------------------------------------------------------------

  private static String entry(String phone, String text, String sequenceId) {
    return "{\"phone_number\":\""
        + phone.substring(3)
        + "\",\"send_time\":\""
        + SEND_TIME.format(Instant.now())
        + "\",\"content\":\""
        + text
        + "\",\"sign_name\":\"12345热线\",\"dest_code\":\"1234\""
        + (sequenceId == null ? "" : ",\"sequence_id\":" + sequenceId)
        + "}";
  }

  private static String batch(String... entries) {
    return "[" + String.join(",", entries) + "]";
  }

  private static String seq() {
    return Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
  }

  /** A random mainland mobile number, E.164. */
  private static String phone() {
    return "+86139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
  }

  private static String forged() {
    String t = SmsFixtures.TOKEN;
    return t.substring(0, t.length() - 1) + (t.endsWith("9") ? "8" : "9");
  }

  private static HttpResponse<String> aliyun(TestGateway g, String body) throws Exception {
    return post(g, "/channels/sms/aliyun/aliyun/" + SmsFixtures.TOKEN, body);
  }

  private static HttpResponse<String> post(TestGateway g, String path, String body)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(g.baseUrl() + path))
            .header("Content-Type", "application/json;charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build());
  }

  private static HttpRequest signed(byte[] body, String id, long at, String signature) {
    return HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/channels/sms/http/gateway"))
        .header("Content-Type", "application/json")
        .header("webhook-id", id)
        .header("webhook-timestamp", Long.toString(at))
        .header("webhook-signature", signature)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private static HttpResponse<String> send(HttpRequest request)
      throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void assertProblem(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(code).isEqualTo(status);
    assertThat(EventSchemas.read(r.body()).path("code").asText()).isEqualTo(code);
  }

  private static List<String> events(TestGateway g, String stream) {
    List<String> out = new ArrayList<>();
    for (int p = 0; p < g.keys().partitions(); p++) {
      out.addAll(
          TestRedis.events(stream.equals("messages") ? g.keys().messages(p) : g.keys().tickets(p)));
    }
    return out;
  }

  private static List<JsonNode> ticketsOf(TestGateway g, String phone) {
    return ofCitizen(g, "tickets", phone);
  }

  private static List<JsonNode> messagesOf(TestGateway g, String phone) {
    return ofCitizen(g, "messages", phone);
  }

  private static List<JsonNode> ofCitizen(TestGateway g, String stream, String phone) {
    String pseudonym =
        new Pseudonymizer(g.config().identity().pseudonymKey().utf8())
            .pseudonym(CitizenRef.IdScheme.PHONE, phone);
    return events(g, stream).stream()
        .map(EventSchemas::read)
        .filter(e -> e.path("partitionkey").asText().equals(pseudonym))
        .toList();
  }
}
