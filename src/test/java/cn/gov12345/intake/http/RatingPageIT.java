package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.PullConsumerConfig;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.RedisSnapshot;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TicketStream;
import cn.gov12345.intake.survey.SurveyTokens;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The signed one-time rating page {@code /rate/<token>} over HTTP: a citizen rates once
 * (ticket.rated with "solved" asked separately, a reopen when not solved), the link then shows the
 * rating, a second rating is 409; a forged, expired or unknown link, a bad form, a wrong content
 * type or an oversized body are refused and write nothing.
 */
@Tag("cluster")
class RatingPageIT {

  static final HttpClient HTTP = HttpClient.newHttpClient();

  static TestGateway gateway;
  static SurveyClient client;
  static SurveyTokens tokens;

  @BeforeAll
  static void start() throws Exception {
    String yaml =
        "pull:\n  consumers:\n    dispatch:\n      keySha256: "
            + PullConsumerConfig.sha256Hex(StatusClient.CONSUMER_KEY)
            + "\nreplies:\n"
            + "  enabled: true\n"
            + "  notifications: { dispatched: false, replied: false, closed: false }\n"
            + "  survey: { enabled: true, delay: 2h }\n";
    gateway = TestGateway.start(yaml, Clock.systemUTC());
    client = new SurveyClient(gateway, Clock.systemUTC());
    tokens = new SurveyTokens(gateway.config().identity().pseudonymKey().utf8());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  /** A closed webhook ticket whose survey request is appended (and the worker idle again). */
  static JsonObject closedTicket() throws Exception {
    HttpResponse<String> opened =
        gateway.webhooks().post("{\"appealType\":\"complaint\",\"text\":\"楼道灯坏了一个月\"}");
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(202);
    JsonObject ticket = new JsonObject(opened.body());
    client.close(ticket.getString("ticketId"));
    Eventually.get(
        () ->
            TicketStream.first(gateway, ticket.getString("ticketId"), EventTypes.REPLY_REQUESTED));
    Thread.sleep(800);
    return ticket;
  }

  static String token(JsonObject ticket, Instant expires) {
    return tokens.sign(ticket.getString("ticketId"), ticket.getString("trackingNumber"), expires);
  }

  @Test
  void aCitizenRatesOnceAndTheLinkThenShowsTheRating() throws Exception {
    JsonObject ticket = closedTicket();
    String ticketId = ticket.getString("ticketId");
    String token = token(ticket, Instant.now().plus(Duration.ofDays(1)));

    String shown = client.lookup(ticket).getString("rateUrl");
    assertThat(shown).as("进度查询 offers the link to a citizen the survey cannot reach").isNotNull();
    assertThat(tokens.verify(shown.substring(shown.lastIndexOf('/') + 1)))
        .hasValueSatisfying(c -> assertThat(c.ticketId()).isEqualTo(ticketId));

    HttpResponse<String> form = get(token, "");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains(ticket.getString("trackingNumber"), "满意度", "问题是否已解决");
    assertThat(form.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(get(token, "?lang=en").body())
        .contains("Rate the handling", "Is the problem solved?");

    HttpResponse<String> rated =
        post(token, "rating=2&solved=no&comment=%E8%BF%98%E6%98%AF%E4%B8%8D%E4%BA%AE");
    assertThat(rated.statusCode()).as(rated.body()).isEqualTo(200);
    assertThat(rated.body()).contains("感谢您的评价", "基本满意", "未解决", "督办");
    JsonObject event = TicketStream.first(gateway, ticketId, EventTypes.TICKET_RATED);
    JsonObject data = event.getJsonObject("data");
    assertThat(data.getString("rating")).isEqualTo("basically_satisfied");
    assertThat(data.getBoolean("solved")).isFalse();
    assertThat(data.getString("comment")).isEqualTo("还是不亮");
    assertThat(data.getString("via")).isEqualTo("web");
    assertThat(data.getString("department")).isEqualTo("朝阳区水务局");
    JsonObject reopen = TicketStream.first(gateway, ticketId, EventTypes.TICKET_REOPEN_REQUESTED);
    assertThat(reopen.getJsonObject("data").getString("reason")).isEqualTo("not_solved");
    EventSchemas.assertValid(event.encode());
    EventSchemas.assertValid(reopen.encode());

    assertThat(get(token, "").body()).contains("已评价", "基本满意");
    assertThat(client.lookup(ticket).containsKey("rateUrl"))
        .as("rated: no link any more")
        .isFalse();
    assertThat(client.lookup(ticket).getJsonObject("rating").getString("rating"))
        .isEqualTo("basically_satisfied");
    Map<String, String> before = RedisSnapshot.of(gateway.prefix());
    HttpResponse<String> again = post(token, "rating=1&solved=yes");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("基本满意");
    assertThat(RedisSnapshot.of(gateway.prefix())).isEqualTo(before);
    assertThat(TicketStream.all(gateway, ticketId, EventTypes.TICKET_RATED)).hasSize(1);
  }

  @Test
  void forgedExpiredAndUnknownLinksAreRefusedAndWriteNothing() throws Exception {
    JsonObject ticket = closedTicket();
    String token = token(ticket, Instant.now().plus(Duration.ofDays(1)));
    String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BA" : "AA");
    String expired = token(ticket, Instant.now().minusSeconds(5));
    String unknown =
        tokens.sign(
            UUID.randomUUID().toString(),
            ticket.getString("trackingNumber"),
            Instant.now().plus(Duration.ofDays(1)));
    Map<String, String> before = RedisSnapshot.of(gateway.prefix());

    assertThat(get(forged, "").statusCode()).isEqualTo(404);
    assertThat(post(forged, "rating=1&solved=yes").statusCode()).isEqualTo(404);
    assertThat(get("not-a-token", "").statusCode()).isEqualTo(404);
    assertThat(get(expired, "").statusCode()).isEqualTo(410);
    assertThat(post(expired, "rating=1&solved=yes").body()).contains("已过期");
    assertThat(get(unknown, "").statusCode()).isEqualTo(410);
    assertThat(post(unknown, "rating=3&solved=no").statusCode()).isEqualTo(410);

    assertThat(RedisSnapshot.of(gateway.prefix())).isEqualTo(before);
  }

  @Test
  void aBadFormAWrongTypeOrAnOversizedBodyIsRefusedAndWritesNothing() throws Exception {
    JsonObject ticket = closedTicket();
    String token = token(ticket, Instant.now().plus(Duration.ofDays(1)));
    Map<String, String> before = RedisSnapshot.of(gateway.prefix());

    HttpResponse<String> bad = post(token, "rating=9&solved=yes");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("请选择满意度", "<form");
    assertThat(post(token, "rating=1").statusCode()).isEqualTo(400);
    HttpResponse<String> json =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/rate/" + token))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"rating\":1}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(json.statusCode()).isEqualTo(415);
    assertThat(post(token, "rating=1&solved=yes&comment=" + "a".repeat(5000)).statusCode())
        .isEqualTo(413);

    assertThat(RedisSnapshot.of(gateway.prefix())).isEqualTo(before);
    assertThat(TicketStream.all(gateway, ticket.getString("ticketId"), EventTypes.TICKET_RATED))
        .isEmpty();
  }

  @Test
  void theCallCenterRecordsAPhoneSurveyOnceWithAnApiKey() throws Exception {
    JsonObject ticket = closedTicket();
    String ticketId = ticket.getString("ticketId");
    String body = "{\"rating\":\"dissatisfied\",\"solved\":false,\"comment\":\"电话回访：仍未修好\"}";

    assertThat(phone(ticketId, body, StatusClient.CONSUMER_KEY).statusCode()).isEqualTo(201);
    JsonObject data =
        TicketStream.first(gateway, ticketId, EventTypes.TICKET_RATED).getJsonObject("data");
    assertThat(data.getString("via")).isEqualTo("phone");
    assertThat(data.getString("comment")).isEqualTo("电话回访：仍未修好");
    assertThat(TicketStream.first(gateway, ticketId, EventTypes.TICKET_REOPEN_REQUESTED))
        .isNotNull();

    Map<String, String> before = RedisSnapshot.of(gateway.prefix());
    HttpResponse<String> again = phone(ticketId, body, StatusClient.CONSUMER_KEY);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(again.body()).getString("result")).isEqualTo("duplicate");
    assertThat(
            phone(ticketId, "{\"rating\":\"satisfied\"}", StatusClient.CONSUMER_KEY).statusCode())
        .isEqualTo(409);
    assertThat(phone(ticketId, "{\"rating\":\"great\"}", StatusClient.CONSUMER_KEY).statusCode())
        .isEqualTo(400);
    assertThat(phone(UUID.randomUUID().toString(), body, StatusClient.CONSUMER_KEY).statusCode())
        .isEqualTo(404);
    assertThat(phone(ticketId, body, "wrong-key-0123456789").statusCode()).isEqualTo(401);
    assertThat(RedisSnapshot.of(gateway.prefix())).isEqualTo(before);
    assertThat(TicketStream.all(gateway, ticketId, EventTypes.TICKET_RATED)).hasSize(1);
  }

  static HttpResponse<String> phone(String ticketId, String json, String key) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create(gateway.baseUrl() + "/v1/tickets/" + ticketId + "/rating"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + key)
            .header("Idempotency-Key", "phone-" + ticketId)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String token, String query) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/rate/" + token + query)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String token, String form) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/rate/" + token))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
