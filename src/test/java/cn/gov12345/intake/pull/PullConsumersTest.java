package cn.gov12345.intake.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.gov12345.intake.config.PullConfig;
import cn.gov12345.intake.config.PullConsumerConfig;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.error.PullException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PullConsumersTest {

  static final String KEY = "0123456789abcdef0123456789abcdef";

  final PullConsumers consumers =
      new PullConsumers(
          new PullConfig(
              100,
              1000,
              null,
              Map.of(
                  "dispatch",
                  new PullConsumerConfig("", PullConsumerConfig.sha256Hex(KEY), List.of()),
                  "status",
                  new PullConsumerConfig(
                      "", PullConsumerConfig.sha256Hex(KEY + "s"), List.of("a.status.v1")))));

  @Test
  void aBearerKeyNamesItsConsumerWhateverTheSchemeCase() {
    assertThat(consumers.authenticate("Bearer " + KEY).name()).isEqualTo("dispatch");
    assertThat(consumers.authenticate("bearer " + KEY + "s").name()).isEqualTo("status");
  }

  @Test
  void everyOtherAuthorizationIsRefusedAs401() {
    for (String header :
        Arrays.asList(null, "", "Bearer", "Bearer ", "Basic " + KEY, KEY, "Bearer " + KEY + "x")) {
      PullException e =
          catchThrowableOfType(PullException.class, () -> consumers.authenticate(header));
      assertThat(e).as(String.valueOf(header)).isNotNull();
      assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_API_KEY);
      assertThat(e.getMessage()).doesNotContain(KEY);
    }
  }

  @Test
  void aConsumerWithEventTypesWantsOnlyThoseAndOneWithoutWantsAll() {
    assertThat(consumers.authenticate("Bearer " + KEY + "s").wanted())
        .accepts("a.status.v1")
        .rejects("a.opened.v1");
    assertThat(consumers.authenticate("Bearer " + KEY).wanted()).accepts("a.opened.v1");
  }
}
