package cn.gov12345.intake.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.app.AppChannel;
import cn.gov12345.intake.channel.app.AppSubmission;
import cn.gov12345.intake.channel.app.AppUser;
import cn.gov12345.intake.channel.app.io.IdempotencyCheck;
import cn.gov12345.intake.channel.app.io.IdempotencyStore;
import cn.gov12345.intake.channel.app.io.RedisIdempotencyStore;
import cn.gov12345.intake.identity.Pseudonymizer;
import cn.gov12345.intake.media.RedisMediaRegistry;
import cn.gov12345.intake.media.StoredMedia;
import cn.gov12345.intake.model.CitizenRef;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension: a test gateway, started once per class, that takes {@link AppTokens} JWTs, an
 * app client for it, and direct access to its Redis state: uploads registered as the upload server
 * would, idempotency records as a request on another replica would leave them.
 */
public final class AppFixture implements BeforeAllCallback, AfterAllCallback {

  private TestGateway gateway;
  private AppClient app;
  private Vertx vertx;
  private Redis redis;
  private Pseudonymizer pseudonymizer;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    gateway = TestGateway.start(AppClient.hs256Yaml(), Clock.systemUTC());
    app = new AppClient(gateway.baseUrl());
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, TestRedis.options());
    pseudonymizer = new Pseudonymizer(identityKey());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    gateway.close();
    vertx.close();
  }

  public TestGateway gateway() {
    return gateway;
  }

  public AppClient app() {
    return app;
  }

  /** The gateway's pseudonym (and query code) key. */
  public byte[] identityKey() {
    return gateway.config().identity().pseudonymKey().utf8();
  }

  public String pseudonym(String subject) {
    return pseudonymizer.pseudonym(CitizenRef.IdScheme.APP_USER, subject);
  }

  /** A file as the media store keeps it: content-addressed under its sha256. */
  public static StoredMedia stored(String sha256, long size, String type) {
    return new StoredMedia(
        "file:///var/lib/intake/media/" + sha256.substring(0, 2) + "/" + sha256,
        sha256,
        size,
        type);
  }

  /** Registers a completed upload of {@code owner} (a pseudonym) under a media id. */
  public void register(String mediaId, String owner, StoredMedia media) throws Exception {
    RedisMediaRegistry registry =
        new RedisMediaRegistry(gateway.prefix(), redis::send, Clock.systemUTC());
    await(registry.register(mediaId, owner, media, Duration.ofHours(1)));
  }

  public long tickets() {
    return TestRedis.streamLength(gateway.keys().tickets(0));
  }

  public long messages() {
    return TestRedis.streamLength(gateway.keys().messages(0));
  }

  /** What a first request does before it opens its ticket: check and lock the key. */
  public IdempotencyCheck beginElsewhere(String subject, String key, String json) throws Exception {
    AppUser user = new AppUser(subject, pseudonym(subject));
    AppChannel channel =
        new AppChannel(gateway.config().channels().app(), TestIdentity.phones(), Clock.systemUTC());
    AppSubmission s = channel.read(key, json.getBytes(StandardCharsets.UTF_8));
    RedisIdempotencyStore store =
        new RedisIdempotencyStore(
            gateway.keys(), Duration.ofHours(48), Duration.ofSeconds(30), redis::send);
    return await(
        store.begin(
            new IdempotencyStore.Scope(user.pseudonym(), s.keyHash()),
            AppChannel.dedupKey(user, s),
            s.fingerprint()));
  }

  /** The in-flight lock key of the one Idempotency-Key {@code subject} used. */
  public String lockOf(String subject) {
    List<String> locks =
        TestRedis.keys(gateway.prefix()).stream()
            .filter(k -> k.endsWith(":lock") && k.contains(pseudonym(subject)))
            .toList();
    assertThat(locks).hasSize(1);
    return locks.get(0);
  }

  public static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
