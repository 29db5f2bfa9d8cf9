package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.identity.Pseudonymizer;
import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.media.RedisMediaRegistry;
import cn.gov12345.intake.media.StoredMedia;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.support.AppClient;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The app submission API end to end: real HTTP, real Redis, JWTs, Idempotency-Key, media. */
class AppSubmissionIT {

  static final String SUBJECT = "app-user-10086";
  static final String SUBMISSION =
      "{\"appealType\":\"投诉\",\"text\":\"小区门口路灯坏了一个月\","
          + "\"location\":{\"address\":\"望京街道阜通东大街6号院\",\"latitude\":39.99614,"
          + "\"longitude\":116.48074,\"regionCode\":\"110105\"},"
          + "\"contact\":{\"phone\":\"13800138000\",\"name\":\"张先生\"},"
          + "\"mediaIds\":[\"m_photo\",\"m_video\"]}";
  static final StoredMedia PHOTO = stored("ab".repeat(32), 183_420, "image/jpeg");
  static final StoredMedia VIDEO = stored("cd".repeat(32), 9_437_184, "video/quicktime");

  static TestGateway gateway;
  static AppClient app;
  static Vertx vertx;
  static Redis redis;
  static byte[] identityKey;
  static String pseudonym;

  @BeforeAll
  static void start() throws IOException {
    gateway = TestGateway.start(AppClient.hs256Yaml(), Clock.systemUTC());
    app = new AppClient(gateway.baseUrl());
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(TestRedis.url()));
    identityKey = gateway.config().identity().pseudonymKey().utf8();
    pseudonym = new Pseudonymizer(identityKey).pseudonym(CitizenRef.IdScheme.APP_USER, SUBJECT);
  }

  @AfterAll
  static void stop() {
    gateway.close();
    vertx.close();
  }

  /** A file as the media store keeps it: content-addressed under its sha256. */
  static StoredMedia stored(String sha256, long size, String type) {
    return new StoredMedia(
        "file:///var/lib/intake/media/" + sha256.substring(0, 2) + "/" + sha256,
        sha256,
        size,
        type);
  }

  static void registerMedia(String owner) throws Exception {
    RedisMediaRegistry registry =
        new RedisMediaRegistry(gateway.prefix(), redis::send, Clock.systemUTC());
    await(registry.register("m_photo", owner, PHOTO, Duration.ofHours(1)));
    await(registry.register("m_video", owner, VIDEO, Duration.ofHours(1)));
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static long tickets() {
    return TestRedis.streamLength(gateway.keys().tickets(0));
  }

  static long messages() {
    return TestRedis.streamLength(gateway.keys().messages(0));
  }

  @Test
  void aSubmissionWithTwoMediaBecomesOneTicketWhoseAttachmentsCarryTheStoredFiles()
      throws Exception {
    registerMedia(pseudonym);
    long before = tickets();

    HttpResponse<String> response = app.submit(SUBJECT, AppClient.newKey(), SUBMISSION);

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Idempotent-Replayed")).isEmpty();
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("status")).isEqualTo("accepted");
    assertThat(body.getString("trackingNumber")).matches("\\d{15}");
    assertThat(body.getString("queryCode"))
        .isEqualTo(new QueryCodes(identityKey).codeFor(body.getString("trackingNumber")));
    assertThat(tickets()).isEqualTo(before + 1);
    String ticket = TestRedis.events(gateway.keys().tickets(0)).get((int) before);
    EventSchemas.assertValid(ticket);
    JsonObject data = new JsonObject(ticket).getJsonObject("data");
    assertThat(data.getString("ticketId")).isEqualTo(body.getString("ticketId"));
    assertThat(data.getString("channel")).isEqualTo("app");
    assertThat(data.getJsonObject("citizen").getString("pseudonym")).isEqualTo(pseudonym);
    JsonArray attachments = data.getJsonArray("attachments");
    assertThat(attachments).hasSize(2);
    assertThat(attachments.getJsonObject(0).getMap())
        .containsEntry("uri", PHOTO.uri())
        .containsEntry("sha256", PHOTO.sha256())
        .containsEntry("size", 183_420)
        .containsEntry("mediaType", "image/jpeg");
    assertThat(attachments.getJsonObject(1).getString("mediaType")).isEqualTo("video/quicktime");
    assertThat(ticket).doesNotContain("13800138000", "张先生", SUBJECT);
  }
}
