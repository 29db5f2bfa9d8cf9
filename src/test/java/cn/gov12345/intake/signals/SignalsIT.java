package cn.gov12345.intake.signals;

import static cn.gov12345.intake.signals.SignalFixture.north;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.SignalsConfig;
import cn.gov12345.intake.support.EventSchemas;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The signals worker against real Redis (and the Cluster, with the cluster suite): two replicas
 * read every partition's tickets stream; each rule's signal is emitted once, replaying the same
 * source events emits nothing new, and a replay into a fresh namespace emits the same signals.
 */
@Tag("cluster")
public class SignalsIT {

  public static final Instant T0 = Instant.parse("2026-01-05T01:00:00Z");
  public static final String WATER = "小区停水了，一直没有来水，请尽快处理。";

  public static SignalsConfig config() {
    return new SignalsConfig(
        true,
        "signals",
        Duration.ofMillis(50),
        50,
        Duration.ofSeconds(2),
        null,
        50,
        Duration.ofDays(30),
        Duration.ofHours(72),
        null,
        List.of(new SignalsConfig.Category("停水", List.of("停水", "没水"))),
        new SignalsConfig.AlertsConfig(
            Duration.ofMinutes(1),
            0.02,
            List.of(new SignalsConfig.AlertWindow(Duration.ofMinutes(15), 8, 3.0)),
            List.of("燃气泄漏")));
  }

  SignalsHarness h;
  final SignalFixture f = new SignalFixture();

