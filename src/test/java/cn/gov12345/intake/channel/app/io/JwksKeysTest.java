package cn.gov12345.intake.channel.app.io;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.AppTokens;
import cn.gov12345.intake.support.MovableClock;
import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwksKeysTest {

  final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T08:00:00Z"));
  final List<Promise<String>> reads = new ArrayList<>();
  final JwksKeys keys =
      new JwksKeys(
          () -> {
            Promise<String> read = Promise.promise();
            reads.add(read);
            return read.future();
          },
          clock,
          Duration.ofSeconds(30));

  @Test
  void requestsThatArriveWhileTheKeySetIsBeingReadShareThatOneRead() {
    Future<JWKSet> first = keys.forKeyId("test-app-1");
    Future<JWKSet> second = keys.forKeyId("test-app-1");
    Future<JWKSet> third = keys.forKeyId(null);

    assertThat(reads).hasSize(1);
    reads.get(0).complete(AppTokens.publicKeySet("test-app-1"));
    for (Future<JWKSet> f : List.of(first, second, third)) {
      assertThat(f.result().getKeyByKeyId("test-app-1")).isNotNull();
    }
    assertThat(keys.forKeyId("test-app-1").result().getKeys()).hasSize(1);
    assertThat(reads).hasSize(1);
  }

  @Test
  void aFailedOrUnreadableReadKeepsTheKnownKeysAndWaitsForTheNextInterval() {
    keys.forKeyId("test-app-1");
    reads.get(0).complete(AppTokens.publicKeySet("test-app-1"));

    clock.advance(Duration.ofSeconds(31));
    Future<JWKSet> afterFailure = keys.forKeyId("test-app-2");
    reads.get(1).fail("connection refused");
    clock.advance(Duration.ofSeconds(31));
    Future<JWKSet> afterGarbage = keys.forKeyId("test-app-2");
    reads.get(2).complete("<html>not a key set</html>");
    Future<JWKSet> tooSoon = keys.forKeyId("test-app-2");

    for (Future<JWKSet> f : List.of(afterFailure, afterGarbage, tooSoon)) {
      assertThat(f.succeeded()).isTrue();
      assertThat(f.result().getKeyByKeyId("test-app-1")).isNotNull();
      assertThat(f.result().getKeyByKeyId("test-app-2")).isNull();
    }
    assertThat(reads).hasSize(3);
  }

  @Test
  void privateKeysPublishedByMistakeAreNotKept() {
    keys.forKeyId("test-app-1");
    String withPrivate =
        new JWKSet(AppTokens.key("test-app-1")).toString(false); // includes the private parts
    reads.get(0).complete(withPrivate);

    assertThat(keys.forKeyId("test-app-1").result().getKeyByKeyId("test-app-1").isPrivate())
        .isFalse();
  }
}
