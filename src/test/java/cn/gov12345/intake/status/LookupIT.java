package cn.gov12345.intake.status;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.TicketEvents;
import cn.gov12345.intake.support.WebhookClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/lookup}: the citizen's 进度查询, end to end on real Redis. */
@Tag("cluster")
class LookupIT {

  static final String SUBMISSION =
      "{\"appealType\":\"投诉\",\"text\":\"小区停水三天了\","
          + "\"citizen\":{\"phone\":\"13800138000\",\"name\":\"张三\"},"
          + "\"location\":{\"address\":\"朝阳区某街道\",\"regionCode\":\"110105\"}}";

  static TestGateway gateway;
  static StatusClient client;
  static QueryCodes codes;

  @BeforeAll
  static void start() throws IOException {
    gateway =
        TestGateway.start(
            "http:\n  trustedProxies: [\"127.0.0.1/32\"]\n"
                + "lookup:\n"
                + "  rateLimits:\n"
                + "    perIp: [ { max: 1000, window: 1h } ]\n"
                + "    perTrackingNumber: [ { max: 3, window: 1h } ]\n",
            Clock.systemUTC());
    client = new StatusClient(gateway.baseUrl());
    codes = new QueryCodes(gateway.config().identity().pseudonymKey().utf8());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  /** Opens a ticket through the webhook channel and returns the 202 answer. */
  static JsonObject open(TestGateway gateway) {
    HttpResponse<String> accepted = gateway.webhooks().post(SUBMISSION);
    assertThat(accepted.statusCode()).isEqualTo(202);
    return new JsonObject(accepted.body());
  }

  @Test
  void aTicketJustOpenedIsReceivedSinceItsOpeningWithoutAnyPersonalData() {
    JsonObject opened = open(gateway);
    String number = opened.getString("trackingNumber");

    HttpResponse<String> found =
        client.lookup(number, codes.codeFor(number, opened.getString("ticketId")));

    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonObject body = new JsonObject(found.body());
    assertThat(body.getString("trackingNumber")).isEqualTo(number);
    assertThat(body.getString("status")).isEqualTo("received");
    assertThat(body.getString("channel")).isEqualTo("webhook");
    JsonArray history = body.getJsonArray("history");
    assertThat(history).hasSize(1);
    assertThat(history.getJsonObject(0).getString("status")).isEqualTo("received");
    assertThat(history.getJsonObject(0).getString("at")).isEqualTo(body.getString("openedAt"));
    assertThat(body.containsKey("reply")).isTrue();
    assertThat(body.getValue("reply")).isNull();
    assertThat(found.body()).doesNotContain("13800138000", "张三", "停水", "朝阳区");
  }

  @Test
  void aCodeTypedWithSurroundingSpacesStillMatches() {
    JsonObject opened = open(gateway);
    String number = opened.getString("trackingNumber");
    String code = codes.codeFor(number, opened.getString("ticketId"));

    HttpResponse<String> found = client.lookup(" " + number + " ", code + " ");

    assertThat(found.statusCode()).isEqualTo(200);
  }

  @Test
  void wrongCodeUnknownNumberAndMalformedNumberAreIndistinguishable() {
    JsonObject opened = open(gateway);
    String number = opened.getString("trackingNumber");
    String right = codes.codeFor(number, opened.getString("ticketId"));
    String wrong = right.equals("00000000") ? "11111111" : "00000000";
    String unknown = TicketEvents.trackingNumber("991231", 0, 999_999);
    String otherPartition = TicketEvents.trackingNumber(number.substring(0, 6), 7, 1);
    char last = number.charAt(number.length() - 1);
    String badCheck = number.substring(0, 14) + (char) ('0' + (last - '0' + 1) % 10);

    List<HttpResponse<String>> answers =
        List.of(
            client.lookup(number, wrong, "same-id"),
            client.lookup(unknown, codes.codeFor(unknown, "t"), "same-id"),
            client.lookup(unknown, wrong, "same-id"),
            client.lookup(otherPartition, codes.codeFor(otherPartition, "t"), "same-id"),
            client.lookup("12345", "12345678", "same-id"),
            client.lookup(badCheck, codes.codeFor(badCheck, "t"), "same-id"),
            client.lookup("", "", "same-id"));

    HttpResponse<String> first = answers.get(0);
    assertThat(first.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(first.body()).getString("code")).isEqualTo("lookup_failed");
    for (HttpResponse<String> other : answers) {
      assertThat(other.statusCode()).isEqualTo(first.statusCode());
      assertThat(other.headers().map()).isEqualTo(first.headers().map());
      assertThat(other.body().getBytes(StandardCharsets.UTF_8))
          .isEqualTo(first.body().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void wrongCodesFromOneAddressDoNotLockTheOwnerOutOfTheirTicket() {
    JsonObject opened = open(gateway);
    String number = opened.getString("trackingNumber");
    for (int i = 0; i < 5; i++) {
      client.lookup(number, "00000000");
    }
    assertThat(client.lookup(number, "00000000").statusCode()).isEqualTo(429);

    HttpResponse<String> owner =
        WebhookClient.send(
            client
                .lookupRequest(
                    new JsonObject()
                        .put("trackingNumber", number)
                        .put("queryCode", codes.codeFor(number, opened.getString("ticketId")))
                        .encode()
                        .getBytes(StandardCharsets.UTF_8))
                .header("X-Forwarded-For", "203.0.113.77")
                .build());

    assertThat(owner.statusCode()).as("the guesser is limited, not the ticket").isEqualTo(200);
  }

  @Test
  void theFourthLookupOfOneNumberWithinTheWindowIsRateLimitedEvenWithTheRightCode() {
    JsonObject first = open(gateway);
    String number = first.getString("trackingNumber");
    JsonObject second = open(gateway);
    String other = second.getString("trackingNumber");
    for (int i = 0; i < 3; i++) {
      assertThat(client.lookup(number, "00000000").statusCode()).isIn(200, 404);
    }

    HttpResponse<String> limited =
        client.lookup(number, codes.codeFor(number, first.getString("ticketId")));

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(new JsonObject(limited.body()).getString("code")).isEqualTo("rate_limited");
    assertThat(limited.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 3600L));
    assertThat(limited.body()).doesNotContain("received");
    assertThat(
            client.lookup(other, codes.codeFor(other, second.getString("ticketId"))).statusCode())
        .as("another number is not limited")
        .isEqualTo(200);
  }

  /**
   * Issue 12 item 3: should a tracking number ever be issued a second time (a Redis that lost its
   * last second), the first citizen's receipt must not open the second citizen's ticket. Simulated
   * here by pointing the first number's status record at a second ticket, as a reissue would.
   */
  @Test
  void anOldReceiptNeverOpensAnotherTicketThatGotTheSameNumber() {
    JsonObject first = open(gateway);
    JsonObject second = open(gateway);
    String number = first.getString("trackingNumber");
    String oldReceipt = codes.codeFor(number, first.getString("ticketId"));
    String statusKey = gateway.keys().statusDay(0, number.substring(0, 6));
    String secondRecord =
        TestRedis.call(Command.HGET, statusKey, second.getString("trackingNumber")).toString();
    TestRedis.call(
        Command.HSET,
        statusKey,
        number,
        secondRecord.replace(second.getString("trackingNumber"), number));

    HttpResponse<String> withOldReceipt = client.lookup(number, oldReceipt);
    HttpResponse<String> withNewReceipt =
        client.lookup(number, codes.codeFor(number, second.getString("ticketId")));

    assertThat(withOldReceipt.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(withOldReceipt.body()).getString("code")).isEqualTo("lookup_failed");
    assertThat(withOldReceipt.body()).doesNotContain("received", second.getString("ticketId"));
    assertThat(withNewReceipt.statusCode()).isEqualTo(200);
  }

  @Test
  void oneAddressIsLimitedAcrossNumbers() throws IOException {
    try (TestGateway strict =
        TestGateway.start(
            "lookup:\n  rateLimits:\n    perIp: [ { max: 5, window: 1h } ]\n", Clock.systemUTC())) {
      StatusClient fromOneIp = new StatusClient(strict.baseUrl());
      for (int i = 0; i < 5; i++) {
        String guess = TicketEvents.trackingNumber("261126", 0, i + 1);
        assertThat(fromOneIp.lookup(guess, "12345678").statusCode()).isEqualTo(404);
      }

      HttpResponse<String> sixth =
          fromOneIp.lookup(TicketEvents.trackingNumber("261126", 0, 6), "12345678");

      assertThat(sixth.statusCode()).isEqualTo(429);
      assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
    }
  }

  @Test
  void hostileBodiesAreRefusedBeforeAnythingIsCounted() {
    String prefix = gateway.prefix() + ":{rl}";
    int before = TestRedis.keys(prefix).size();
    byte[] gbk = "{\"trackingNumber\":\"受理\",\"queryCode\":\"1\"}".getBytes(charset("GBK"));

    assertThat(send(client.lookupRequest("not json".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(400);
    assertThat(send(client.lookupRequest(gbk))).isEqualTo(400);
    assertThat(send(client.lookupRequest("{\"trackingNumber\":\"2611".getBytes()))).isEqualTo(400);
    assertThat(send(client.lookupRequest("{\"trackingNumber\":261126,\"queryCode\":1}".getBytes())))
        .isEqualTo(400);
    assertThat(send(client.lookupRequest("{\"trackingNumber\":\"1\"}".getBytes()))).isEqualTo(400);
    assertThat(send(client.lookupRequest(new byte[4096]))).isEqualTo(413);
    assertThat(send(client.lookupRequest("{}".getBytes()).setHeader("Content-Type", "text/plain")))
        .isEqualTo(415);

    assertThat(TestRedis.keys(prefix)).as("no rate-limit counter moved").hasSize(before);
  }

  private static int send(HttpRequest.Builder request) {
    return WebhookClient.send(request.build()).statusCode();
  }

  private static java.nio.charset.Charset charset(String name) {
    return java.nio.charset.Charset.forName(name);
  }
}
