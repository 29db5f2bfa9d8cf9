package cn.gov12345.intake.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/**
 * TLS to Redis, used when the Redis URLs are {@code rediss://} (docs/redis.md, "TLS").
 *
 * @param trustCertificate PEM file of the CA certificate(s) the server's certificate must chain to;
 *     empty = the JVM's default trust store (a managed Redis with a public CA)
 * @param verifyHostname the server's certificate must name the host of the URL (subject alternative
 *     name, as HTTPS checks it); off only for servers reached by an address their certificate does
 *     not name
 * @param clientCertificate PEM client certificate for a Redis that asks for one ({@code
 *     tls-auth-clients yes}, the redis-server default); empty = none
 * @param clientKey PEM (PKCS#8) private key of {@code clientCertificate}
 */
public record RedisTlsConfig(
    String trustCertificate, boolean verifyHostname, String clientCertificate, String clientKey) {

  public RedisTlsConfig {
    trustCertificate = trustCertificate == null ? "" : trustCertificate.strip();
    clientCertificate = clientCertificate == null ? "" : clientCertificate.strip();
    clientKey = clientKey == null ? "" : clientKey.strip();
  }

  /** True when any file is configured (which only a {@code rediss://} URL may use). */
  public boolean configured() {
    return !trustCertificate.isEmpty() || !clientCertificate.isEmpty() || !clientKey.isEmpty();
  }

  void validate(Problems p) {
    if (!trustCertificate.isEmpty()) {
      certificates(p, trustCertificate, "redis.tls.trustCertificate");
    }
    p.require(
        clientCertificate.isEmpty() == clientKey.isEmpty(),
        "redis.tls.clientCertificate",
        "and redis.tls.clientKey go together (both or neither)");
    if (!clientCertificate.isEmpty()) {
      certificates(p, clientCertificate, "redis.tls.clientCertificate");
    }
    if (!clientKey.isEmpty()) {
      privateKey(p, clientKey);
    }
  }

  /** The file holds at least one X.509 certificate in PEM. */
  private static void certificates(Problems p, String file, String path) {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        p.add(path, "no certificate in " + file + " (a PEM file of -----BEGIN CERTIFICATE-----)");
      }
    } catch (IOException e) {
      p.add(path, "cannot read " + file + ": " + e);
    } catch (CertificateException e) {
      p.add(path, "not a PEM certificate: " + file + " (" + e.getMessage() + ")");
    }
  }

  private static void privateKey(Problems p, String file) {
    try {
      String pem = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
      p.require(
          pem.contains("-----BEGIN PRIVATE KEY-----")
              || pem.contains("-----BEGIN RSA PRIVATE KEY-----")
              || pem.contains("-----BEGIN EC PRIVATE KEY-----"),
          "redis.tls.clientKey",
          "not a PEM private key: " + file);
    } catch (IOException e) {
      p.add("redis.tls.clientKey", "cannot read " + file + ": " + e);
    }
  }
}
