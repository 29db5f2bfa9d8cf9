package cn.gov12345.intake.channel.app.io;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.app.AppUser;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

/** The OpenID Connect phone claims of an app token: kept only when verified and callable. */
class VerifiedPhoneClaimTest {

  static JWTClaimsSet claims(Object phone, Object verified) {
    return new JWTClaimsSet.Builder()
        .subject("u-2001")
        .claim("phone_number", phone)
        .claim("phone_number_verified", verified)
        .build();
  }

  @Test
  void aVerifiedCallableNumberIsKeptInE164() {
    assertThat(JwtAppAuthenticator.verifiedPhone(claims("+86 138 0013 8000", true)))
        .isEqualTo("+8613800138000");
    assertThat(JwtAppAuthenticator.verifiedPhone(claims("13800138000", true)))
        .isEqualTo("+8613800138000");
  }

  @Test
  void anUnverifiedMissingOrUncallableClaimIsNot() {
    assertThat(JwtAppAuthenticator.verifiedPhone(claims("+8613800138000", false))).isNull();
    assertThat(JwtAppAuthenticator.verifiedPhone(claims("+8613800138000", "true"))).isNull();
    assertThat(JwtAppAuthenticator.verifiedPhone(claims("+8613800138000", null))).isNull();
    assertThat(JwtAppAuthenticator.verifiedPhone(claims("not a number", true))).isNull();
    assertThat(JwtAppAuthenticator.verifiedPhone(claims(13800138000L, true))).isNull();
  }

  @Test
  void theUserNeverPrintsTheNumber() {
    assertThat(new AppUser("u-1", "p", "+8613800138000").toString()).doesNotContain("138");
  }
}
