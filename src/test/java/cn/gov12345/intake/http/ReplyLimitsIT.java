package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TicketStream;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** replies.perCitizen: one citizen's address gets at most so many messages per window. */
@Tag("cluster")
class ReplyLimitsIT {

  static final HttpClient HTTP = HttpClient.newHttpClient();
  static TestGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway =
        TestGateway.start(
            StatusClient.YAML
                + "replies:\n  enabled: true\n  perCitizen: [ { max: 1, window: 1h } ]\n",
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aSecondMessageToTheSameCitizenWaitsForTheWindowUnlessItIsUrgent() throws Exception {
    String first = open("13700137000");
    String second = open("13700137000");
    assertThat(reply(first, false).statusCode()).isEqualTo(202);
    Eventually.get(() -> TicketStream.first(gateway, first, EventTypes.CALLBACK_REQUESTED));

    assertThat(reply(second, false).statusCode()).isEqualTo(202);
    Thread.sleep(2000);
    assertThat(TicketStream.all(gateway, second, EventTypes.REPLY_REQUESTED)).hasSize(1);
    assertThat(TicketStream.all(gateway, second, EventTypes.CALLBACK_REQUESTED)).isEmpty();
    assertThat(waitingAttempts())
        .as("a message waiting for the window is deferred: it has used no attempt")
        .containsExactly("0");

    assertThat(reply(second, true).statusCode()).isEqualTo(202);
    JsonObject urgent =
        Eventually.get(() -> TicketStream.first(gateway, second, EventTypes.CALLBACK_REQUESTED));
    assertThat(urgent.getJsonObject("data").getString("text")).contains("紧急");
  }

  /** The attempts made by each reply-worker entry waiting in the retry schedule. */
  static java.util.List<String> waitingAttempts() {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (int p = 0; p < gateway.keys().partitions(); p++) {
      String data = gateway.keys().retryData(p, "replies");
      for (var id :
          cn.gov12345.intake.support.TestRedis.call(
              io.vertx.redis.client.Command.ZRANGE,
              gateway.keys().retrySchedule(p, "replies"),
              0,
              -1)) {
        String meta =
            cn.gov12345.intake.support.TestRedis.call(
                    io.vertx.redis.client.Command.HGET, data, "m:" + id)
                .toString();
        out.add(meta.substring(0, meta.indexOf('|')));
      }
    }
    return out;
  }

  static String open(String phone) {
    HttpResponse<String> r =
        gateway
            .webhooks()
            .post(
                "{\"appealType\":\"投诉\",\"text\":\"噪音扰民\",\"citizen\":{\"phone\":\""
                    + phone
                    + "\"}}");
    assertThat(r.statusCode()).isEqualTo(202);
    return new JsonObject(r.body()).getString("ticketId");
  }

  static HttpResponse<String> reply(String ticketId, boolean urgent) throws Exception {
    String text = urgent ? "紧急：明日停水" : "已转办";
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create(gateway.baseUrl() + "/v1/tickets/" + ticketId + "/replies"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + StatusClient.CONSUMER_KEY)
            .header("Idempotency-Key", "k-" + urgent)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"text\":\"" + text + "\",\"urgent\":" + urgent + "}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
