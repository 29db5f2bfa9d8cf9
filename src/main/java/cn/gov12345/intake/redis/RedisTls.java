package cn.gov12345.intake.redis;

import cn.gov12345.intake.config.RedisConfig;
import cn.gov12345.intake.config.RedisTlsConfig;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * TLS to Redis for {@code rediss://} URLs. The Vert.x Redis client (5.1) speaks TLS only when its
 * {@link NetClientOptions} say so ({@code setSsl}); the URL scheme alone does not switch it on, and
 * a client with TLS refuses a {@code redis://} URL. Vert.x 5 also requires a hostname verification
 * algorithm to be named: {@code HTTPS} checks the certificate's subject alternative names against
 * the URL's host, {@code ""} skips that check (the chain is verified either way).
 */
public final class RedisTls {

  private RedisTls() {}

  /** Puts the TLS settings on {@code options} when the URLs are {@code rediss://}. */
  static NetClientOptions apply(RedisConfig config, NetClientOptions options) {
    if (!config.usesTls()) {
      return options;
    }
    RedisTlsConfig tls = config.tls();
    options.setSsl(true).setHostnameVerificationAlgorithm(tls.verifyHostname() ? "HTTPS" : "");
    if (!tls.trustCertificate().isEmpty()) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(tls.trustCertificate()));
    }
    if (!tls.clientCertificate().isEmpty()) {
      options.setKeyCertOptions(
          new PemKeyCertOptions().setCertPath(tls.clientCertificate()).setKeyPath(tls.clientKey()));
    }
    return options;
  }

  /**
   * When a connection failed in the TLS handshake (an untrusted certificate, a name mismatch, a
   * client certificate the server refused): the sentence start-up refuses with. A Redis that is
   * merely unreachable is not a refusal (empty).
   */
  public static Optional<String> refusal(RedisConfig config, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return Optional.of(
            "redis.tls: the TLS handshake with Redis failed ("
                + innermost(t)
                + "); check that redis.tls.trustCertificate ("
                + shown(config.tls().trustCertificate())
                + ") is the CA that signed the server's certificate"
                + (config.tls().verifyHostname()
                    ? " and that the certificate names the host of the Redis URL"
                    : "")
                + " (docs/redis.md, TLS)");
      }
    }
    return Optional.empty();
  }

  private static String shown(String file) {
    return file.isEmpty() ? "empty: the JVM's trust store" : file;
  }

  private static String innermost(Throwable t) {
    Throwable last = t;
    while (last.getCause() != null) {
      last = last.getCause();
    }
    return last.getClass().getSimpleName() + ": " + last.getMessage();
  }
}
