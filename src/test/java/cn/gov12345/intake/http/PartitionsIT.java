package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.WebhookClient;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** P partitions: citizens spread over them, one citizen stays in one, every key is hash-tagged. */
@Tag("cluster")
class PartitionsIT {

  static final Pattern TAG = Pattern.compile("\\{p(\\d+)}");

  @Test
  void citizensSpreadOverPartitionsAndOneCitizenStaysInOne() throws Exception {
    try (TestGateway gateway = TestGateway.start("stream:\n  partitions: 4\n", Clock.systemUTC())) {
      WebhookClient partner = gateway.webhooks();
      for (int i = 0; i < 40; i++) {
        String phone = "1380013" + String.format("%04d", i);
        assertThat(partner.post(body(phone, "第一条")).statusCode()).isEqualTo(202);
        assertThat(partner.post(body(phone, "第二条")).statusCode()).isEqualTo(202);
      }

      long total = 0;
      Set<String> seen = new HashSet<>();
      int used = 0;
      for (int p = 0; p < 4; p++) {
        long length = TestRedis.streamLength(gateway.keys().messages(p));
        total += length;
        used += length > 0 ? 1 : 0;
        for (String event : TestRedis.events(gateway.keys().messages(p))) {
          seen.add(pseudonymOf(event) + "@" + p);
        }
      }
      assertThat(total).isEqualTo(80);
      assertThat(used).isGreaterThan(1);
      assertThat(seen).as("each pseudonym appears in exactly one partition").hasSize(40);
    }
  }

  @Test
  void everyKeyOfAPartitionCarriesItsHashTag() throws Exception {
    try (TestGateway gateway = TestGateway.start("stream:\n  partitions: 3\n", Clock.systemUTC())) {
      for (int i = 0; i < 12; i++) {
        gateway.webhooks().post(body("1390013" + String.format("%04d", i), "路面塌陷"));
      }

      List<String> keys = TestRedis.keys(gateway.prefix());

      assertThat(keys).isNotEmpty();
      for (String key : keys) {
        Matcher m = TAG.matcher(key);
        assertThat(m.find()).as(key).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isBetween(0, 2);
        assertThat(key).startsWith(gateway.prefix() + ":{p" + m.group(1) + "}:");
      }
    }
  }

  private static String body(String phone, String text) {
    return "{\"text\":\"" + text + "\",\"citizen\":{\"phone\":\"" + phone + "\"}}";
  }

  private static String pseudonymOf(String event) {
    return new JsonObject(event).getString("partitionkey");
  }
}
