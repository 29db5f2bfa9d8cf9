package cn.gov12345.intake.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorsConfigTest {

  static List<String> problems(CorsConfig config) {
    Problems p = new Problems();
    config.validate(p);
    return p.messages();
  }

  @Test
  void noOriginIsAllowedByDefault() {
    assertThat(CorsConfig.none().allowedOrigins()).isEmpty();
    assertThat(CorsConfig.none().maxAge()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void exactOriginsAreAcceptedWithOrWithoutAPort() {
    assertThat(
            problems(
                new CorsConfig(
                    List.of(
                        "https://h5.12345.example.gov.cn",
                        "http://localhost:5173",
                        "capacitor://localhost",
                        "http://[::1]:8080"),
                    null)))
        .isEmpty();
  }

  @Test
  void aWildcardAPathATrailingSlashOrUpperCaseIsRefusedByName() {
    for (String bad :
        List.of("*", "https://h5.example/app", "https://h5.example/", "HTTPS://H5.example", "")) {
      assertThat(problems(new CorsConfig(List.of(bad), null)))
          .as(bad)
          .anyMatch(m -> m.startsWith("http.cors.allowedOrigins: not an origin"));
    }
  }

  @Test
  void aMaxAgeBeyondADayIsRefused() {
    assertThat(problems(new CorsConfig(List.of(), Duration.ofDays(2))))
        .anyMatch(m -> m.startsWith("http.cors.maxAge"));
  }
}
