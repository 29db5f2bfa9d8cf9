package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.AppClient;
import cn.gov12345.intake.support.AppTokens;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import com.nimbusds.jose.util.Base64URL;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken app requests end to end: each gets its 4xx, a stable code and a sentence, and
 * nothing is written to Redis (no stream entry, no idempotency record).
 */
class AppRefusalsIT {

  static final String BODY = "{\"appealType\":\"投诉\",\"text\":\"楼道堆放杂物\"}";

  static TestGateway gateway;
  static AppClient app;

  @BeforeAll
  static void start() throws IOException {
    gateway = TestGateway.start(AppClient.hs256Yaml(), Clock.systemUTC());
    app = new AppClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @AfterEach
  void nothingWasWritten() {
    assertThat(TestRedis.streamLength(gateway.keys().messages(0))).isZero();
    assertThat(TestRedis.streamLength(gateway.keys().tickets(0))).isZero();
    assertThat(TestRedis.keys(gateway.prefix())).noneMatch(k -> k.contains(":idem:"));
  }

  static HttpResponse<String> post(String token, String key, byte[] body) {
    return AppClient.send(app.request(token, key, body).build());
  }

  static HttpResponse<String> post(String token) {
    return post(token, AppClient.newKey(), BODY.getBytes(StandardCharsets.UTF_8));
  }

  static void assertRefused(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonObject problem = new JsonObject(r.body());
    assertThat(problem.getString("code")).isEqualTo(code);
    assertThat(problem.getString("detail")).isNotBlank();
  }

  @Test
  void aRequestWithoutATokenIsUnauthorized() {
    assertRefused(post(null), 401, "unauthorized");
  }

  @Test
  void forgedExpiredForeignAndUnsignedTokensAreRefusedWithABearerChallenge() {
    Instant now = Instant.now();
    String forged =
        AppTokens.hs256(
            "a-different-secret-of-32-bytes-at-least", AppTokens.claims("u", now).build());
    String expired =
        AppTokens.hs256(
            AppTokens.HS256_SECRET,
            AppTokens.claims("u", now.minus(Duration.ofHours(2)))
                .expirationTime(Date.from(now.minus(Duration.ofHours(1))))
                .build());
    String otherApp =
        AppTokens.hs256(
            AppTokens.HS256_SECRET, AppTokens.claims("u", now).audience("other").build());
    String unsigned =
        Base64URL.encode("{\"alg\":\"none\"}")
            + "."
            + Base64URL.encode(AppTokens.claims("u", now).build().toString())
            + ".";

    assertRefused(post(forged), 401, "invalid_token");
    assertRefused(post(expired), 401, "token_expired");
    assertRefused(post(otherApp), 401, "invalid_token");
    assertRefused(post(unsigned), 401, "invalid_token");
    assertThat(post(forged).headers().firstValue("WWW-Authenticate"))
        .contains("Bearer error=\"invalid_token\"");
  }

  @Test
  void aPostWithoutAnIdempotencyKeyIsRefused() {
    HttpResponse<String> r =
        post(AppClient.token("u"), null, BODY.getBytes(StandardCharsets.UTF_8));
    assertRefused(r, 400, "missing_header");
    assertThat(new JsonObject(r.body()).getString("detail")).contains("Idempotency-Key");
  }

  @Test
  void anOversizedBodyIsRefusedBeforeItIsRead() {
    String big = "{\"appealType\":\"投诉\",\"text\":\"" + "很".repeat(30_000) + "\"}";
    assertRefused(
        post(AppClient.token("u"), AppClient.newKey(), big.getBytes(StandardCharsets.UTF_8)),
        413,
        "body_too_large");
  }

  @Test
  void truncatedGbkAndNonObjectBodiesAreMalformed() {
    String token = AppClient.token("u");
    for (byte[] body :
        List.of(
            BODY.substring(0, 20).getBytes(StandardCharsets.UTF_8),
            BODY.getBytes(Charset.forName("GBK")),
            "[]".getBytes(StandardCharsets.UTF_8),
            new byte[0])) {
      assertRefused(post(token, AppClient.newKey(), body), 400, "malformed_json");
    }
  }

  @Test
  void otherContentTypesAndCharsetsAreUnsupported() {
    for (String type : List.of("text/plain", "application/json; charset=gbk", "application/xml")) {
      HttpRequest request =
          app.request(
                  AppClient.token("u"), AppClient.newKey(), BODY.getBytes(StandardCharsets.UTF_8))
              .setHeader("Content-Type", type)
              .build();
      assertRefused(AppClient.send(request), 415, "unsupported_media_type");
    }
  }

  @Test
  void aBodyOutsideTheOpenApiSchemaIsAnInvalidSubmission() {
    byte[] body =
        "{\"appealType\":\"抱怨\",\"text\":\"x\",\"location\":{\"latitude\":200}}"
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = post(AppClient.token("u"), AppClient.newKey(), body);

    assertRefused(r, 400, "invalid_submission");
    assertThat(new JsonObject(r.body()).getString("detail"))
        .contains("/appealType")
        .contains("/location/latitude");
  }
}
