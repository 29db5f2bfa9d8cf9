package cn.gov12345.intake.status;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.WebhookClient;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One idempotency rule for status reports (IETF httpapi Idempotency-Key draft): the same key with
 * the same report is a duplicate (200, the original event); the same key with another report is 422
 * {@code idempotency_key_reused} and writes nothing — it is never silently dropped as a duplicate.
 */
class StatusIdempotencyIT {

  static TestGateway gateway;
  static StatusClient client;

  @BeforeAll
  static void start() throws IOException {
    gateway = TestGateway.start(StatusClient.YAML, Clock.systemUTC());
    client = new StatusClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aClosedReportWithAReusedKeyIs422AndWritesNothing() {
    JsonObject ticket = LookupIT.open(gateway);
    String id = ticket.getString("ticketId");
    String webhookId = WebhookClient.newId();

    HttpResponse<String> first =
        client.report(id, webhookId, "{\"status\":\"dispatched\",\"department\":\"市城管委\"}");
    HttpResponse<String> closed = client.report(id, webhookId, "{\"status\":\"closed\"}");

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(closed.statusCode()).isEqualTo(422);
    assertThat(new JsonObject(closed.body()).getString("code")).isEqualTo("idempotency_key_reused");
    assertThat(statusEvents(id)).hasSize(1);
    assertThat(new JsonObject(record(ticket.getString("trackingNumber"))).getString("status"))
        .isEqualTo("dispatched");
  }

  @Test
  void theSameReportWithTheSameKeyIsStillADuplicateOfTheFirst() {
    String id = LookupIT.open(gateway).getString("ticketId");
    String webhookId = WebhookClient.newId();
    String body = "{\"status\":\"in_progress\",\"department\":\"市水务局\"}";

    HttpResponse<String> first = client.report(id, webhookId, body);
    HttpResponse<String> again = client.report(id, webhookId, body);

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(again.body()).getString("eventId"))
        .isEqualTo(new JsonObject(first.body()).getString("eventId"));
    assertThat(statusEvents(id)).hasSize(1);
  }

  private static String record(String trackingNumber) {
    return TestRedis.call(
            Command.HGET,
            gateway.keys().statusDay(0, trackingNumber.substring(0, 6)),
            trackingNumber)
        .toString();
  }

  private static List<JsonObject> statusEvents(String ticketId) {
    return TestRedis.events(gateway.keys().tickets(0)).stream()
        .map(JsonObject::new)
        .filter(e -> e.getString("type").equals(EventTypes.TICKET_STATUS))
        .filter(e -> e.getString("subject").equals(ticketId))
        .toList();
  }
}
