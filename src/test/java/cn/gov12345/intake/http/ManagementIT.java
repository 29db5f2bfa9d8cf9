package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.WebhookClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The management port: what k8s probes and Prometheus see. */
@Tag("cluster")
class ManagementIT {

  static TestGateway gateway;

  @BeforeAll
  static void start() throws IOException {
    gateway = TestGateway.start();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void livenessAndReadinessAnswerUpWhileRedisAnswers() {
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = get("/health/ready");

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(ready.body()).getJsonObject("checks").getJsonObject("redis"))
        .isEqualTo(new JsonObject().put("status", "UP"));
  }

  @Test
  void metricsCountAcceptedDuplicateAndRejectedRequestsPerChannel() {
    WebhookClient partner = gateway.webhooks();
    String id = WebhookClient.newId();
    partner.post(id, "{\"text\":\"噪音扰民\"}");
    partner.post(id, "{\"text\":\"噪音扰民\"}");
    partner.post("{\"text\":");

    String metrics = get("/metrics").body();

    assertThat(metrics)
        .contains("intake_messages_accepted_total{channel=\"webhook\"} 1.0")
        .contains("intake_messages_duplicate_total{channel=\"webhook\"} 1.0")
        .contains("intake_requests_rejected_total{channel=\"webhook\",code=\"malformed_json\"} 1.0")
        .contains("intake_request_duration_seconds_bucket{channel=\"webhook\"")
        .contains("intake_redis_script_duration_seconds_count{script=\"accept\"}");
  }

  @Test
  void metricsCarryTheJvmProcessAndSystemMetersOperatorsDashboardsExpect() {
    String metrics = get("/metrics").body();

    assertThat(metrics)
        .contains("jvm_memory_used_bytes{area=\"heap\"")
        .contains("jvm_gc_")
        .contains("jvm_threads_live_threads")
        .contains("jvm_classes_loaded_classes")
        .contains("process_cpu_usage")
        .contains("process_uptime_seconds")
        .contains("system_cpu_count");
  }

  @Test
  void thePublicPortServesNoManagementEndpoints() {
    HttpResponse<String> response =
        WebhookClient.send(
            HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/metrics")).build());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(response.body()).getString("code")).isEqualTo("not_found");
  }

  private static HttpResponse<String> get(String path) {
    return WebhookClient.send(
        HttpRequest.newBuilder(URI.create(gateway.managementUrl() + path)).build());
  }
}
