package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.Gateway;
import cn.gov12345.intake.channel.sms.SmsFixtures;
import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.stream.StreamKeys;
import cn.gov12345.intake.support.AppClient;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.SmsClient;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.WebhookClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * Never "accepted" for something that is not in the stream: while Redis is down the sender gets 503
 * + Retry-After and readiness goes false; when Redis is back, the gateway recovers by itself.
 */
class RedisOutageIT {

  static final String BODY = "{\"text\":\"停电了\"}";

  int port;
  String prefix;
  Path dir;
  RedisServer redis;
  Gateway gateway;
  GatewayConfig config;
  WebhookClient partner;

  @BeforeEach
  void start() throws IOException {
    port = TestRedis.freePort();
    dir = Files.createTempDirectory("outage-redis");
    redis = newRedis();
    redis.start();
    prefix = TestRedis.freshPrefix();
    config =
        TestGateway.config(
            "redis://127.0.0.1:" + port,
            prefix,
            "redis:\n  commandTimeout: 1s\n  connectTimeout: 500ms\n  retryAfter: 7s\n"
                + AppClient.hs256Yaml()
                + SmsFixtures.channelYaml("10m"));
    gateway = Gateway.start(config, Clock.systemUTC());
    partner =
        new WebhookClient("http://127.0.0.1:" + gateway.httpPort(), "partner", TestGateway.SECRET);
  }

  @AfterEach
  void stop() throws IOException {
    gateway.stop();
    redis.stop();
  }

