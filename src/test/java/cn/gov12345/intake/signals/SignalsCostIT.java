package cn.gov12345.intake.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the signals cost: 1,000 tickets of a seeded synthetic day (one district, 300 citizens,
 * points spread over 5 km × 5 km, a closure for every tenth ticket) through the processor against
 * real Redis; prints the worker's CPU per 1,000 tickets and the state's Redis memory per ticket and
 * citizen.
 */
class SignalsCostIT {

  static final int TICKETS = 1000;

  @Test
  void aThousandTicketsCostWellUnderASecondOfWorkerCpuAndAFewKilobytesOfStateEach()
      throws Exception {
    try (SignalsHarness h = new SignalsHarness(SignalsIT.config())) {
      SignalKeys keys = SignalKeys.replay(h.prefix, "cost");
      SignalProcessor processor = new SignalProcessor(h.config, keys, h.redis::send);
      Random random = new Random(15);
      SignalFixture f = new SignalFixture();
      Instant t = SignalsIT.T0;
      long cpu0 = cpu();
      long wall0 = System.nanoTime();
      int signals = 0;
      for (int i = 0; i < TICKETS; i++) {
        t = t.plusSeconds(30 + random.nextInt(120));
        JsonObject ticket =
            f.opened(
                t,
                "telephony",
                "phone",
                "citizen-" + random.nextInt(300),
                i % 3 == 0 ? SignalsIT.WATER : "路灯不亮，晚上很黑",
                SignalFixture.north(random.nextInt(5000)),
                SignalFixture.LON + random.nextInt(5000) / 85_000.0);
        signals += processor.handle(ticket).await(10, TimeUnit.SECONDS).size();
        if (i % 10 == 0) {
          signals +=
              processor
                  .handle(f.closed(ticket, t.plusSeconds(600)))
                  .await(10, TimeUnit.SECONDS)
                  .size();
        }
      }
      double wallMs = (System.nanoTime() - wall0) / 1e6;
      double cpuMs = (cpu() - cpu0) / 1e6;
      long bytes = 0;
      for (String key : keys.state()) {
        var r = h.send(Request.cmd(Command.MEMORY).arg("USAGE").arg(key).arg("SAMPLES").arg(0));
        bytes += r == null ? 0 : r.toLong();
      }
      System.out.printf(
          "[signals cost] %d tickets: %d signals, wall %.0f ms, JVM CPU %.0f ms, state %d B"
              + " (%.0f B per ticket, %.0f B per citizen)%n",
          TICKETS, signals, wallMs, cpuMs, bytes, bytes / (double) TICKETS, bytes / 300.0);
      assertThat(wallMs).isLessThan(Duration.ofSeconds(60).toMillis());
      assertThat(bytes / TICKETS).isLessThan(2048);
      for (String key : keys.state()) {
        h.send(Request.cmd(Command.DEL).arg(key));
      }
      h.send(Request.cmd(Command.DEL).arg(keys.output()));
    }
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
