package cn.gov12345.intake.channel.app.io;

import cn.gov12345.intake.channel.app.AppUser;
import cn.gov12345.intake.config.AppAuthConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.identity.PhoneNumbers;
import cn.gov12345.intake.identity.Pseudonymizer;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.signing.BearerToken;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.vertx.core.Future;
import java.text.ParseException;
import java.time.Clock;
import java.util.function.Function;

/**
 * Checks app JWTs with Nimbus JOSE: the signature (RS256 against the login service's key set, or
 * HS256 with the shared secret; the algorithm is fixed by the configuration, so {@code none} and
 * HS/RS confusion are refused), then the claims ({@link AppTokenClaims}). The {@code sub} claim
 * becomes the citizen pseudonym ({@link CitizenRef.IdScheme#APP_USER}).
 */
public final class JwtAppAuthenticator implements AppAuthenticator {

  /** Longest token read (a JWT with a few claims is well under 2 KiB). */
  static final int MAX_TOKEN_CHARS = 8192;

  /** {@code typ}: none, {@code JWT}, or {@code at+jwt} (an OAuth 2.0 access token, RFC 9068). */
  private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPES =
      new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null);

  private final JWSAlgorithm algorithm;
  private final Function<String, Future<JWSKeySelector<SecurityContext>>> keySelector;
  private final AppTokenClaims claims;
  private final Pseudonymizer pseudonymizer;
  private static final PhoneNumbers PHONES = new PhoneNumbers("CN");

  private JwtAppAuthenticator(
      JWSAlgorithm algorithm,
      Function<String, Future<JWSKeySelector<SecurityContext>>> keySelector,
      AppTokenClaims claims,
      Pseudonymizer pseudonymizer) {
    this.algorithm = algorithm;
    this.keySelector = keySelector;
    this.claims = claims;
    this.pseudonymizer = pseudonymizer;
  }

  /** RS256 tokens checked against a key set. */
  public static JwtAppAuthenticator rs256(
      AppAuthConfig config, JwksKeys keys, Pseudonymizer pseudonymizer, Clock clock) {
    return new JwtAppAuthenticator(
        JWSAlgorithm.RS256,
        kid -> keys.forKeyId(kid).map(JwtAppAuthenticator::rsaSelector),
        new AppTokenClaims(config, clock),
        pseudonymizer);
  }

  /** HS256 tokens checked with the configured shared secret. */
  public static JwtAppAuthenticator hs256(
      AppAuthConfig config, Pseudonymizer pseudonymizer, Clock clock) {
    JWSKeySelector<SecurityContext> selector =
        new JWSVerificationKeySelector<>(
            JWSAlgorithm.HS256, new ImmutableSecret<>(config.hs256Secret().utf8()));
    Future<JWSKeySelector<SecurityContext>> fixed = Future.succeededFuture(selector);
    return new JwtAppAuthenticator(
        JWSAlgorithm.HS256, kid -> fixed, new AppTokenClaims(config, clock), pseudonymizer);
  }

  private static JWSKeySelector<SecurityContext> rsaSelector(JWKSet set) {
    return new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(set));
  }

  @Override
  public Future<AppUser> authenticate(String authorization) {
    SignedJWT jwt;
    try {
      jwt = parse(authorization);
    } catch (ChannelException e) {
      return Future.failedFuture(e);
    }
    return keySelector.apply(jwt.getHeader().getKeyID()).map(selector -> verify(jwt, selector));
  }

  private SignedJWT parse(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw new ChannelException(
          ErrorCode.UNAUTHORIZED, "An Authorization: Bearer <token> header is required.");
    }
    String token =
        BearerToken.of(authorization)
            .orElseThrow(() -> invalid("The Authorization header must use the Bearer scheme."));
    if (token.length() > MAX_TOKEN_CHARS) {
      throw invalid("The token is too long.");
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      throw invalid("The token is not a signed JWT.");
    }
    if (!algorithm.equals(jwt.getHeader().getAlgorithm())) {
      throw invalid("The token must be signed with " + algorithm.getName() + ".");
    }
    return jwt;
  }

  private AppUser verify(SignedJWT jwt, JWSKeySelector<SecurityContext> selector) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(selector);
    processor.setJWSTypeVerifier(TYPES);
    processor.setJWTClaimsSetVerifier(claims);
    JWTClaimsSet set;
    try {
      set = processor.process(jwt, null);
    } catch (AppTokenClaims.ExpiredTokenException e) {
      throw new ChannelException(ErrorCode.TOKEN_EXPIRED, "The token has expired.");
    } catch (BadJOSEException | JOSEException e) {
      throw invalid("The token was refused: " + e.getMessage());
    }
    String subject = set.getSubject();
    return new AppUser(
        subject,
        pseudonymizer.pseudonym(CitizenRef.IdScheme.APP_USER, subject),
        verifiedPhone(set));
  }

  /**
   * The OpenID Connect {@code phone_number} claim when {@code phone_number_verified} is true and it
   * is a number we can call (E.164; mainland by default), else null: what the app's identity
   * provider verified (an SMS code at sign-up), which the signals may link the citizen by.
   */
  static String verifiedPhone(JWTClaimsSet set) {
    Object verified = set.getClaim("phone_number_verified");
    Object phone = set.getClaim("phone_number");
    if (!Boolean.TRUE.equals(verified) || !(phone instanceof String text)) {
      return null;
    }
    return PHONES.toE164(text).orElse(null);
  }

  private static ChannelException invalid(String message) {
    return new ChannelException(ErrorCode.INVALID_TOKEN, message);
  }
}
