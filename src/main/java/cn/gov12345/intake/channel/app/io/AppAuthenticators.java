package cn.gov12345.intake.channel.app.io;

import cn.gov12345.intake.config.AppAuthConfig;
import cn.gov12345.intake.identity.Pseudonymizer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.function.Supplier;

/** Builds the configured {@link AppAuthenticator}. */
public final class AppAuthenticators {

  private static final long JWKS_TIMEOUT_MS = 5_000;

  private AppAuthenticators() {}

  /**
   * The authenticator the configuration asks for: RS256 against the key set at {@code jwksUrl}
   * (read with the Vert.x web client) or in {@code jwksFile}, or HS256 with {@code hs256Secret}.
   * Nothing is read before the first token arrives.
   */
  public static AppAuthenticator create(
      Vertx vertx, AppAuthConfig config, Pseudonymizer pseudonymizer, Clock clock) {
    if (!config.usesKeySet()) {
      return JwtAppAuthenticator.hs256(config, pseudonymizer, clock);
    }
    Supplier<Future<String>> source =
        config.jwksUrl().isEmpty()
            ? () -> vertx.fileSystem().readFile(config.jwksFile()).map(Buffer::toString)
            : fromUrl(WebClient.create(vertx), config.jwksUrl());
    return JwtAppAuthenticator.rs256(
        config, new JwksKeys(source, clock, config.jwksRefreshInterval()), pseudonymizer, clock);
  }

  private static Supplier<Future<String>> fromUrl(WebClient web, String url) {
    return () ->
        web.getAbs(url)
            .putHeader("Accept", "application/json")
            .timeout(JWKS_TIMEOUT_MS)
            .send()
            .compose(AppAuthenticators::body);
  }

  private static Future<String> body(HttpResponse<Buffer> response) {
    if (response.statusCode() != 200 || response.body() == null) {
      return Future.failedFuture(
          new IllegalStateException("key set answered HTTP " + response.statusCode()));
    }
    return Future.succeededFuture(response.bodyAsString());
  }
}
