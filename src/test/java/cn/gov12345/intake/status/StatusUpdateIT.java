package cn.gov12345.intake.status;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.WebhookClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/tickets/{ticketId}/status}: reports in, events out, lookup shows them. */
@Tag("cluster")
class StatusUpdateIT {

  static TestGateway gateway;
  static StatusClient client;
  static QueryCodes codes;

  @BeforeAll
  static void start() throws IOException {
    gateway = TestGateway.start(StatusClient.YAML, Clock.systemUTC());
    client = new StatusClient(gateway.baseUrl());
    codes = new QueryCodes(gateway.config().identity().pseudonymKey().utf8());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void reportsAreRecordedAsValidStatusEventsAndTheCitizenSeesThem() {
    JsonObject ticket = LookupIT.open(gateway);
    String id = ticket.getString("ticketId");
    String number = ticket.getString("trackingNumber");

    HttpResponse<String> dispatched =
        client.report(id, "{\"status\":\"dispatched\",\"department\":\"朝阳区水务局\"}");
    HttpResponse<String> working =
        client.report(id, "{\"status\":\"in_progress\",\"note\":\"已安排维修人员到场\"}");
    HttpResponse<String> replied =
        client.report(
            id,
            "{\"status\":\"replied\",\"reply\":\"管道已修复，今晚恢复供水。\","
                + "\"at\":\"2026-11-26T10:00:00+08:00\"}");

    assertThat(List.of(dispatched, working, replied)).allMatch(r -> r.statusCode() == 202);
    JsonObject recorded = new JsonObject(replied.body());
    assertThat(recorded.getString("result")).isEqualTo("recorded");
    assertThat(recorded.getString("previousStatus")).isEqualTo("in_progress");
    assertThat(recorded.getString("trackingNumber")).isEqualTo(number);
    List<JsonObject> events = statusEvents(id);
    assertThat(events).hasSize(3);
    events.forEach(e -> EventSchemas.assertValid(e.encode()));
    JsonObject last = events.get(2);
    assertThat(last.getString("source")).isEqualTo("/destinations/work-orders");
    assertThat(last.getString("id")).isEqualTo(recorded.getString("eventId"));
    assertThat(last.getJsonObject("data").getString("at")).isEqualTo("2026-11-26T02:00:00Z");

    JsonObject seen = new JsonObject(client.lookup(number, codes.codeFor(number, id)).body());
    assertThat(seen.getString("status")).isEqualTo("replied");
    assertThat(seen.getString("reply")).isEqualTo("管道已修复，今晚恢复供水。");
    JsonArray history = seen.getJsonArray("history");
    assertThat(history.stream().map(h -> ((JsonObject) h).getString("status")))
        .containsExactly("received", "dispatched", "in_progress", "replied");
    assertThat(history.getJsonObject(1).getString("department")).isEqualTo("朝阳区水务局");
    assertThat(history.getJsonObject(2).getString("note")).isEqualTo("已安排维修人员到场");
    assertThat(seen.encode()).doesNotContain("work-orders");
    long ttl =
        TestRedis.call(Command.TTL, gateway.keys().statusDay(0, number.substring(0, 6))).toLong();
    assertThat(ttl)
        .as("the day's records live status.retention")
        .isBetween(399 * 86400L, 400 * 86400L);
  }

  @Test
  void aRepeatedReportIsRecordedOnceAndAnsweredWithTheOriginalEvent() {
    String id = LookupIT.open(gateway).getString("ticketId");
    String webhookId = WebhookClient.newId();
    String body = "{\"status\":\"dispatched\",\"department\":\"市城管委\"}";

    HttpResponse<String> first = client.report(id, webhookId, body);
    HttpResponse<String> again = client.report(id, webhookId, body);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(again.body()).getString("result")).isEqualTo("duplicate");
    assertThat(new JsonObject(again.body()).getString("eventId"))
        .isEqualTo(new JsonObject(first.body()).getString("eventId"));
    assertThat(statusEvents(id)).hasSize(1);
  }

