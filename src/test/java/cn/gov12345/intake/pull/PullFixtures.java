package cn.gov12345.intake.pull;

import cn.gov12345.intake.config.PullConsumerConfig;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.WebhookClient;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Consumers, keys and helpers shared by the pull API tests. */
final class PullFixtures {

  static final String DISPATCH_KEY = "test-dispatch-key-0123456789abcdef";
  static final String STATUS_KEY = "test-status-key-0123456789abcdef";
  static final String STATUS_TYPE = "cn.gov12345.intake.ticket.status.v1";

  private PullFixtures() {}

  /** Three partitions, two consumers (one sees only status events), fast SSE timers. */
  static String yaml(String sseExtra) {
    return "stream:\n"
        + "  partitions: 3\n"
        + "pull:\n"
        + "  sse:\n"
        + "    pollInterval: 50ms\n"
        + "    heartbeat: 300ms\n"
        + sseExtra
        + "  consumers:\n"
        + "    dispatch:\n"
        + "      keySha256: "
        + PullConsumerConfig.sha256Hex(DISPATCH_KEY)
        + "\n"
        + "    status-only:\n"
        + "      keySha256: "
        + PullConsumerConfig.sha256Hex(STATUS_KEY)
        + "\n"
        + "      eventTypes: ["
        + STATUS_TYPE
        + "]\n";
  }

  /** Accepts one submission of a distinct citizen and returns its ticket id. */
  static String submit(TestGateway gateway, int n) {
    HttpResponse<String> r =
        gateway
            .webhooks()
            .post(
                "{\"text\":\"路灯不亮\",\"citizen\":{\"phone\":\"1380013"
                    + String.format("%04d", n)
                    + "\"}}");
    if (r.statusCode() != 202) {
      throw new IllegalStateException("not accepted: " + r.body());
    }
    return new JsonObject(r.body()).getString("ticketId");
  }

  /** GET on the public port with an optional Bearer key. */
  static HttpResponse<String> get(TestGateway gateway, String pathAndQuery, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + pathAndQuery));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return WebhookClient.send(b.build());
  }

  /**
   * The ticket event ids of every partition in the order the pull API promises: by stream entry id,
   * then partition.
   */
  static List<String> expectedOrder(TestGateway gateway) {
    record Row(String entryId, int partition, String eventId) {}
    List<Row> rows = new ArrayList<>();
    for (int p = 0; p < gateway.keys().partitions(); p++) {
      for (Response entry : TestRedis.call(Command.XRANGE, gateway.keys().tickets(p), "-", "+")) {
        Response fields = entry.get(1);
        for (int i = 0; i < fields.size(); i += 2) {
          if (fields.get(i).toString().equals("event")) {
            String event = fields.get(i + 1).toString();
            rows.add(new Row(entry.get(0).toString(), p, new JsonObject(event).getString("id")));
          }
        }
      }
    }
    rows.sort(Comparator.comparing(Row::entryId, StreamIds.ORDER).thenComparingInt(Row::partition));
    return rows.stream().map(Row::eventId).toList();
  }

  /** Appends a status event the way a later channel would, for type filtering. */
  static String appendStatus(TestGateway gateway, int partition, String id) {
    String event =
        new JsonObject()
            .put("specversion", "1.0")
            .put("id", id)
            .put("source", "/test")
            .put("type", STATUS_TYPE)
            .encode();
    TestRedis.call(
        Command.XADD, gateway.keys().tickets(partition), "*", "type", STATUS_TYPE, "event", event);
    return id;
  }

  static List<String> ids(JsonObject page) {
    return page.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("id")).toList();
  }
}
