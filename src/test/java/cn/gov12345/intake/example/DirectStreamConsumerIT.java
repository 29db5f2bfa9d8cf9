package cn.gov12345.intake.example;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The example consumer of docs/streams.md against real Redis, with tickets accepted through the
 * gateway: its own group on every partition, ack after handling, reclaim of a dead worker's
 * entries.
 */
class DirectStreamConsumerIT {

  private static final int PARTITIONS = 3;

  @Test
  void everyTicketIsHandledOnceAndAcknowledgedOnEveryPartition() throws Exception {
    try (TestGateway gateway = start()) {
      List<String> handled = new ArrayList<>();
      try (DirectStreamConsumer worker =
          consumer(gateway, "w1", Duration.ofMinutes(1), record(handled))) {
        worker.createGroups();
        worker.createGroups();
        Set<String> accepted = submit(gateway, 30);

        pollUntil(worker, () -> handled.size() >= 30);
        worker.pollOnce();

        assertThat(handled).hasSize(30);
        assertThat(new HashSet<>(handled)).isEqualTo(accepted);
        for (int p = 0; p < PARTITIONS; p++) {
          String stream = gateway.keys().tickets(p);
          assertThat(pending(stream, "crm"))
              .as("nothing left unacknowledged in %s", stream)
              .isZero();
          assertThat(TestRedis.call(Command.XINFO, "GROUPS", stream).toString()).contains("crm");
        }
      }
    }
  }

  @Test
  void aDeadWorkersEntriesAreReclaimedByAnotherOnlyAfterTheIdleTime() throws Exception {
    try (TestGateway gateway = start()) {
      List<String> seenByDead = new ArrayList<>();
      DirectStreamConsumer.Handler dies =
          (p, id, json) -> {
            seenByDead.add(eventTicket(json));
            throw new IllegalStateException("the process dies before it acknowledges");
          };
      try (DirectStreamConsumer dead = consumer(gateway, "dead", Duration.ofMinutes(1), dies)) {
        dead.createGroups();
        Set<String> accepted = submit(gateway, 12);
        pollUntil(dead, () -> seenByDead.size() >= 12);
        assertThat(new HashSet<>(seenByDead)).isEqualTo(accepted);
      }
      assertThat(totalPending(gateway, "crm"))
          .as("the dead worker left its entries pending")
          .isEqualTo(12);

      List<String> reclaimed = new ArrayList<>();
      Duration minIdle = Duration.ofMillis(1500);
      try (DirectStreamConsumer heir = consumer(gateway, "heir", minIdle, record(reclaimed))) {
        heir.createGroups();
        assertThat(heir.pollOnce()).as("not yet idle long enough to be taken over").isZero();
        assertThat(reclaimed).isEmpty();

        pollUntil(heir, () -> reclaimed.size() >= 12);

        assertThat(new HashSet<>(reclaimed)).isEqualTo(new HashSet<>(seenByDead));
        assertThat(reclaimed).hasSize(12);
        assertThat(totalPending(gateway, "crm")).isZero();
      }
    }
  }

  @Test
  void theExampleRunsFromThePackagedJarAndPrintsEveryEvent() throws Exception {
    Path jar = Path.of("target", "intake-gateway.jar");
    assertThat(jar).as("run after `package`").exists();
    try (TestGateway gateway = start()) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process process =
          new ProcessBuilder(
                  java,
                  "-cp",
                  jar.toString(),
                  DirectStreamConsumer.class.getName(),
                  TestRedis.url(),
                  "printer",
                  "worker-1",
                  gateway.prefix(),
                  Integer.toString(PARTITIONS))
              .redirectErrorStream(true)
              .start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> readLines(process, lines), "example-output");
      reader.setDaemon(true);
      reader.start();
      try {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
          JsonObject r = new JsonObject(gateway.webhooks().post(body(900 + i)).body());
          ids.add(r.getString("ticketId"));
        }
        List<String> printed = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (printed.size() < 5 && System.nanoTime() < deadline) {
          String line = lines.poll(1, TimeUnit.SECONDS);
          if (line != null && line.contains("cn.gov12345.intake.ticket.opened.v1")) {
            printed.add(line);
          }
        }
        assertThat(printed).hasSize(5).allMatch(l -> l.matches("p[0-2] \\d+-\\d+ \\S+ \\S+"));
        assertThat(printed).noneMatch(l -> l.contains("1380013"));
      } finally {
        process.destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exits on SIGTERM").isTrue();
      }
      assertThat(totalPending(gateway, "printer")).isZero();
    }
  }

  private static TestGateway start() throws Exception {
    return TestGateway.start("stream:\n  partitions: " + PARTITIONS + "\n", Clock.systemUTC());
  }

  private static DirectStreamConsumer consumer(
      TestGateway gateway, String name, Duration minIdle, DirectStreamConsumer.Handler handler) {
    return new DirectStreamConsumer(
        TestRedis.url(), gateway.prefix(), PARTITIONS, "crm", name, minIdle, handler);
  }

  private static DirectStreamConsumer.Handler record(List<String> into) {
    return (p, id, json) -> into.add(eventTicket(json));
  }

  private static String eventTicket(String json) {
    return new JsonObject(json).getJsonObject("data").getString("ticketId");
  }

  private static Set<String> submit(TestGateway gateway, int n) {
    Set<String> tickets = new HashSet<>();
    for (int i = 0; i < n; i++) {
      var response = gateway.webhooks().post(body(i));
      assertThat(response.statusCode()).isEqualTo(202);
      tickets.add(new JsonObject(response.body()).getString("ticketId"));
    }
    return tickets;
  }

  private static String body(int n) {
    return "{\"text\":\"井盖丢失\",\"citizen\":{\"phone\":\"1380013"
        + String.format("%04d", n)
        + "\"}}";
  }

  private static void pollUntil(DirectStreamConsumer c, Supplier<Boolean> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!done.get() && System.nanoTime() < deadline) {
      if (c.pollOnce() == 0) {
        Thread.sleep(100);
      }
    }
  }

  private static long pending(String stream, String group) {
    return TestRedis.call(Command.XPENDING, stream, group).get(0).toLong();
  }

  private static long totalPending(TestGateway gateway, String group) {
    long total = 0;
    for (int p = 0; p < PARTITIONS; p++) {
      total += pending(gateway.keys().tickets(p), group);
    }
    return total;
  }

  private static void readLines(Process process, BlockingQueue<String> into) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        into.add(line);
      }
    } catch (java.io.IOException e) {
      // the process ended
    }
  }
}
