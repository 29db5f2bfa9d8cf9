package cn.gov12345.intake.channel.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.model.AppealType;
import cn.gov12345.intake.model.CitizenRef.IdScheme;
import cn.gov12345.intake.model.Inbound;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Services, keys and requests of the Open311 channel. */
class Open311ChannelTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T02:30:00Z"), ZoneOffset.UTC);
  final Open311Channel channel = Open311Fixtures.channel(CLOCK);

  static FormBody form(String... pairs) {
    StringBuilder raw = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      raw.append(pairs[i])
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8))
          .append('&');
    }
    return FormBody.parse(raw.toString());
  }

  Inbound accept(FormBody form) {
    return channel.accept("city-app", form, null);
  }

  @Test
  void servicesFollowTheGeoReportFieldsAndTheConfiguredOrder() {
    var services = channel.services();

    assertThat(services.get(0))
        .containsEntry("service_code", "water-supply")
        .containsEntry("metadata", false)
        .containsEntry("type", "realtime")
        .containsEntry("keywords", "停水,水压,水管,水质")
        .containsEntry("group", "市政公用");
  }

  @Test
  void onlyAConfiguredKeyAuthenticates() {
    assertThat(channel.authenticate(" " + Open311Fixtures.KEY + " ")).isEqualTo("city-app");
    assertThatThrownBy(() -> channel.authenticate(Open311Fixtures.KEY + "x"))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> assertThat(e.errorCode().code()).isEqualTo("invalid_api_key"));
    assertThatThrownBy(() -> channel.authenticate(null)).isInstanceOf(ChannelException.class);
  }

  @Test
  void theCitizenIsThePhoneElseTheAccountElseTheEmailElseTheDeviceElseAnonymous() {
    String[] place = {"service_code", "noise", "address_string", "望京", "description", "吵"};

    assertThat(accept(with(place, "phone", "010-6512 3456")).citizen().scheme())
        .isEqualTo(IdScheme.PHONE);
    assertThat(accept(with(place, "account_id", "u1", "email", "a@b.cn")).citizen().id())
        .isEqualTo("city-app:account:u1");
    assertThat(accept(with(place, "email", "A@B.cn", "device_id", "d1")).citizen().id())
        .isEqualTo("city-app:email:a@b.cn");
    assertThat(accept(with(place, "device_id", "d1")).citizen().id())
        .isEqualTo("city-app:device:d1");
    assertThat(accept(form(place)).citizen().scheme()).isEqualTo(IdScheme.ANONYMOUS);
  }

  @Test
  void namesAreWrittenFamilyNameFirstInChineseAndGivenNameFirstOtherwise() {
    String[] place = {"service_code", "noise", "address_string", "望京", "description", "吵"};

    assertThat(accept(with(place, "first_name", "三", "last_name", "张")).citizen().name())
        .isEqualTo("张三");
    assertThat(accept(with(place, "first_name", "Ada", "last_name", "Li")).citizen().name())
        .isEqualTo("Ada Li");
    assertThat(accept(with(place, "last_name", "张")).citizen().name()).isEqualTo("张");
  }

  @Test
  void theServiceGivesTheAppealTypeAndCategory() {
    Inbound in =
        accept(
            form(
                "service_code",
                "illegal-construction",
                "lat",
                "39.9",
                "long",
                "116.4",
                "description",
                "违建"));

    assertThat(in.appealType()).isEqualTo(AppealType.REPORT);
    assertThat(in.channelData()).containsEntry("category", "违法建设");
    assertThat(in.location().latitude()).isEqualTo(39.9);
    assertThat(in.opensTicket()).isTrue();
  }

  @Test
  void twoIdenticalAnonymousFormsWithoutIdempotencyKeyAreTwoRequestsNeverOne() {
    AtomicInteger n = new AtomicInteger();
    Open311Channel counting = Open311Fixtures.channel(CLOCK, () -> "r" + n.incrementAndGet());
    FormBody a =
        form("api_key", "k1", "service_code", "noise", "address_string", "x", "description", "y");
    FormBody b =
        form("api_key", "k1", "service_code", "noise", "address_string", "x", "description", "y");

    Inbound first = counting.accept("city-app", a, null);
    Inbound second = counting.accept("city-app", b, null);

    assertThat(first.dedupKey()).isEqualTo("request:r1");
    assertThat(second.dedupKey()).isEqualTo("request:r2");
    assertThat(first.citizen().id()).isNotEqualTo(second.citizen().id());
    assertThat(counting.accept("city-app", a, "req-1").dedupKey()).isEqualTo("key:req-1");
    assertThat(counting.accept("city-app", b, " req-1 ").dedupKey()).isEqualTo("key:req-1");
  }

  @Test
  void badFieldsAreRefused() {
    String[] ok = {"service_code", "noise", "address_string", "望京", "description", "吵"};

    assertRefused(form("address_string", "x", "description", "y"));
    assertRefused(form("service_code", "noise", "description", "y"));
    assertRefused(form("service_code", "noise", "address_string", "x"));
    assertRefused(with(ok, "lat", "91", "long", "0"));
    assertRefused(with(ok, "lat", "NaN", "long", "0"));
    assertRefused(with(ok, "lat", "north", "long", "0"));
    assertRefused(with(ok, "phone", "not a number"));
    assertRefused(with(ok, "email", "nobody"));
    assertRefused(with(ok, "media_url", "ftp://x/y.jpg"));
    assertRefused(with(ok, "media_url", "/relative.jpg"));
    assertRefused(with(ok, "account_id", "has space"));
    assertRefused(with(ok, "first_name", "a\u0001b"));
    assertRefused(
        form("service_code", "noise", "address_string", "x", "description", "长".repeat(4001)));
    assertThatThrownBy(() -> channel.accept("city-app", form(ok), "bad key"))
        .isInstanceOf(ChannelException.class);
  }

  private void assertRefused(FormBody form) {
    assertThatThrownBy(() -> accept(form))
        .isInstanceOfSatisfying(
            ChannelException.class, e -> assertThat(e.errorCode().status()).isEqualTo(400));
  }

  private static FormBody with(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return form(all);
  }
}