  @Test
  void forgedStaleOrMissingCredentialsAre401AndWriteNothing() {
    JsonObject ticket = LookupIT.open(gateway);
    String id = ticket.getString("ticketId");
    byte[] body = "{\"status\":\"closed\"}".getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    String recordBefore = record(ticket.getString("trackingNumber"));
    long streamBefore = TestRedis.streamLength(gateway.keys().tickets(0));

    List<HttpRequest> hostile =
        List.of(
            client.signed(id, "msg_1", now, body, "v1,Zm9yZ2VkIHNpZ25hdHVyZQ==").build(),
            client.signed(id, "msg_2", now, body, client.signature("msg_other", now, body)).build(),
            client
                .signed(id, "msg_3", now - 3600, body, client.signature("msg_3", now - 3600, body))
                .build(),
            client.unsigned(id, body).build(),
            client.unsigned(id, body).header("Authorization", "Bearer not-a-key").build());

    for (HttpRequest request : hostile) {
      HttpResponse<String> refused = WebhookClient.send(request);
      assertThat(refused.statusCode()).as(request.headers().toString()).isEqualTo(401);
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
    assertThat(record(ticket.getString("trackingNumber"))).isEqualTo(recordBefore);
    assertThat(TestRedis.streamLength(gateway.keys().tickets(0))).isEqualTo(streamBefore);
    assertThat(TestRedis.keys(gateway.prefix() + ":{p0}:dedup:status"))
        .noneMatch(k -> k.endsWith(":msg_1") || k.endsWith(":msg_2") || k.endsWith(":msg_3"));
  }

  @Test
  void aSignedReportCapturedForOneTicketIsRefusedOnAnother() {
    JsonObject victim = LookupIT.open(gateway);
    String victimId = victim.getString("ticketId");
    String ownId = LookupIT.open(gateway).getString("ticketId");
    long now = Instant.now().getEpochSecond();
    String recordBefore = record(victim.getString("trackingNumber"));
    // a report signed for the reporter's own ticket, and one in the old shape naming no ticket
    byte[] forOwn =
        StatusClient.named(ownId, "{\"status\":\"closed\"}").getBytes(StandardCharsets.UTF_8);
    byte[] unnamed = "{\"status\":\"closed\"}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> replayed =
        WebhookClient.send(
            client
                .signed(victimId, "cap-1", now, forOwn, client.signature("cap-1", now, forOwn))
                .build());
    HttpResponse<String> anonymous =
        WebhookClient.send(
            client
                .signed(victimId, "cap-2", now, unnamed, client.signature("cap-2", now, unnamed))
                .build());

    assertThat(replayed.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(replayed.body()).getString("code")).isEqualTo("invalid_request");
    assertThat(anonymous.statusCode()).isEqualTo(400);
    assertThat(statusEvents(victimId)).isEmpty();
    assertThat(record(victim.getString("trackingNumber"))).isEqualTo(recordBefore);
    assertThat(TestRedis.keys(gateway.prefix() + ":{p0}:dedup:status"))
        .noneMatch(k -> k.endsWith(":cap-1") || k.endsWith(":cap-2"));
  }

  @Test
  void aPullConsumerReportsWithItsApiKeyAndAnIdempotencyKey() {
    String id = LookupIT.open(gateway).getString("ticketId");
    byte[] body = "{\"status\":\"in_progress\"}".getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder withKey =
        client.unsigned(id, body).header("Authorization", "Bearer " + StatusClient.CONSUMER_KEY);

    HttpResponse<String> noIdempotencyKey = WebhookClient.send(withKey.copy().build());
    HttpResponse<String> recorded =
        WebhookClient.send(withKey.copy().header("Idempotency-Key", "k-1").build());
    HttpResponse<String> repeated =
        WebhookClient.send(withKey.copy().header("Idempotency-Key", "k-1").build());

    assertThat(noIdempotencyKey.statusCode()).isEqualTo(400);
    assertThat(recorded.statusCode()).isEqualTo(202);
    assertThat(repeated.statusCode()).isEqualTo(200);
    List<JsonObject> events = statusEvents(id);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getString("source")).isEqualTo("/consumers/dispatch");
    EventSchemas.assertValid(events.get(0).encode());
  }

