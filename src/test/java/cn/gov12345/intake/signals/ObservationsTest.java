package cn.gov12345.intake.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the signals record of a tickets-stream event: pure, no Redis. */
class ObservationsTest {

  static final Instant AT = Instant.parse("2026-01-05T01:00:00Z");

  final SignalFixture f = new SignalFixture();
  final Observations observations = new Observations(SignalsIT.config());

  @Test
  void aCallersNumberIsAVerifiedKeyButTheSameNumberTypedIntoAFormIsNot() {
    JsonObject call = observations.of(f.opened(AT, "telephony", "phone", "138", "停水", null));
    JsonObject form = observations.of(f.opened(AT, "web", "phone", "138", "停水", null));

    String p = SignalFixture.pseudonym("138");
    assertThat(call.getJsonObject("record").getString("p")).isEqualTo("phone:" + p);
    assertThat(call.getJsonArray("keys").getJsonObject(0).getString("key")).isEqualTo("phone:" + p);
    assertThat(form.getJsonObject("record").getString("p")).isEqualTo("claimed-phone:web:" + p);
    assertThat(form.getJsonArray("keys")).isEmpty();
  }

  @Test
  void anSmsSenderIsTheSameVerifiedCitizenAsTheCallerOfThatNumber() {
    JsonObject call = observations.of(f.opened(AT, "telephony", "phone", "139", "停水", null));
    JsonObject text = observations.of(f.opened(AT, "sms", "phone", "139", "还是没水", null));

    assertThat(text.getJsonObject("record").getString("p"))
        .isEqualTo(call.getJsonObject("record").getString("p"));
    assertThat(text.getJsonArray("keys").getJsonObject(0).getString("kind"))
        .isEqualTo("sms_sender");
    assertThat(text.getJsonArray("keys").getJsonObject(0).getString("key"))
        .isEqualTo(call.getJsonArray("keys").getJsonObject(0).getString("key"));
  }

  @Test
  void aVerifiedKeyCountsOnlyFromTheChannelThatCanVerifyIt() {
    JsonObject fromApp =
        SignalFixture.withKey(
            f.opened(AT, "app", "app_user", "u1", "停水", null), "app_phone_claim", "138");
    JsonObject fromWebhook =
        SignalFixture.withKey(
            f.opened(AT, "webhook", "partner_user", "u2", "停水", null), "app_phone_claim", "138");

    assertThat(observations.of(fromApp).getJsonArray("keys").getJsonObject(0).getString("key"))
        .isEqualTo("phone:" + SignalFixture.pseudonym("138"));
    assertThat(observations.of(fromWebhook).getJsonArray("keys")).isEmpty();
  }

  @Test
  void theCategoryIsTheFirstMatchingKeywordCategoryElseTheAppealType() {
    JsonObject water = observations.of(f.opened(AT, "telephony", "phone", "a", "家里没水了", null));
    JsonObject other = observations.of(f.opened(AT, "telephony", "phone", "a", "路灯不亮", null));

    assertThat(water.getJsonObject("record").getString("c")).isEqualTo("停水");
    assertThat(other.getJsonObject("record").getString("c")).isEqualTo("complaint");
  }

  @Test
  void alertSeriesAreTheCategoryAndWatchedKeywordsTimesThreeRegionLevels() {
    JsonObject o = observations.of(f.opened(AT, "telephony", "phone", "a", "燃气泄漏，楼道里没水", null));

    assertThat(o.getJsonArray("series").getList())
        .containsExactly(
            "停水|110105",
            "停水|1101",
            "停水|11",
            "keyword:燃气泄漏|110105",
            "keyword:燃气泄漏|1101",
            "keyword:燃气泄漏|11");
  }

  @Test
  void aNamedTrackingNumberCountsOnlyWithACorrectCheckDigit() {
    String good = SignalFixture.tracking(AT, 7);
    String bad = good.substring(0, 14) + (char) ('0' + (good.charAt(14) - '0' + 1) % 10);

    assertThat(Observations.named("上次 " + good + " 和 " + bad + " 都没解决", null).getList())
        .containsExactly(good);
  }

  @Test
  void nearbyPointsShareA3By3NeighbourhoodAndAddressesNormalize() {
    Places places = new Places(50);
    String here = places.cell(SignalFixture.LAT, SignalFixture.LON);
    assertThat(places.around(SignalFixture.north(45), SignalFixture.LON)).contains(here);
    assertThat(Places.addressHash("朝阳区 望京街道，3号楼")).isEqualTo(Places.addressHash("朝阳区望京街道3号楼"));
    assertThat(Places.addressHash(" ，")).isNull();
  }

  @Test
  void onlyClosuresAndReopeningsOfStatusEventsAreObserved() {
    JsonObject opened = f.opened(AT, "telephony", "phone", "a", "停水", null);
    JsonObject closed = f.closed(opened, AT.plusSeconds(60));
    JsonObject dispatched = closed.copy();
    dispatched.getJsonObject("data").put("status", "dispatched");

    assertThat(observations.of(closed).getBoolean("closed")).isTrue();
    assertThat(observations.of(dispatched)).isNull();
  }

  @Test
  void signalIdsAreUuidV7OfTheTimeAndStableForAKey() {
    String id = SignalEvents.id("repeat:a:b", AT.toEpochMilli());

    assertThat(id).matches("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    assertThat(SignalEvents.id("repeat:a:b", AT.toEpochMilli())).isEqualTo(id);
    assertThat(SignalEvents.id("repeat:a:c", AT.toEpochMilli())).isNotEqualTo(id);
  }
}
