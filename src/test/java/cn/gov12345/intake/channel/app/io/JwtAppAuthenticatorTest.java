package cn.gov12345.intake.channel.app.io;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.app.AppUser;
import cn.gov12345.intake.config.AppAuthConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.support.AppTokens;
import cn.gov12345.intake.support.MovableClock;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestIdentity;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class JwtAppAuthenticatorTest {

  static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
  static final String JWKS_PATH = "/.well-known/jwks.json";

  @RegisterExtension static WireMockExtension login = TestDestinations.sink();

  @TempDir Path dir;
  final Vertx vertx = Vertx.vertx();
  final MovableClock clock = new MovableClock(NOW);

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  AppAuthenticator hs256() {
    return AppAuthenticators.create(
        vertx, AppTokens.hs256Config(), TestIdentity.pseudonymizer(), clock);
  }

  AppAuthenticator fromUrl() {
    return AppAuthenticators.create(
        vertx,
        AppTokens.rs256Config(login.baseUrl() + JWKS_PATH, ""),
        TestIdentity.pseudonymizer(),
        clock);
  }

  static String bearer(String token) {
    return "Bearer " + token;
  }

  static String hsToken(JWTClaimsSet claims) {
    return AppTokens.hs256(AppTokens.HS256_SECRET, claims);
  }

  @Test
  void aValidHs256TokenNamesTheUserAndItsPseudonym() throws Exception {
    AppUser user =
        await(hs256().authenticate(bearer(hsToken(AppTokens.claims("u-1001", NOW).build()))));

    assertThat(user.subject()).isEqualTo("u-1001");
    assertThat(user.pseudonym())
        .isEqualTo(TestIdentity.pseudonymizer().pseudonym(CitizenRef.IdScheme.APP_USER, "u-1001"));
    assertThat(user.toString()).doesNotContain("u-1001");
  }

  @Test
  void aMissingHeaderIsUnauthorized() {
    assertThat(refusal(hs256(), null)).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(refusal(hs256(), " ")).isEqualTo(ErrorCode.UNAUTHORIZED);
  }

  @Test
  void otherSchemesGarbageAndOversizedTokensAreInvalid() {
    String token = hsToken(AppTokens.claims("u-1", NOW).build());
    assertThat(refusal(hs256(), "Basic dXNlcjpwYXNz")).isEqualTo(ErrorCode.INVALID_TOKEN);
    assertThat(refusal(hs256(), "Bearer not.a.jwt")).isEqualTo(ErrorCode.INVALID_TOKEN);
    assertThat(refusal(hs256(), bearer(token.substring(0, token.length() / 2))))
        .isEqualTo(ErrorCode.INVALID_TOKEN);
    assertThat(refusal(hs256(), bearer("a".repeat(JwtAppAuthenticator.MAX_TOKEN_CHARS + 1))))
        .isEqualTo(ErrorCode.INVALID_TOKEN);
  }

  @Test
  void aTokenSignedWithAnotherSecretIsForged() {
    String forged =
        AppTokens.hs256(
            "another-secret-of-at-least-32-bytes!!", AppTokens.claims("u-1", NOW).build());
    assertThat(refusal(hs256(), bearer(forged))).isEqualTo(ErrorCode.INVALID_TOKEN);
  }

  @Test
  void aTokenWhosePayloadWasChangedAfterSigningIsForged() {
    String[] parts = hsToken(AppTokens.claims("u-1", NOW).build()).split("\\.");
    String otherPayload =
        Base64URL.encode(AppTokens.claims("u-2", NOW).build().toString()).toString();
    String tampered = parts[0] + "." + otherPayload + "." + parts[2];

    assertThat(refusal(hs256(), bearer(tampered))).isEqualTo(ErrorCode.INVALID_TOKEN);
  }

  @Test
  void anUnsignedAlgNoneTokenIsRefused() {
    String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
    String payload = Base64URL.encode(AppTokens.claims("u-1", NOW).build().toString()).toString();
    assertThat(refusal(hs256(), bearer(header + "." + payload + ".")))
        .isEqualTo(ErrorCode.INVALID_TOKEN);
    assertThat(refusal(fromUrl(), bearer(header + "." + payload + ".")))
        .isEqualTo(ErrorCode.INVALID_TOKEN);
    login.verify(0, getRequestedFor(urlEqualTo(JWKS_PATH)));
  }

  @Test
  void anExpiredTokenIsRefusedAsExpiredButSkewWithinTheLimitIsTolerated() throws Exception {
    JWTClaimsSet claims =
        AppTokens.claims("u-1", NOW.minusSeconds(3600))
            .expirationTime(Date.from(NOW.minusSeconds(30)))
            .build();
    assertThat(await(hs256().authenticate(bearer(hsToken(claims)))).subject()).isEqualTo("u-1");

    clock.set(NOW.plusSeconds(61));
    assertThat(refusal(hs256(), bearer(hsToken(claims)))).isEqualTo(ErrorCode.TOKEN_EXPIRED);
  }

  @Test
  void aTokenOlderThanTheMaximumAgeIsExpiredEvenBeforeItsExp() {
    JWTClaimsSet claims =
        AppTokens.claims("u-1", NOW.minus(Duration.ofHours(25)))
            .expirationTime(Date.from(NOW.plus(Duration.ofDays(30))))
            .build();
    assertThat(refusal(hs256(), bearer(hsToken(claims)))).isEqualTo(ErrorCode.TOKEN_EXPIRED);
  }

  @Test
  void tokensIssuedOrValidOnlyInTheFutureAreRefused() {
    JWTClaimsSet issuedLater = AppTokens.claims("u-1", NOW.plusSeconds(120)).build();
    JWTClaimsSet notYetValid =
        AppTokens.claims("u-1", NOW).notBeforeTime(Date.from(NOW.plusSeconds(120))).build();

    assertThat(refusal(hs256(), bearer(hsToken(issuedLater)))).isEqualTo(ErrorCode.INVALID_TOKEN);
    assertThat(refusal(hs256(), bearer(hsToken(notYetValid)))).isEqualTo(ErrorCode.INVALID_TOKEN);
  }

  @Test
  void theAudienceIssuerAndRequiredClaimsAreChecked() {
    JWTClaimsSet otherAudience = AppTokens.claims("u-1", NOW).audience("another-app").build();
    JWTClaimsSet otherIssuer = AppTokens.claims("u-1", NOW).issuer("https://evil.test").build();
    JWTClaimsSet noSubject = AppTokens.claims("u-1", NOW).subject(null).build();
    JWTClaimsSet noExpiry = AppTokens.claims("u-1", NOW).expirationTime(null).build();
    JWTClaimsSet noIssueTime = AppTokens.claims("u-1", NOW).issueTime(null).build();

    for (JWTClaimsSet claims :
        new JWTClaimsSet[] {otherAudience, otherIssuer, noSubject, noExpiry, noIssueTime}) {
      assertThat(refusal(hs256(), bearer(hsToken(claims)))).isEqualTo(ErrorCode.INVALID_TOKEN);
    }
  }

  @Test
  void rs256TokensAreCheckedAgainstTheKeySetFetchedOnceAndCached() throws Exception {
    login.stubFor(get(JWKS_PATH).willReturn(okJson(AppTokens.publicKeySet("test-app-1"))));
    AppAuthenticator auth = fromUrl();

    for (String sub : new String[] {"u-1", "u-2", "u-3"}) {
      String token = AppTokens.rs256("test-app-1", AppTokens.claims(sub, NOW).build());
      assertThat(await(auth.authenticate(bearer(token))).subject()).isEqualTo(sub);
    }
    login.verify(1, getRequestedFor(urlEqualTo(JWKS_PATH)));
  }

  @Test
  void aRotatedKeyIsFetchedOnItsFirstTokenButUnknownKeyIdsCannotHammerTheKeyServer()
      throws Exception {
    login.stubFor(get(JWKS_PATH).willReturn(okJson(AppTokens.publicKeySet("test-app-1"))));
    AppAuthenticator auth = fromUrl();
    await(
        auth.authenticate(
            bearer(AppTokens.rs256("test-app-1", AppTokens.claims("u", NOW).build()))));
    String rotated = AppTokens.rs256("test-app-2", AppTokens.claims("u", NOW).build());

    assertThat(refusal(auth, bearer(rotated))).isEqualTo(ErrorCode.INVALID_TOKEN);
    login.verify(1, getRequestedFor(urlEqualTo(JWKS_PATH)));

    login.stubFor(
        get(JWKS_PATH).willReturn(okJson(AppTokens.publicKeySet("test-app-1", "test-app-2"))));
    clock.set(NOW.plusSeconds(31));
    assertThat(await(auth.authenticate(bearer(rotated))).subject()).isEqualTo("u");
    for (int i = 0; i < 5; i++) {
      String unknownKid =
          AppTokens.rs256("test-app-2", AppTokens.claims("u", NOW).build())
              .replaceFirst(
                  "^[^.]+",
                  Base64URL.encode("{\"alg\":\"RS256\",\"kid\":\"k" + i + "\"}").toString());
      assertThat(refusal(auth, bearer(unknownKid))).isEqualTo(ErrorCode.INVALID_TOKEN);
    }
    login.verify(2, getRequestedFor(urlEqualTo(JWKS_PATH)));
  }

  @Test
  void anHs256TokenSignedWithThePublicRsaKeyIsRefusedInRs256Mode() throws Exception {
    login.stubFor(get(JWKS_PATH).willReturn(okJson(AppTokens.publicKeySet("test-app-1"))));
    byte[] publicKeyAsSecret =
        AppTokens.key("test-app-1").toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    SignedJWT confused =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("test-app-1").build(),
            AppTokens.claims("u-1", NOW).build());
    confused.sign(new MACSigner(publicKeyAsSecret));

    assertThat(refusal(fromUrl(), bearer(confused.serialize()))).isEqualTo(ErrorCode.INVALID_TOKEN);
  }

  @Test
  void anRs256TokenIsRefusedInHs256Mode() {
    String token = AppTokens.rs256("test-app-1", AppTokens.claims("u-1", NOW).build());
    assertThat(refusal(hs256(), bearer(token))).isEqualTo(ErrorCode.INVALID_TOKEN);
  }

  @Test
  void aKeySetFileIsReadAndAnUnreachableKeyServerRefusesTokensWithoutFailingHard()
      throws Exception {
    Path file = dir.resolve("jwks.json");
    Files.writeString(file, AppTokens.publicKeySet("test-app-1", "test-app-2"));
    AppAuthConfig config = AppTokens.rs256Config("", file.toString());
    AppAuthenticator auth =
        AppAuthenticators.create(vertx, config, TestIdentity.pseudonymizer(), clock);
    String token = AppTokens.rs256("test-app-2", AppTokens.claims("u-9", NOW).build());
    assertThat(await(auth.authenticate(bearer(token))).subject()).isEqualTo("u-9");

    AppAuthenticator missing =
        AppAuthenticators.create(
            vertx,
            AppTokens.rs256Config("", dir.resolve("absent.json").toString()),
            TestIdentity.pseudonymizer(),
            clock);
    assertThat(refusal(missing, bearer(token))).isEqualTo(ErrorCode.INVALID_TOKEN);
  }

  @Test
  void accessTokensTypedAtJwtAreTakenButOtherTypesAreNot() throws Exception {
    JWTClaimsSet claims = AppTokens.claims("u-1", NOW).build();
    SignedJWT access =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(),
            claims);
    access.sign(new MACSigner(AppTokens.HS256_SECRET.getBytes(StandardCharsets.UTF_8)));
    SignedJWT logout =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(new JOSEObjectType("logout+jwt"))
                .build(),
            claims);
    logout.sign(new MACSigner(AppTokens.HS256_SECRET.getBytes(StandardCharsets.UTF_8)));

    assertThat(await(hs256().authenticate(bearer(access.serialize()))).subject()).isEqualTo("u-1");
    assertThat(refusal(hs256(), bearer(logout.serialize()))).isEqualTo(ErrorCode.INVALID_TOKEN);
  }

  static ErrorCode refusal(AppAuthenticator auth, String header) {
    try {
      throw new AssertionError("accepted as " + await(auth.authenticate(header)));
    } catch (ChannelException e) {
      return e.errorCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
