package cn.gov12345.intake.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.RouteConfig;
import cn.gov12345.intake.model.EventTypes;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure rules of delivery: routing, the retry schedule, outcomes, the circuit breaker. */
class DeliveryRulesTest {

  static final Clock NOW = Clock.fixed(Instant.parse("2026-01-15T02:30:00Z"), ZoneOffset.UTC);

  static JsonObject ticket(String channel, String appealType, String region, String text) {
    return new JsonObject()
        .put("id", "e1")
        .put(
            "data",
            new JsonObject()
                .put("channel", channel)
                .put("appealType", appealType)
                .put("text", text)
                .put("location", new JsonObject().put("regionCode", region)));
  }

  @Test
  void aRouteLetsThroughOnlyTicketsMatchingEveryConfiguredRule() {
    Route route =
        new Route(
            List.of(EventTypes.TICKET_OPENED),
            new RouteConfig(
                List.of("webhook"), List.of("complaint"), List.of("1101"), List.of("停水")));
    String opened = EventTypes.TICKET_OPENED;

    assertThat(route.matches(opened, ticket("webhook", "complaint", "110105", "小区停水三天"))).isTrue();
    assertThat(route.matches(opened, ticket("wechat", "complaint", "110105", "停水"))).isFalse();
    assertThat(route.matches(opened, ticket("webhook", "help", "110105", "停水"))).isFalse();
    assertThat(route.matches(opened, ticket("webhook", "complaint", "310101", "停水"))).isFalse();
    assertThat(route.matches(opened, ticket("webhook", "complaint", "110105", "停电"))).isFalse();
    assertThat(
            route.matches(
                EventTypes.MESSAGE_RECEIVED, ticket("webhook", "complaint", "110105", "停水")))
        .as("a type the destination does not take")
        .isFalse();
    assertThat(route.matches(opened, null)).as("an unreadable event").isFalse();
  }

  @Test
  void anEmptyRouteLetsEveryTicketThrough() {
    Route route = new Route(List.of(EventTypes.TICKET_OPENED), RouteConfig.all());

    assertThat(route.matches(EventTypes.TICKET_OPENED, new JsonObject().put("id", "e"))).isTrue();
  }

  @Test
  void theScheduleGivesTheDelayBeforeEachAttemptThenNothing() {
    RetryPolicy policy =
        new RetryPolicy(
            List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5)), 0, () -> 0.5);

    assertThat(policy.nextDelayMillis(1)).hasValue(5_000);
    assertThat(policy.nextDelayMillis(2)).hasValue(300_000);
    assertThat(policy.nextDelayMillis(3)).as("the last attempt was made").isEmpty();
  }

  @Test
  void jitterVariesTheDelayWithinItsFractionEitherWay() {
    List<Duration> schedule = List.of(Duration.ZERO, Duration.ofSeconds(10));

    assertThat(new RetryPolicy(schedule, 0.1, () -> 0.0).nextDelayMillis(1)).hasValue(9_000);
    assertThat(new RetryPolicy(schedule, 0.1, () -> 0.999_999).nextDelayMillis(1)).hasValue(11_000);
  }

  @Test
  void answersAreClassifiedByStatusAndRetryAfterIsRead() {
    assertThat(AttemptOutcome.ofStatus(204, null, NOW).kind())
        .isEqualTo(AttemptOutcome.Kind.DELIVERED);
    assertThat(AttemptOutcome.ofStatus(410, null, NOW).kind()).isEqualTo(AttemptOutcome.Kind.GONE);
    assertThat(AttemptOutcome.ofStatus(302, null, NOW).kind())
        .isEqualTo(AttemptOutcome.Kind.FAILED);
    assertThat(AttemptOutcome.ofStatus(400, null, NOW).kind())
        .isEqualTo(AttemptOutcome.Kind.FAILED);
    AttemptOutcome busy = AttemptOutcome.ofStatus(429, "7", NOW);
    assertThat(busy.kind()).isEqualTo(AttemptOutcome.Kind.THROTTLED);
    assertThat(busy.retryAfterMillis()).isEqualTo(7_000);
    assertThat(
            AttemptOutcome.ofStatus(503, "Thu, 15 Jan 2026 02:31:00 GMT", NOW).retryAfterMillis())
        .isEqualTo(60_000);
    assertThat(AttemptOutcome.ofStatus(503, "soon", NOW).retryAfterMillis()).isEqualTo(-1);
    assertThat(AttemptOutcome.ofStatus(503, "99999999999", NOW).retryAfterMillis())
        .as("capped at 24 h")
        .isEqualTo(Duration.ofHours(24).toMillis());
  }

  @Test
  void theBreakerOpensAfterFailuresInARowThenLetsOneProbeThrough() {
    MutableClock clock = new MutableClock();
    CircuitBreaker breaker = new CircuitBreaker(3, 1_000, clock);

    breaker.failed();
    breaker.failed();
    assertThat(breaker.permits(8, 0)).isEqualTo(8);
    breaker.failed();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.permits(8, 0)).isZero();

    clock.millis += 1_000;
    assertThat(breaker.permits(8, 0)).as("one probe").isEqualTo(1);
    assertThat(breaker.permits(7, 1)).as("while the probe runs, nothing else").isZero();
    breaker.failed();
    assertThat(breaker.permits(8, 0)).as("the probe failed: open again").isZero();

    clock.millis += 1_000;
    breaker.permits(8, 0);
    breaker.succeeded();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.permits(8, 0)).isEqualTo(8);
  }

  @Test
  void aSuccessBetweenFailuresKeepsTheBreakerClosed() {
    CircuitBreaker breaker = new CircuitBreaker(3, 1_000, NOW);

    breaker.failed();
    breaker.failed();
    breaker.succeeded();
    breaker.failed();
    breaker.failed();

    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  static final class MutableClock extends Clock {
    long millis = 1_000_000;

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
