package cn.gov12345.intake.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The outbound fetch policy's URL and address rules. */
class FetchPolicyTest {

  static final List<String> TWILIO = List.of("https://api.twilio.com/");
  final FetchPolicy policy = new FetchPolicy(TWILIO, false, Set.of(), 3);

  @Test
  void onlyPlainHttpsUrlsUnderAnAllowedPrefixPass() {
    assertThat(policy.check("https://api.twilio.com/2010-04-01/Recordings/RE1.mp3"))
        .isEqualTo(URI.create("https://api.twilio.com/2010-04-01/Recordings/RE1.mp3"));
    for (String url :
        List.of(
            "httpfile://api.twilio.com/x",
            "file:///etc/passwd",
            "gopher://api.twilio.com/",
            "https:/api.twilio.com/x",
            "https://user@api.twilio.com/x",
            "https://api.twilio.com@169.254.169.254/x",
            "https://api.twilio.com.evil.example/x",
            "https://api.twilio.com:8443/x",
            "http://api.twilio.com/x",
            "https://evil.example/https://api.twilio.com/",
            "https://api.twilio.com\\@evil.example/",
            "not a url",
            "")) {
      assertThatThrownBy(() -> policy.check(url))
          .as(url)
          .isInstanceOfSatisfying(
              FetchRefusedException.class,
              e -> assertThat(e.reason()).isEqualTo(FetchRefusedException.URL));
    }
  }

  @Test
  void aRedirectIsCheckedLikeTheFirstUrlAndMayBeRelative() {
    URI from = URI.create("https://api.twilio.com/a/b");
    assertThat(policy.checkRedirect(from, "/c/d"))
        .isEqualTo(URI.create("https://api.twilio.com/c/d"));
    for (String location :
        List.of("http://127.0.0.1/", "https://s3.amazonaws.com/x", "//evil.example/x", "::")) {
      assertThatThrownBy(() -> policy.checkRedirect(from, location))
          .as(location)
          .isInstanceOfSatisfying(
              FetchRefusedException.class,
              e -> assertThat(e.reason()).isEqualTo(FetchRefusedException.REDIRECT));
    }
  }

  @Test
  void loopbackPrivateLinkLocalCgnatAndOtherNonPublicAddressesAreRefused() throws Exception {
    for (String address :
        List.of(
            "127.0.0.1",
            "127.1.2.3",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.254",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "198.18.0.1",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::7f00:1")) {
      InetAddress a = InetAddress.getByName(address);
      assertThat(FetchPolicy.isPublic(a)).as(address).isFalse();
      assertThatThrownBy(() -> policy.checkAddress("api.twilio.com", a))
          .as(address)
          .isInstanceOfSatisfying(
              FetchRefusedException.class,
              e -> assertThat(e.reason()).isEqualTo(FetchRefusedException.ADDRESS));
    }
    for (String address : List.of("8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:4860::8888")) {
      assertThat(FetchPolicy.isPublic(InetAddress.getByName(address))).as(address).isTrue();
    }
  }

  @Test
  void privateTargetsPassOnlyWhenAllowedOrForANamedHost() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    new FetchPolicy(TWILIO, true, Set.of(), 3).checkAddress("anything", loopback);
    FetchPolicy named = new FetchPolicy(TWILIO, false, Set.of("pbx.internal"), 3);
    named.checkAddress("PBX.internal", loopback);
    assertThatThrownBy(() -> named.checkAddress("other.internal", loopback))
        .isInstanceOf(FetchRefusedException.class);
  }
}