  @Test
  void whileRedisIsDownSendersGet503WithRetryAfterAndReadinessIsFalse() throws IOException {
    assertThat(partner.post(BODY).statusCode()).isEqualTo(202);
    assertThat(ready()).isEqualTo(200);

    redis.stop();
    HttpResponse<String> refused = partner.post(BODY);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).contains("7");
    assertThat(new JsonObject(refused.body()).getString("code")).isEqualTo("store_unavailable");
    assertThat(ready()).isEqualTo(503);
  }

  @Test
  void whenRedisComesBackTheSendersRetryIsAccepted() throws IOException {
    redis.stop();
    String id = WebhookClient.newId();
    assertThat(partner.post(id, BODY).statusCode()).isEqualTo(503);

    redis = newRedis();
    redis.start();

    assertThat(partner.post(id, BODY).statusCode()).isEqualTo(202);
    assertThat(partner.post(id, BODY).statusCode()).isEqualTo(200);
    assertThat(ready()).isEqualTo(200);
  }

  @Test
  void anAppSubmissionDuringTheOutageGets503AndItsRetryWithTheSameKeyOpensOneTicket()
      throws IOException {
    AppClient app = new AppClient("http://127.0.0.1:" + gateway.httpPort());
    String key = AppClient.newKey();
    String body = "{\"appealType\":\"求助\",\"text\":\"停电了，家里有呼吸机\"}";
    redis.stop();

    HttpResponse<String> refused = app.submit("u-outage", key, body);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).contains("7");
    assertThat(new JsonObject(refused.body()).getString("code")).isEqualTo("store_unavailable");

    redis = newRedis();
    redis.start();
    Eventually.await(Duration.ofSeconds(10), () -> assertThat(ready()).isEqualTo(200));
    HttpResponse<String> retry = app.submit("u-outage", key, body);
    HttpResponse<String> again = app.submit("u-outage", key, body);

    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(again.body()).isEqualTo(retry.body());
  }

  /**
   * An SmsUp batch during the outage is not answered with Alibaba's success body, so Alibaba pushes
   * it again; the push after the outage appends its texts once, and a further push is a duplicate.
   */
  @Test
  void anSmsUpPushDuringTheOutageIs503AndAlibabasNextPushAppendsItsTextsOnce() throws Exception {
    SmsClient sms = new SmsClient("http://127.0.0.1:" + gateway.httpPort(), null, config);
    String body =
        SmsClient.batch(
            SmsClient.entry(SmsClient.phone(), "停电了", SmsClient.seq()),
            SmsClient.entry(SmsClient.phone(), "电梯停了", null));
    redis.stop();

    HttpResponse<String> refused = sms.aliyun(body);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).doesNotContain("接收成功");

    redis = newRedis();
    redis.start();
    Eventually.await(Duration.ofSeconds(10), () -> assertThat(ready()).isEqualTo(200));
    HttpResponse<String> pushedAgain = sms.aliyun(body);
    HttpResponse<String> andAgain = sms.aliyun(body);

    assertThat(pushedAgain.statusCode()).isEqualTo(200);
    assertThat(andAgain.body())
        .isEqualTo(pushedAgain.body())
        .isEqualTo("{\"code\":0,\"msg\":\"接收成功\"}");
    String messages = new StreamKeys(prefix, 1).messages(0);
    assertThat(command("XLEN", messages)).as("two texts, each once").isEqualTo("2");
    assertThat(streamEntries()).as("two tickets").isEqualTo(2);
  }

  /**
   * Issue 12 item 3: a Redis that is up but refuses writes (out of memory under noeviction, or
   * MISCONF after a failed save) is not a 2xx: 503 + Retry-After, and nothing is in the streams.
   */
  @Test
  void aRedisThatRefusesWritesOutOfMemoryIsA503AndNothingIsAppended() throws Exception {
    assertThat(partner.post(BODY).statusCode()).isEqualTo(202);
    long before = streamEntries();
    command("CONFIG", "SET", "maxmemory-policy", "noeviction");
    command("CONFIG", "SET", "maxmemory", "1");
    try {
      HttpResponse<String> refused = partner.post(BODY);

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).contains("7");
      assertThat(new JsonObject(refused.body()).getString("code")).isEqualTo("store_unavailable");
    } finally {
      command("CONFIG", "SET", "maxmemory", "0");
    }
    assertThat(streamEntries()).as("nothing appended").isEqualTo(before);
    assertThat(partner.post(BODY).statusCode()).as("accepting again").isEqualTo(202);
  }

  @Test
  void aRedisWhoseLastSaveFailedMisconfIsA503AndNothingIsAppended() throws Exception {
    assertThat(partner.post(BODY).statusCode()).isEqualTo(202);
    long before = streamEntries();
    command("CONFIG", "SET", "save", "3600 1");
    command("CONFIG", "SET", "stop-writes-on-bgsave-error", "yes");
    command("CONFIG", "SET", "dir", "/proc"); // a save there always fails
    command("BGSAVE");
    Eventually.await(
        Duration.ofSeconds(10),
        () -> assertThat(command("INFO", "persistence")).contains("rdb_last_bgsave_status:err"));

    HttpResponse<String> refused = partner.post(BODY);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).contains("7");
    assertThat(new JsonObject(refused.body()).getString("code")).isEqualTo("store_unavailable");
    command("CONFIG", "SET", "dir", dir.toString());
    assertThat(streamEntries()).as("nothing appended").isEqualTo(before);
  }

  private long streamEntries() {
    return Long.parseLong(
        command("XLEN", new cn.gov12345.intake.stream.StreamKeys(prefix, 1).tickets(0)));
  }

  /** One command to this test's own Redis server. */
  private String command(String... args) {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      io.vertx.redis.client.Request request =
          io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.create(args[0]));
      for (int i = 1; i < args.length; i++) {
        request.arg(args[i]);
      }
      io.vertx.redis.client.Response r =
          io.vertx.redis.client.Redis.createClient(vertx, "redis://127.0.0.1:" + port)
              .send(request)
              .await(10, java.util.concurrent.TimeUnit.SECONDS);
      return r == null ? null : r.toString();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Redis did not answer " + args[0], e);
    } finally {
      vertx.close();
    }
  }

  private RedisServer newRedis() throws IOException {
    return RedisServer.newRedisServer()
        .bind("127.0.0.1")
        .port(port)
        .setting("dir " + dir)
        .setting("appendonly yes")
        .build();
  }

  private int ready() {
    return WebhookClient.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.managementPort() + "/health/ready"))
                .build())
        .statusCode();
  }
}
