package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  final ClientAddress addresses = new ClientAddress(List.of("10.0.0.0/8", "::1/128"));

  @Test
  void withoutATrustedProxyTheForwardedForHeaderIsIgnored() {
    assertThat(addresses.of("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
  }

  @Test
  void behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() {
    assertThat(addresses.of("10.1.2.3", List.of("198.51.100.7, 203.0.113.5, 10.9.9.9")))
        .as("what the client wrote left of its real address is not believed")
        .isEqualTo("203.0.113.5");
    assertThat(addresses.of("::1", List.of("2001:db8::1"))).isEqualTo("2001:db8::1");
  }

  @Test
  void aHeaderOfTrustedHopsOnlyNamesTheFirstHop() {
    assertThat(addresses.of("10.1.2.3", List.of("10.0.0.5", "10.0.0.6"))).isEqualTo("10.0.0.5");
    assertThat(addresses.of("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
  }

  @Test
  void aHopThatIsNotAnAddressStopsTheWalk() {
    assertThat(addresses.of("10.1.2.3", List.of("evil.example, 10.0.0.7"))).isEqualTo("10.0.0.7");
  }

  @Test
  void cidrsAreParsedWithoutNameResolution() {
    assertThat(Cidr.parse("192.168.0.0/16")).isPresent();
    assertThat(Cidr.parse("192.168.0.0/16").orElseThrow().contains("192.168.40.1")).isTrue();
    assertThat(Cidr.parse("192.168.0.0/16").orElseThrow().contains("192.169.0.1")).isFalse();
    assertThat(Cidr.parse("172.16.0.0/12").orElseThrow().contains("172.31.255.255")).isTrue();
    assertThat(Cidr.parse("172.16.0.0/12").orElseThrow().contains("172.32.0.0")).isFalse();
    assertThat(Cidr.parse("localhost")).isEmpty();
    assertThat(Cidr.parse("10.0.0.0/33")).isEmpty();
    assertThat(Cidr.parse("10.0.0.0/x")).isEmpty();
    assertThat(Cidr.parse(null)).isEmpty();
  }
}