  @BeforeEach
  void start() throws Exception {
    h = new SignalsHarness(config());
    h.startWorker();
    h.startWorker();
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private JsonObject call(Instant at, String who, String text, Double lat) {
    return f.opened(at, "telephony", "phone", who, text, lat);
  }

  @Test
  void aRepeatContactAfterClosureYieldsOneSupervisionClueAndAnUnrelatedAppealNone() {
    JsonObject first = call(T0, "caller-1", WATER, SignalFixture.LAT);
    JsonObject again = call(T0.plus(Duration.ofDays(5)), "caller-1", "还是没水，上次说修好了", north(30));
    JsonObject unrelated = call(T0.plus(Duration.ofDays(6)), "caller-1", "路灯不亮", north(2000));
    h.append(first);
    h.append(f.closed(first, T0.plus(Duration.ofDays(1))), first);
    h.append(again);
    h.append(unrelated);
    h.awaitIdle();

    List<JsonObject> clues = h.signals(SignalTypes.SUPERVISION_CLUE);
    assertThat(clues).hasSize(1);
    JsonObject data = clues.get(0).getJsonObject("data");
    assertThat(data.getJsonObject("closedTicket").getString("ticketId"))
        .isEqualTo(first.getJsonObject("data").getString("ticketId"));
    assertThat(data.getJsonObject("newTicket").getString("ticketId"))
        .isEqualTo(again.getJsonObject("data").getString("ticketId"));
    assertThat(data.getString("match")).isEqualTo("radius");
    assertThat(data.getLong("distanceMeters")).isBetween(25L, 35L);
    h.signals().forEach(s -> EventSchemas.assertValid(s.encode()));
  }

  @Test
  void theSameSourceEventsAppendedAgainEmitNothingNew() {
    JsonObject first = call(T0, "caller-2", WATER, SignalFixture.LAT);
    JsonObject closed = f.closed(first, T0.plus(Duration.ofDays(1)));
    JsonObject again = call(T0.plus(Duration.ofDays(2)), "caller-2", WATER, north(10));
    h.append(first);
    h.append(closed, first);
    h.append(again);
    h.awaitIdle();
    int before = h.signals().size();
    assertThat(h.signals(SignalTypes.SUPERVISION_CLUE)).hasSize(1);

    h.append(first);
    h.append(closed, first);
    h.append(again);
    h.awaitIdle();

    assertThat(h.signals()).hasSize(before);
  }

  @Test
  void aClosureReadAfterTheRepeatStillYieldsTheClue() {
    JsonObject first = call(T0, "caller-3", WATER, null);
    JsonObject again =
        call(
            T0.plus(Duration.ofDays(3)),
            "caller-3",
            "我上次的工单" + first.getJsonObject("data").getString("trackingNumber") + "没解决",
            null);
    h.append(first);
    h.append(again);
    h.append(f.closed(first, T0.plus(Duration.ofDays(1))), first);
    h.awaitIdle();

    List<JsonObject> clues = h.signals(SignalTypes.SUPERVISION_CLUE);
    assertThat(clues).hasSize(1);
    assertThat(clues.get(0).getJsonObject("data").getString("match")).isEqualTo("tracking_number");
  }

  @Test
  void nearbyReportsOfDifferentCitizensAreSuspectedDuplicatesNeverMerged() {
    JsonObject a = call(T0, "neighbour-a", WATER, SignalFixture.LAT);
    JsonObject b = call(T0.plus(Duration.ofHours(1)), "neighbour-b", WATER, north(40));
    JsonObject far = call(T0.plus(Duration.ofHours(2)), "neighbour-c", WATER, north(400));
    JsonObject late = call(T0.plus(Duration.ofDays(5)), "neighbour-d", WATER, north(5));
    List.of(a, b, far, late).forEach(h::append);
    h.awaitIdle();

    List<JsonObject> dups = h.signals(SignalTypes.DUPLICATE_SUSPECTED);
    assertThat(dups).hasSize(1);
    JsonObject data = dups.get(0).getJsonObject("data");
    assertThat(data.getString("relation")).isEqualTo("duplicate");
    assertThat(data.getJsonArray("tickets").getJsonObject(0).getString("ticketId"))
        .isEqualTo(a.getJsonObject("data").getString("ticketId"));
    assertThat(h.signals(SignalTypes.SUPERVISION_CLUE)).isEmpty();
    dups.forEach(s -> EventSchemas.assertValid(s.encode()));
  }

  @Test
  void theSameCitizenAgainWhileTheTicketIsOpenIsASupplement() {
    h.append(call(T0, "caller-5", WATER, SignalFixture.LAT));
    h.append(call(T0.plus(Duration.ofHours(3)), "caller-5", "补充：楼下水管漏水，还是没水", north(20)));
    h.awaitIdle();

    List<JsonObject> dups = h.signals(SignalTypes.DUPLICATE_SUSPECTED);
    assertThat(dups).hasSize(1);
    assertThat(dups.get(0).getJsonObject("data").getString("relation")).isEqualTo("supplement");
  }

  @Test
  void replayingTheRangeIntoAFreshNamespaceEmitsTheSameSignals() throws Exception {
    JsonObject first = call(T0, "caller-6", WATER, SignalFixture.LAT);
    h.append(first);
    h.append(call(T0.plus(Duration.ofHours(1)), "neighbour-6", WATER, north(30)));
    h.append(f.closed(first, T0.plus(Duration.ofDays(1))), first);
    h.append(call(T0.plus(Duration.ofDays(4)), "caller-6", WATER, north(15)));
    h.awaitIdle();
    assertThat(h.signals()).hasSizeGreaterThanOrEqualTo(2);

    SignalReplay replay = new SignalReplay(h.config, h.keys, h.prefix, h.redis::send);
    Instant from = Instant.now().minus(Duration.ofMinutes(5));
    Instant to = Instant.now().plus(Duration.ofMinutes(5));
    SignalReplay.Result once = replay.run(from, to, true).await(30, TimeUnit.SECONDS);
    SignalReplay.Result twice = replay.run(from, to, false).await(30, TimeUnit.SECONDS);

    assertThat(once.same()).as("missing %s extra %s", once.missing(), once.extra()).isTrue();
    assertThat(once.signals())
        .extracting(Signal::id)
        .containsExactlyInAnyOrderElementsOf(
            h.signals().stream().map(s -> s.getString("id")).toList());
    assertThat(twice.signals())
        .extracting(Signal::event)
        .isEqualTo(once.signals().stream().map(Signal::event).toList());
  }
}
