package cn.gov12345.intake.signals;

import static cn.gov12345.intake.signals.SignalFixture.north;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.EventSchemas;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linking on verified keys only (a caller's number, an app's verified phone claim; never a phone
 * typed into a form; an ambiguous key parked) and the early-warning alerts, against real Redis.
 */
@Tag("cluster")
class SignalLinksAndAlertsIT {

  static final Instant T0 = SignalsIT.T0;

  SignalsHarness h;
  final SignalFixture f = new SignalFixture();

  @BeforeEach
  void start() throws Exception {
    h = new SignalsHarness(SignalsIT.config());
    h.startWorker();
    h.startWorker();
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void aPhoneTypedIntoAWebFormLinksNothing() {
    JsonObject call =
        f.opened(T0, "telephony", "phone", "13800000001", SignalsIT.WATER, SignalFixture.LAT);
    h.append(call);
    h.append(f.closed(call, T0.plus(Duration.ofDays(1))), call);
    // the same number typed into the web form: the same pseudonym, but nothing verified it
    h.append(
        f.opened(
            T0.plus(Duration.ofDays(2)),
            "web",
            "phone",
            "13800000001",
            SignalsIT.WATER,
            north(10)));
    h.awaitIdle();

    assertThat(h.signals(SignalTypes.SUPERVISION_CLUE)).isEmpty();
    assertThat(h.signals(SignalTypes.CITIZEN_LINKED)).isEmpty();
    // a different citizen as far as the signals know: a suspected duplicate, not a repeat
    assertThat(h.signals(SignalTypes.DUPLICATE_SUSPECTED)).hasSize(1);
  }

  @Test
  void anAppUsersVerifiedPhoneClaimLinksTheCallerAndTheirRepeatIsAClue() {
    JsonObject call =
        f.opened(T0, "telephony", "phone", "13800000002", SignalsIT.WATER, SignalFixture.LAT);
    h.append(call);
    h.append(f.closed(call, T0.plus(Duration.ofDays(1))), call);
    h.awaitIdle();
    JsonObject app =
        SignalFixture.withKey(
            f.opened(
                T0.plus(Duration.ofDays(3)),
                "app",
                "app_user",
                "app-user-1",
                SignalsIT.WATER,
                north(20)),
            "app_phone_claim",
            "13800000002");
    h.append(app);
    h.awaitIdle();

    List<JsonObject> links = h.signals(SignalTypes.CITIZEN_LINKED);
    assertThat(links).hasSize(1);
    assertThat(links.get(0).getJsonObject("data").getString("evidence"))
        .isEqualTo("app_phone_claim");
    assertThat(
            links.get(0).getJsonObject("data").getJsonArray("citizens").stream()
                .map(Object::toString)
                .toList())
        .containsExactlyInAnyOrder(
            "phone:" + SignalFixture.pseudonym("13800000002"),
            "app_user:" + SignalFixture.pseudonym("app-user-1"));
    assertThat(h.signals(SignalTypes.SUPERVISION_CLUE)).hasSize(1);
    assertThat(h.signals(SignalTypes.DUPLICATE_SUSPECTED)).isEmpty();
    h.signals().forEach(s -> EventSchemas.assertValid(s.encode()));
  }

  @Test
  void aNumberClaimedByTwoAppUsersIsParkedNeverMerged() {
    JsonObject call = f.opened(T0, "telephony", "phone", "13800000003", "路灯不亮", null);
    h.append(call);
    h.append(
        SignalFixture.withKey(
            f.opened(T0.plusSeconds(60), "app", "app_user", "app-a", "噪音扰民", null),
            "app_phone_claim",
            "13800000009"));
    h.append(
        SignalFixture.withKey(
            f.opened(T0.plusSeconds(120), "app", "app_user", "app-b", "噪音扰民", null),
            "app_phone_claim",
            "13800000009"));
    h.append(
        SignalFixture.withKey(
            f.opened(T0.plusSeconds(180), "app", "app_user", "app-c", "路灯不亮", null),
            "app_phone_claim",
            "13800000003"));
    h.awaitIdle();

    List<JsonObject> links = h.signals(SignalTypes.CITIZEN_LINKED);
    assertThat(links).hasSize(1);
    assertThat(
            links.get(0).getJsonObject("data").getJsonArray("citizens").stream()
                .map(Object::toString)
                .toList())
        .contains("app_user:" + SignalFixture.pseudonym("app-c"));
  }

  @Test
  void aBurstRaisesOneAlertPerSeriesWithinMinutesAndClearsAfter() {
    // background: one 停水 ticket every 20 minutes for 6 hours in 110105, then 12 within 4 minutes
    Instant t = T0;
    for (int i = 0; i < 18; i++, t = t.plus(Duration.ofMinutes(20))) {
      h.append(f.opened(t, "telephony", "phone", "bg-" + i, SignalsIT.WATER, null));
    }
    // read in (near) real time, as the live worker does: alert steps follow the reading order
    h.awaitIdle();
    Instant burst = t;
    for (int i = 0; i < 12; i++) {
      h.append(
          f.opened(
              burst.plusSeconds(20L * i),
              "telephony",
              "phone",
              "burst-" + i,
              SignalsIT.WATER,
              null));
    }
    h.awaitIdle();
    for (int i = 1; i <= 6; i++) {
      h.append(
          f.opened(
              burst.plus(Duration.ofMinutes(20L * i)),
              "telephony",
              "phone",
              "after-" + i,
              SignalsIT.WATER,
              null));
    }
    h.awaitIdle();

    List<JsonObject> district =
        h.signals(SignalTypes.ALERT_RAISED).stream()
            .filter(a -> "110105".equals(a.getJsonObject("data").getString("regionCode")))
            .toList();
    assertThat(district).hasSize(1);
    JsonObject raised = district.get(0).getJsonObject("data");
    assertThat(raised.getString("category")).isEqualTo("停水");
    assertThat(raised.getLong("count")).isGreaterThanOrEqualTo(8);
    assertThat(Duration.between(burst, Instant.parse(raised.getString("windowEnd"))))
        .isLessThanOrEqualTo(Duration.ofMinutes(5));
    assertThat(h.signals(SignalTypes.ALERT_RAISED)).hasSize(3);
    List<JsonObject> cleared =
        h.signals(SignalTypes.ALERT_CLEARED).stream()
            .filter(
                a ->
                    raised
                        .getString("alertId")
                        .equals(a.getJsonObject("data").getString("alertId")))
            .toList();
    assertThat(cleared).hasSize(1);
    h.signals().forEach(s -> EventSchemas.assertValid(s.encode()));
  }
}
