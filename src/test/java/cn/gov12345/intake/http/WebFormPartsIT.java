package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.CapturedLogs;
import cn.gov12345.intake.support.RedisSnapshot;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.WebFormClient;
import cn.gov12345.intake.support.WebFormClient.Part;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A form of a thousand parts (issue 12, defect 10: one 130 KB request produced 256 ERROR stack
 * traces) is a client's fault: refused with {@code too_many_parts}, logged at DEBUG at most.
 */
class WebFormPartsIT {

  static final String YAML =
      "http:\n  trustedProxies: [\"127.0.0.1/32\"]\nchannels:\n  web:\n    powMaxNumber: 1000\n";

  static TestGateway gateway;

  @BeforeAll
  static void start() throws IOException {
    gateway = TestGateway.start(YAML, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aFormOfAThousandFilePartsIsRefusedAsTooManyPartsWithoutAWarningOrAnError() {
    WebFormClient client = new WebFormClient(gateway.baseUrl(), "198.51.100.77");
    JsonObject challenge = client.challenge();
    Map<String, String> fields = client.validFields(challenge);
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      parts.add(new Part("photos", "p" + i + ".png", "image/png", new byte[40]));
    }
    Map<String, String> before = RedisSnapshot.of(gateway.prefix());
    HttpResponse<String> r;
    List<String> logged;
    try (CapturedLogs logs = new CapturedLogs()) {
      r = client.submit(fields, parts, client.csrfToken());
      logged = logs.warningsAndErrors();
    }

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("too_many_parts");
    assertThat(logged).as("WARN and ERROR lines of the request").isEmpty();
    // its head was admitted (a rate-limit slot, the challenge claimed); nothing else is written
    assertThat(withoutAdmissions(RedisSnapshot.of(gateway.prefix())))
        .isEqualTo(withoutAdmissions(before));
  }

  private static Map<String, String> withoutAdmissions(Map<String, String> snapshot) {
    snapshot.keySet().removeIf(k -> k.contains(":{rl}:") || k.contains(":{web}:"));
    return snapshot;
  }
}
