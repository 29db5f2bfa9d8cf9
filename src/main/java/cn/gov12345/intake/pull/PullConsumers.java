package cn.gov12345.intake.pull;

import cn.gov12345.intake.config.PullConfig;
import cn.gov12345.intake.config.PullConsumerConfig;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.error.PullException;
import cn.gov12345.intake.signing.BearerToken;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who may pull: the configured consumers, each known only by the SHA-256 of its API key. A
 * presented key is hashed and compared with every configured hash in constant time (no early exit,
 * so the answer time does not tell which consumer, if any, came close).
 */
public final class PullConsumers {

  private final List<Consumer> consumers = new ArrayList<>();

  /** A consumer that proved its key. */
  public record Consumer(String name, Predicate<String> wanted, byte[] keyHash) {}

  public PullConsumers(PullConfig config) {
    config
        .consumers()
        .forEach((name, c) -> consumers.add(new Consumer(name, wanted(c), c.keyHash())));
  }

  private static Predicate<String> wanted(PullConsumerConfig c) {
    if (c.eventTypes().isEmpty()) {
      return type -> true;
    }
    Set<String> types = Set.copyOf(c.eventTypes());
    return types::contains;
  }

  /**
   * The consumer an {@code Authorization} header names.
   *
   * @throws PullException {@code invalid_api_key} (401) without a Bearer key, or with a key no
   *     consumer has
   */
  public Consumer authenticate(String authorization) {
    String key = BearerToken.of(authorization).orElseThrow(PullConsumers::refused);
    byte[] presented = HexFormat.of().parseHex(PullConsumerConfig.sha256Hex(key));
    Consumer found = null;
    for (Consumer c : consumers) {
      if (MessageDigest.isEqual(presented, c.keyHash()) && found == null) {
        found = c;
      }
    }
    if (found == null) {
      throw refused();
    }
    return found;
  }

  private static PullException refused() {
    return new PullException(
        ErrorCode.INVALID_API_KEY, "Send a valid API key as 'Authorization: Bearer <key>'.");
  }
}
