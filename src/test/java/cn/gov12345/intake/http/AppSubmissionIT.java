package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.app.AppUser;
import cn.gov12345.intake.app.IdempotencyCheck;
import cn.gov12345.intake.app.IdempotencyStore;
import cn.gov12345.intake.app.RedisIdempotencyStore;
import cn.gov12345.intake.channel.app.AppChannel;
import cn.gov12345.intake.channel.app.AppSubmission;
import cn.gov12345.intake.identity.Pseudonymizer;
import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.media.RedisMediaRegistry;
import cn.gov12345.intake.media.StoredMedia;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.support.AppClient;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestIdentity;
import cn.gov12345.intake.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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

  /** The state a first request leaves while it is still being processed: its key locked. */
  static IdempotencyCheck beginElsewhere(String subject, String key, String json) throws Exception {
    AppUser user =
        new AppUser(
            subject,
            new Pseudonymizer(identityKey).pseudonym(CitizenRef.IdScheme.APP_USER, subject));
    AppSubmission s = channel().read(key, json.getBytes(StandardCharsets.UTF_8));
    return await(
        idempotency()
            .begin(
                new IdempotencyStore.Scope(user.pseudonym(), s.keyHash()),
                AppChannel.dedupKey(user, s),
                s.fingerprint()));
  }

  static AppChannel channel() {
    return new AppChannel(
        gateway.config().channels().app(), TestIdentity.phones(), Clock.systemUTC());
  }

  static RedisIdempotencyStore idempotency() {
    return new RedisIdempotencyStore(
        gateway.keys(), Duration.ofHours(48), Duration.ofSeconds(30), redis::send);
  }

  static String lockOf(String subject, String key) {
    List<String> locks =
        TestRedis.keys(gateway.prefix()).stream()
            .filter(k -> k.endsWith(":lock"))
            .filter(
                k ->
                    k.contains(
                        new Pseudonymizer(identityKey)
                            .pseudonym(CitizenRef.IdScheme.APP_USER, subject)))
            .toList();
    assertThat(locks).hasSize(1);
    return locks.get(0);
  }

  @Test
  void theSameKeyAndBodyReplaysTheStoredAnswerAndOpensNoSecondTicket() {
    String key = AppClient.newKey();
    String text = "{\"appealType\":\"求助\",\"text\":\"独居老人摔倒需要帮助\"}";
    HttpResponse<String> first = app.submit("u-replay", key, text);
    long ticketsAfterFirst = tickets();
    long messagesAfterFirst = messages();

    HttpResponse<String> again = app.submit("u-replay", key, text);
    HttpResponse<String> reformatted =
        app.submit("u-replay", key, "{ \"text\": \"独居老人摔倒需要帮助\",\n \"appealType\": \"求助\" }");

    assertThat(first.statusCode()).isEqualTo(201);
    for (HttpResponse<String> replay : List.of(again, reformatted)) {
      assertThat(replay.statusCode()).isEqualTo(201);
      assertThat(replay.body()).isEqualTo(first.body());
      assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
    }
    assertThat(tickets()).isEqualTo(ticketsAfterFirst);
    assertThat(messages()).isEqualTo(messagesAfterFirst);
  }

  @Test
  void theSameKeyFromAnotherUserIsAnotherRequest() {
    String key = AppClient.newKey();
    String text = "{\"appealType\":\"建议\",\"text\":\"建议增设公交站\"}";
    JsonObject mine = new JsonObject(app.submit("u-a", key, text).body());
    HttpResponse<String> theirs = app.submit("u-b", key, text);

    assertThat(theirs.statusCode()).isEqualTo(201);
    assertThat(theirs.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(new JsonObject(theirs.body()).getString("ticketId"))
        .isNotEqualTo(mine.getString("ticketId"));
  }

  @Test
  void theSameKeyWithAChangedBodyIsRefusedWith422AndWritesNothing() {
    String key = AppClient.newKey();
    app.submit("u-change", key, "{\"appealType\":\"投诉\",\"text\":\"噪音扰民\"}");
    long before = tickets();

    HttpResponse<String> changed =
        app.submit("u-change", key, "{\"appealType\":\"投诉\",\"text\":\"噪音扰民，每晚到凌晨\"}");

    assertThat(changed.statusCode()).isEqualTo(422);
    assertThat(new JsonObject(changed.body()).getString("code"))
        .isEqualTo("idempotency_key_reused");
    assertThat(tickets()).isEqualTo(before);
  }

  @Test
  void aRetryWhileTheFirstRequestIsInFlightIsRefusedWith409ThenProceedsOnceItsLockExpires()
      throws Exception {
    String key = AppClient.newKey();
    String text = "{\"appealType\":\"举报\",\"text\":\"工地夜间违规施工\"}";
    assertThat(beginElsewhere("u-crash", key, text).outcome())
        .isEqualTo(IdempotencyCheck.Outcome.PROCEED);
    long before = tickets();

    HttpResponse<String> meanwhile = app.submit("u-crash", key, text);
    assertThat(meanwhile.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(meanwhile.body()).getString("code"))
        .isEqualTo("idempotency_key_in_use");
    assertThat(tickets()).isEqualTo(before);

    // the first request died: its lock runs out (moved forward here instead of waiting 30 s)
    TestRedis.call(Command.PEXPIRE, lockOf("u-crash", key), "1");
    Thread.sleep(5);
    HttpResponse<String> retry = app.submit("u-crash", key, text);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(tickets()).isEqualTo(before + 1);
  }

  @Test
  void anAcceptedRequestIsReplayedEvenWhileAStaleLockIsHeld() throws Exception {
    String key = AppClient.newKey();
    String text = "{\"appealType\":\"咨询\",\"text\":\"社保卡如何补办\"}";
    HttpResponse<String> first = app.submit("u-stale", key, text);
    TestRedis.call(Command.SET, lockOf("u-stale", key) + "", "someone-else", "PX", "30000");

    HttpResponse<String> retry = app.submit("u-stale", key, text);

    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
  }

  @Test
  void unknownOrForeignMediaAreRefusedWith422AndTheKeyStaysUsableForACorrectedBody()
      throws Exception {
    registerMedia("someone-else");
    String key = AppClient.newKey();
    long before = tickets();
    HttpResponse<String> foreign =
        app.submit(
            "u-media", key, "{\"appealType\":\"投诉\",\"text\":\"见附图\",\"mediaIds\":[\"m_photo\"]}");
    HttpResponse<String> unknown =
        app.submit(
            "u-media",
            AppClient.newKey(),
            "{\"appealType\":\"投诉\",\"text\":\"见附图\",\"mediaIds\":[\"m_never\"]}");

    for (HttpResponse<String> r : List.of(foreign, unknown)) {
      assertThat(r.statusCode()).isEqualTo(422);
      assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("unknown_media");
      assertThat(new JsonObject(r.body()).getString("detail")).contains("mediaIds[0]");
    }
    assertThat(tickets()).isEqualTo(before);
    HttpResponse<String> corrected =
        app.submit("u-media", key, "{\"appealType\":\"投诉\",\"text\":\"见附图（图片稍后补充）\"}");
    assertThat(corrected.statusCode()).isEqualTo(201);
  }

  @Test
  void theOpenApiDocumentIsServedAsYamlAndJson() {
    HttpResponse<String> yaml = app.get("/channels/app/v1/openapi.yaml");
    HttpResponse<String> json = app.get("/channels/app/v1/openapi.json");

    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.body()).startsWith("openapi: 3.1.0");
    assertThat(json.statusCode()).isEqualTo(200);
    JsonObject doc = new JsonObject(json.body());
    assertThat(doc.getJsonObject("paths").containsKey("/channels/app/v1/submissions")).isTrue();
    assertThat(doc.getJsonObject("components").getJsonObject("schemas").containsKey("Submission"))
        .isTrue();
  }
}
