package cn.gov12345.intake.upload;

import static cn.gov12345.intake.upload.UploadQuotaIT.code;
import static cn.gov12345.intake.upload.UploadQuotaIT.create;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.UploadClient;
import cn.gov12345.intake.support.UploadGateway;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Configured quotas: the gateway-wide limit, and expiry giving the slots back. */
class UploadQuotaLimitsIT {

  @RegisterExtension
  static final UploadGateway UP =
      new UploadGateway(
          "  uploadExpiry: 2s\n  sweepInterval: 200ms\n"
              + "  uploadQuota:\n    perUserOpen: 2\n    globalOpen: 3\n    globalBytes: 10000\n",
          "citizen-limits");

  @Test
  void theGatewayWideLimitRefusesEveryoneAndExpiredUploadsGiveTheirSlotsBack() {
    UploadClient a = new UploadClient(UP.gateway().baseUrl(), "limits-a");
    UploadClient b = new UploadClient(UP.gateway().baseUrl(), "limits-b");
    UploadClient c = new UploadClient(UP.gateway().baseUrl(), "limits-c");
    a.create(1000, "");
    a.create(1000, "");
    assertThat(create(a, 1000).statusCode()).isEqualTo(429);
    b.create(1000, "");

    HttpResponse<String> full = create(c, 1000);
    assertThat(full.statusCode()).isEqualTo(429);
    assertThat(code(full)).isEqualTo("upload_quota_exceeded");
    assertThat(new JsonObject(full.body()).getString("detail")).contains("try again later");

    // nobody writes to them: they expire, and their quota entries go with them
    Eventually.await(
        Duration.ofSeconds(15),
        () -> {
          assertThat(TestRedis.call(Command.HLEN, open()).toInteger()).isZero();
          assertThat(TestRedis.call(Command.GET, bytes()).toString()).isEqualTo("0");
        });
    assertThat(create(c, 1000).statusCode()).isEqualTo(201);
    assertThat(TestRedis.call(Command.GET, bytes()).toString()).isEqualTo("1000");
  }

  @Test
  void declaredBytesOverTheGatewayWideLimitAre429() {
    UploadClient d = new UploadClient(UP.gateway().baseUrl(), "limits-d");
    HttpResponse<String> over = create(d, 10_001);
    assertThat(over.statusCode()).isEqualTo(429);
    assertThat(code(over)).isEqualTo("upload_quota_exceeded");
  }

  private static String open() {
    return UP.gateway().prefix() + ":{uploads}:q:open";
  }

  private static String bytes() {
    return UP.gateway().prefix() + ":{uploads}:q:bytes";
  }
}
