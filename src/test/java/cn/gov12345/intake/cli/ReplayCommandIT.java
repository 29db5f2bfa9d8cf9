package cn.gov12345.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.signals.SignalFixture;
import cn.gov12345.intake.signals.SignalsHarness;
import cn.gov12345.intake.signals.SignalsIT;
import cn.gov12345.intake.support.TestRedis;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --compare} against real Redis: the live workers' signals of a range and the
 * replay's are the same, and the replay leaves no state behind. (One standalone Redis: the command
 * takes a single {@code --redis} URL; the Cluster path is covered by SignalsIT's replay.)
 */
class ReplayCommandIT {

  @TempDir Path dir;

  @Test
  void replayCompareFindsTheSameSignalsAsTheLiveRunAndLeavesNoState() throws Exception {
    try (SignalsHarness h = new SignalsHarness(SignalsIT.config())) {
      h.startWorker();
      SignalFixture f = new SignalFixture();
      Instant t0 = SignalsIT.T0;
      JsonObject first =
          f.opened(t0, "telephony", "phone", "c1", SignalsIT.WATER, SignalFixture.LAT);
      h.append(first);
      h.append(
          f.opened(
              t0.plusSeconds(600),
              "telephony",
              "phone",
              "c2",
              SignalsIT.WATER,
              SignalFixture.north(20)));
      h.append(f.closed(first, t0.plus(Duration.ofDays(1))), first);
      h.append(
          f.opened(
              t0.plus(Duration.ofDays(2)),
              "telephony",
              "phone",
              "c1",
              SignalsIT.WATER,
              SignalFixture.north(10)));
      h.awaitIdle();
      int live = h.signals().size();
      assertThat(live).isGreaterThanOrEqualTo(2);
      Path config = dir.resolve("gateway.yaml");
      Files.writeString(config, yaml(h.prefix), StandardCharsets.UTF_8);

      CliRun cli = new CliRun();
      int code =
          cli.run(
              "replay",
              "--config",
              config.toString(),
              "--redis",
              TestRedis.url(),
              "--from",
              Instant.now().minus(Duration.ofMinutes(5)).toString(),
              "--to",
              Instant.now().plus(Duration.ofMinutes(1)).toString(),
              "--compare");

      assertThat(code).as(cli.out() + cli.err()).isZero();
      assertThat(cli.out())
          .contains("replayed 4 events: " + live + " signals")
          .contains("same signals as the live run (" + live + ")")
          .contains("cn.gov12345.intake.supervision.clue.v1");
      assertThat(TestRedis.keys(h.prefix)).noneMatch(k -> k.contains("{replay-"));
    }
  }

  @Test
  void aRangeEndingBeforeItStartsIsAUsageError() {
    CliRun cli = new CliRun();

    assertThat(
            cli.run(
                "replay",
                "--redis",
                "redis://127.0.0.1:1",
                "--from",
                "2026-01-02T00:00:00Z",
                "--to",
                "2026-01-01T00:00:00Z"))
        .isEqualTo(IntakeCli.USAGE);
    assertThat(cli.err()).contains("--to is before --from");
  }

  private static String yaml(String prefix) {
    return "stream:\n  keyPrefix: "
        + prefix
        + "\n  partitions: 2\n"
        + "signals:\n  radiusMeters: 50\n  repeatPeriod: 30d\n  duplicateWindow: 72h\n"
        + "  categories:\n    - { name: 停水, keywords: [停水, 没水] }\n"
        + "  alerts:\n    step: 1m\n    alpha: 0.02\n"
        + "    windows: [ { length: 15m, floor: 8, factor: 3.0 } ]\n    keywords: [燃气泄漏]\n";
  }
}
