package cn.gov12345.intake.support;

import cn.gov12345.intake.config.AppAuthConfig;
import cn.gov12345.intake.config.Secret;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Fixed, test-only app login keys (two RSA keys, {@code test-app-1} and {@code test-app-2}, and an
 * HS256 secret) and the tokens they sign, so JWTs in {@code channels/app/samples} are stable.
 */
public final class AppTokens {

  public static final String AUDIENCE = "12345-app";
  public static final String ISSUER = "https://login.app.test";
  public static final String HS256_SECRET = "test-only-app-jwt-secret-0123456789abcdef";

  private static final JWKSet KEYS = load();

  private AppTokens() {}

  /** The private key with that id. */
  public static RSAKey key(String kid) {
    return (RSAKey) KEYS.getKeyByKeyId(kid);
  }

  /** The public key set with the given key ids, as the login service would publish it. */
  public static String publicKeySet(String... kids) {
    JWKSet set =
        new JWKSet(
            java.util.Arrays.stream(kids).map(k -> (com.nimbusds.jose.jwk.JWK) key(k)).toList());
    return set.toPublicJWKSet().toString();
  }

  /** Claims of a token for {@code subject} issued at {@code now}, valid for an hour. */
  public static JWTClaimsSet.Builder claims(String subject, Instant now) {
    return new JWTClaimsSet.Builder()
        .subject(subject)
        .audience(AUDIENCE)
        .issuer(ISSUER)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
  }

  public static String rs256(String kid, JWTClaimsSet claims) {
    return sign(
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims, rsaSigner(kid));
  }

  public static String hs256(String secret, JWTClaimsSet claims) {
    try {
      return sign(
          new JWSHeader(JWSAlgorithm.HS256),
          claims,
          new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** HS256 settings with the test secret, audience and issuer. */
  public static AppAuthConfig hs256Config() {
    return new AppAuthConfig(
        "", "", Secret.of(HS256_SECRET), AUDIENCE, ISSUER, Duration.ofSeconds(60), null, null);
  }

  /** RS256 settings reading the key set from a URL or a file. */
  public static AppAuthConfig rs256Config(String jwksUrl, String jwksFile) {
    return new AppAuthConfig(
        jwksUrl, jwksFile, null, AUDIENCE, ISSUER, Duration.ofSeconds(60), null, null);
  }

  private static RSASSASigner rsaSigner(String kid) {
    try {
      return new RSASSASigner(key(kid));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(
      JWSHeader header, JWTClaimsSet claims, com.nimbusds.jose.JWSSigner signer) {
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static JWKSet load() {
    try (InputStream in =
        AppTokens.class.getResourceAsStream("/app/test-only-signing-keys.jwks.json")) {
      return JWKSet.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }
}
