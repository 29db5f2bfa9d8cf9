package cn.gov12345.intake.channel.app.io;

import cn.gov12345.intake.config.AppAuthConfig;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;

/**
 * The claims an app token must carry: {@code sub}, {@code exp} and {@code iat} always, {@code aud}
 * = the configured audience, {@code iss} = the configured issuer when one is set; {@code exp},
 * {@code nbf} and {@code iat} are compared with the gateway's clock within the allowed skew, and a
 * token issued longer ago than the maximum age is refused.
 */
final class AppTokenClaims extends DefaultJWTClaimsVerifier<SecurityContext> {

  private final Clock clock;
  private final long skewSeconds;
  private final long maxAgeSeconds;

  AppTokenClaims(AppAuthConfig config, Clock clock) {
    super(
        // Nimbus asks these sets whether they contain null, which Set.of answers with an NPE
        new HashSet<>(List.of(config.audience())),
        config.issuer().isEmpty()
            ? new JWTClaimsSet.Builder().build()
            : new JWTClaimsSet.Builder().issuer(config.issuer()).build(),
        new HashSet<>(List.of("sub", "exp", "iat")),
        new HashSet<>());
    this.clock = clock;
    this.skewSeconds = config.clockSkew().toSeconds();
    this.maxAgeSeconds = config.maxTokenAge().toSeconds();
    setMaxClockSkew((int) skewSeconds);
  }

  @Override
  protected Date currentTime() {
    return Date.from(clock.instant());
  }

  @Override
  public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp != null && exp.toInstant().plusSeconds(skewSeconds).isBefore(now)) {
      throw new ExpiredTokenException();
    }
    super.verify(claims, context);
    Instant issued = claims.getIssueTime().toInstant();
    if (issued.isAfter(now.plusSeconds(skewSeconds))) {
      throw new BadJWTException("JWT issued in the future");
    }
    if (issued.plusSeconds(maxAgeSeconds + skewSeconds).isBefore(now)) {
      throw new ExpiredTokenException();
    }
    String subject = claims.getSubject();
    if (subject.isBlank() || subject.length() > 256) {
      throw new BadJWTException("JWT subject must be 1-256 characters");
    }
  }

  /** The token was valid once but is too old now: the app should get a fresh one. */
  static final class ExpiredTokenException extends BadJWTException {

    private static final long serialVersionUID = 1L;

    ExpiredTokenException() {
      super("Expired JWT");
    }
  }
}