  @Test
  void aClosedTicketMovesBackOnlyWhenReopenedExplicitly() {
    JsonObject ticket = LookupIT.open(gateway);
    String id = ticket.getString("ticketId");
    assertThat(client.report(id, "{\"status\":\"closed\"}").statusCode()).isEqualTo(202);

    HttpResponse<String> back = client.report(id, "{\"status\":\"in_progress\"}");
    HttpResponse<String> reopened =
        client.report(id, "{\"status\":\"in_progress\",\"reopen\":true,\"note\":\"市民不满意，重新办理\"}");

    assertThat(back.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(back.body()).getString("code")).isEqualTo("status_conflict");
    assertThat(reopened.statusCode()).isEqualTo(202);
    List<JsonObject> events = statusEvents(id);
    assertThat(events).hasSize(2);
    assertThat(events.get(1).getJsonObject("data").getBoolean("reopened")).isTrue();
    EventSchemas.assertValid(events.get(1).encode());
  }

  @Test
  void anUnknownOrMalformedTicketIdIs404AndWritesNothing() {
    long before = TestRedis.streamLength(gateway.keys().tickets(0));

    HttpResponse<String> unknown =
        client.report("019bc1f3-6a00-7d10-8b2e-77a1c0f3e5d9", "{\"status\":\"closed\"}");
    HttpResponse<String> malformed = client.report("..%2F..%2Fx", "{\"status\":\"closed\"}");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(unknown.body()).getString("code")).isEqualTo("unknown_ticket");
    assertThat(malformed.statusCode()).isEqualTo(404);
    assertThat(TestRedis.streamLength(gateway.keys().tickets(0))).isEqualTo(before);
  }

  @Test
  void invalidReportsAre400Or413Or415AndWriteNothing() {
    String id = LookupIT.open(gateway).getString("ticketId");
    String future = Instant.now().plusSeconds(3600).toString();
    List<String> invalid =
        List.of(
            "{\"status\":\"received\"}",
            "{\"status\":\"dispatched\"}",
            "{\"status\":\"replied\"}",
            "{\"status\":\"in_progress\",\"reply\":\"x\"}",
            "{\"status\":\"done\"}",
            "{\"status\":\"closed\",\"at\":\"" + future + "\"}",
            "{\"status\":\"closed\",\"at\":\"yesterday\"}",
            "{\"status\":\"closed\",\"extra\":1}",
            "{\"status\":\"closed\",\"status\":\"closed\"}",
            "{\"status\":\"closed\",\"note\":\"" + "长".repeat(2001) + "\"}",
            "{\"status\":\"clo",
            "[]");
    for (String body : invalid) {
      HttpResponse<String> refused = client.report(id, body);
      assertThat(refused.statusCode()).as(body).isEqualTo(400);
    }
    byte[] gbk =
        "{\"status\":\"closed\",\"note\":\"办结\"}".getBytes(java.nio.charset.Charset.forName("GBK"));
    long now = Instant.now().getEpochSecond();
    HttpResponse<String> wrongCharset =
        WebhookClient.send(
            client.signed(id, "m-gbk", now, gbk, client.signature("m-gbk", now, gbk)).build());
    byte[] big = new byte[20_000];
    HttpResponse<String> oversized =
        WebhookClient.send(
            client.signed(id, "m-big", now, big, client.signature("m-big", now, big)).build());
    byte[] ok = "{\"status\":\"closed\"}".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> text =
        WebhookClient.send(
            client
                .signed(id, "m-txt", now, ok, client.signature("m-txt", now, ok))
                .setHeader("Content-Type", "text/plain")
                .build());

    assertThat(wrongCharset.statusCode()).isEqualTo(400);
    assertThat(oversized.statusCode()).isEqualTo(413);
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(statusEvents(id)).isEmpty();
  }

  private static String record(String trackingNumber) {
    var r =
        TestRedis.call(
            Command.HGET,
            gateway.keys().statusDay(0, trackingNumber.substring(0, 6)),
            trackingNumber);
    return r == null ? null : r.toString();
  }

  /** The status events of one ticket in the tickets stream, oldest first. */
  static List<JsonObject> statusEvents(String ticketId) {
    return TestRedis.events(gateway.keys().tickets(0)).stream()
        .map(JsonObject::new)
        .filter(e -> e.getString("type").equals(EventTypes.TICKET_STATUS))
        .filter(e -> e.getString("subject").equals(ticketId))
        .toList();
  }
}
