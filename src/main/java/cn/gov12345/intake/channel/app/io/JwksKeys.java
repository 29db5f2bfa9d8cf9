package cn.gov12345.intake.channel.app.io;

import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Future;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login service's public keys (a JSON Web Key Set), read on first use and cached. A token
 * signed with a key id the cache does not know re-reads the set (the service rotated its keys), at
 * most once per refresh interval so forged key ids cannot make the gateway hammer the key server;
 * concurrent refreshes share one read. A failed read keeps the keys known so far.
 */
public final class JwksKeys {

  private static final Logger LOG = LoggerFactory.getLogger(JwksKeys.class);

  private final Supplier<Future<String>> source;
  private final Clock clock;
  private final Duration refreshInterval;
  private final AtomicReference<JWKSet> keys = new AtomicReference<>(new JWKSet());
  private final AtomicReference<Instant> lastRead = new AtomicReference<>(Instant.MIN);
  private final AtomicReference<Future<JWKSet>> reading = new AtomicReference<>();

  /**
   * @param source reads the key set document (a file or an HTTP GET); fails when it cannot
   * @param refreshInterval the least time between two reads
   */
  public JwksKeys(Supplier<Future<String>> source, Clock clock, Duration refreshInterval) {
    this.source = source;
    this.clock = clock;
    this.refreshInterval = refreshInterval;
  }

  /**
   * The key set to check a token with.
   *
   * @param keyId the token's {@code kid}, or null
   * @return the cached set when it holds that key id (or when none is given and some keys are
   *     known); else the set after a re-read, or the cached one when a read is not due yet or
   *     fails. Never fails.
   */
  public Future<JWKSet> forKeyId(String keyId) {
    JWKSet current = keys.get();
    boolean known =
        keyId == null ? !current.getKeys().isEmpty() : current.getKeyByKeyId(keyId) != null;
    if (known) {
      return Future.succeededFuture(current);
    }
    Future<JWKSet> inFlight = reading.get();
    if (inFlight != null) {
      return inFlight;
    }
    Instant now = clock.instant();
    Instant last = lastRead.get();
    if (last != Instant.MIN && now.isBefore(last.plus(refreshInterval))
        || !lastRead.compareAndSet(last, now)) {
      return Future.succeededFuture(current);
    }
    return reread();
  }

  private Future<JWKSet> reread() {
    Future<JWKSet> read =
        source
            .get()
            .map(JwksKeys::parse)
            .onSuccess(
                set -> {
                  keys.set(set);
                  LOG.info("app key set read: {} keys", set.getKeys().size());
                })
            .recover(
                e -> {
                  LOG.warn(
                      "app key set could not be read, keeping the known keys: {}", e.toString());
                  return Future.succeededFuture(keys.get());
                })
            .onComplete(r -> reading.set(null));
    if (!read.isComplete()) {
      reading.set(read);
    }
    return read;
  }

  private static JWKSet parse(String json) {
    try {
      // only public keys are ever used: a private key published by mistake is not kept
      return JWKSet.parse(json).toPublicJWKSet();
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a JSON Web Key Set: " + e.getMessage(), e);
    }
  }
}
