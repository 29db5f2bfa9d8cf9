package cn.gov12345.intake.support;

import cn.gov12345.intake.channel.open311.Open311Fixtures;
import cn.gov12345.intake.channel.sms.SmsFixtures;
import cn.gov12345.intake.channel.telephony.TelephonyFixtures;
import cn.gov12345.intake.channel.web.WebFixtures;
import cn.gov12345.intake.channel.wechat.WechatFixtures;
import cn.gov12345.intake.config.PullConsumerConfig;
import cn.gov12345.intake.media.RedisMediaRegistry;
import cn.gov12345.intake.media.StoredMedia;
import cn.gov12345.intake.model.CitizenRef;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole gateway configured exactly as the channel contract tests configure their channels (the
 * accounts, sources, secrets and keys the {@code channels/*}{@code /samples} are signed with, the
 * test identity keys, one partition), running at the contract's fixed clock so that every signed
 * timestamp in the samples is current. Between samples, {@link #reset()} deletes every key of its
 * prefix and registers the uploads the app samples reference.
 */
public final class ContractGateway implements AutoCloseable {

  /** Test-only webhook secrets of the sources {@code other} and {@code rotating}'s new key. */
  private static final String OTHER_SECRET =
      "whsec_dGVzdC1vbmx5LW90aGVyLXNvdXJjZS1zZWNyZXQtMzItYnl0ZXM=";

  private static final String NEW_SECRET =
      "whsec_dGVzdC1vbmx5LW5ldy1yb3RhdGVkLXNlY3JldC0zMi1ieXRlcyEh";

  private final TestGateway gateway;
  private final Clock clock;
  private final Vertx vertx = Vertx.vertx();
  private final Redis redis;

  private ContractGateway(TestGateway gateway, Clock clock) {
    this.gateway = gateway;
    this.clock = clock;
    this.redis = Redis.createClient(vertx, TestRedis.options());
  }

  /** Starts the gateway at {@code clock} (the contract's fixed instant). */
  public static ContractGateway start(Clock clock) throws IOException {
    return new ContractGateway(TestGateway.start(yaml(), clock), clock);
  }

  public TestGateway gateway() {
    return gateway;
  }

  /** Deletes every key under the gateway's prefix, then registers the contract's uploads. */
  public void reset() throws Exception {
    List<String> keys = TestRedis.keys(gateway.prefix());
    if (!keys.isEmpty()) {
      TestRedis.call(Command.DEL, keys.toArray());
    }
    RedisMediaRegistry registry = new RedisMediaRegistry(gateway.prefix(), redis::send, clock);
    String owner =
        TestIdentity.pseudonymizer()
            .pseudonym(CitizenRef.IdScheme.APP_USER, ContractUploads.UPLOADER);
    for (Map.Entry<String, StoredMedia> upload : ContractUploads.UPLOADS.entrySet()) {
      registry
          .register(upload.getKey(), owner, upload.getValue(), Duration.ofHours(1))
          .await(10, TimeUnit.SECONDS);
    }
  }

  /** Every key under the gateway's prefix, sorted. */
  public List<String> keys() {
    return TestRedis.keys(gateway.prefix()).stream().sorted().toList();
  }

  /** The events appended to the messages stream of the one partition, oldest first. */
  public List<String> messages() {
    return TestRedis.events(gateway.keys().messages(0));
  }

  /** The events appended to the tickets stream of the one partition, oldest first. */
  public List<String> tickets() {
    return TestRedis.events(gateway.keys().tickets(0));
  }

  @Override
  public void close() {
    gateway.close();
    vertx.close();
  }

  private static String yaml() throws IOException {
    Path jwks = Files.createTempFile("contract-jwks", ".json");
    Files.writeString(jwks, AppTokens.publicKeySet("test-app-1", "test-app-2"));
    String contactKey =
        Base64.getEncoder()
            .encodeToString(TestIdentity.CONTACT_KEY.getBytes(StandardCharsets.UTF_8));
    String own =
        String.join(
            "\n",
            "identity:",
            "  pseudonymKey: " + TestIdentity.PSEUDONYM_KEY,
            "  contactKeyId: " + TestIdentity.CONTACT_KEY_ID,
            "  contactKeys:",
            "    " + TestIdentity.CONTACT_KEY_ID + ": " + contactKey,
            "stream:",
            "  partitions: 1",
            "media:",
            "  baseUri: file:///data/media/",
            "channels:",
            "  webhook:",
            "    sources:",
            "      other:",
            "        description: test source",
            "        secrets: [\"" + OTHER_SECRET + "\"]",
            "      rotating:",
            "        description: test source",
            "        secrets: [\"" + TestGateway.SECRET + "\", \"" + NEW_SECRET + "\"]",
            "  app:",
            "    auth:",
            "      jwksFile: " + jwks,
            "      hs256Secret: \"\"",
            "      audience: " + AppTokens.AUDIENCE,
            "      issuer: " + AppTokens.ISSUER,
            "  web:",
            "    maxPhotoBytes: 1048576",
            "    powHmacKey: " + WebFixtures.POW_KEY,
            "    powMaxNumber: 1000",
            "    csrfSecret: test-only-csrf-secret-0123456789abcdefgh",
            "  open311:",
            "    clients:",
            "      city-app:",
            "        apiKeySha256: " + PullConsumerConfig.sha256Hex(Open311Fixtures.KEY),
            "");
    return merge(
        own,
        WechatFixtures.yaml("10m"),
        SmsFixtures.yaml("30m"),
        TelephonyFixtures.yaml("https://api.twilio.com/", "    recordingRetry: [1h]\n"));
  }

  private static String merge(String... documents) throws IOException {
    Path merged = null;
    for (String document : documents) {
      Path file = Files.createTempFile("contract-gateway", ".yaml");
      Files.writeString(file, document, StandardCharsets.UTF_8);
      merged = merged == null ? file : Yaml.merge(merged, file);
    }
    return Files.readString(merged, StandardCharsets.UTF_8);
  }
}
