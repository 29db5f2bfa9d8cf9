package cn.gov12345.intake.http;

import static cn.gov12345.intake.channel.wechat.WechatFixtures.msgId;
import static cn.gov12345.intake.channel.wechat.WechatFixtures.now;
import static cn.gov12345.intake.channel.wechat.WechatFixtures.openid;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.wechat.WechatFixtures;
import cn.gov12345.intake.channel.wechat.WechatSigner;
import cn.gov12345.intake.channel.wechat.io.MediaFetch;
import cn.gov12345.intake.media.FileMediaStore;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.vertx.redis.client.Command;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WeChat media: downloaded after the answer, stored, appended to the ticket; WireMock is WeChat.
 */
class WechatMediaIT {

  static final byte[] PNG = bytes("89504e470d0a1a0a0000000d49484452");
  static final byte[] JPEG = bytes("ffd8ffe000104a46494600010100");
  static final String MEDIA = "/cgi-bin/media/get";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final WechatSigner SIGNER = WechatSigner.test();

  @RegisterExtension static WireMockExtension wechat = TestDestinations.sink();

  @Test
  void aTextTwoPhotosAndALocationBecomeOneTicketWithBothPhotosStoredAndSniffed() throws Exception {
    tokenOk();
    media("media_a", PNG, "image/jpeg");
    media("media_b", JPEG, "application/octet-stream");
    try (TestGateway g = start()) {
      String user = openid();
      long t = now();
      push(g, WechatSigner.text(user, t, msgId(), "小区门口路灯坏了"));
      push(g, image(user, t + 1, "media_a"));
      push(g, image(user, t + 2, "media_b"));
      push(g, location(user, t + 3));

      List<JsonNode> stored = awaitAttachments(g, 2);
      List<JsonNode> tickets = tickets(g);
      assertThat(tickets).hasSize(6);
      assertThat(tickets.stream().map(e -> e.path("subject").asText()).distinct()).hasSize(1);
      assertThat(stored).extracting(a -> a.path("status").asText()).containsOnly("stored");
      assertThat(stored)
          .extracting(a -> a.path("mediaType").asText())
          .containsExactlyInAnyOrder("image/png", "image/jpeg");
      for (JsonNode a : stored) {
        byte[] onDisk = Files.readAllBytes(Path.of(URI.create(a.path("uri").asText())));
        assertThat(FileMediaStore.sha256(onDisk)).isEqualTo(a.path("sha256").asText());
        assertThat(onDisk).isIn(PNG, JPEG);
        assertThat(a.path("size").asLong()).isEqualTo(onDisk.length);
      }
      assertAllValidAndAnonymous(g, user);
      assertThat(TestRedis.call(Command.ZCARD, g.keys().mediaFetches(0)).toLong()).isZero();
      wechat.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
    }
  }

  @Test
  void aWeChatOutageDuringTheDownloadIsRetriedAndThePhotoStillArrives() throws Exception {
    tokenOk();
    wechat.stubFor(
        get(urlPathEqualTo(MEDIA))
            .inScenario("outage")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    wechat.stubFor(
        get(urlPathEqualTo(MEDIA))
            .inScenario("outage")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withBody(JPEG)));
    try (TestGateway g = start()) {
      String user = openid();
      push(g, image(user, now(), "media_c"));

      assertThat(tickets(g).get(0).path("type").asText()).isEqualTo(EventTypes.TICKET_OPENED);
      JsonNode a = awaitAttachments(g, 1).get(0);
      assertThat(a.path("status").asText()).isEqualTo("stored");
      assertThat(a.path("mediaType").asText()).isEqualTo("image/jpeg");
      wechat.verify(2, getRequestedFor(urlPathEqualTo(MEDIA)));
      assertAllValidAndAnonymous(g, user);
    }
  }

  @Test
  void anExpiredMediumAndAPersistentOutageAreRecordedUnavailableAndTheMessageStays()
      throws Exception {
    tokenOk();
    wechat.stubFor(
        get(urlPathEqualTo(MEDIA))
            .withQueryParam("media_id", equalTo("media_gone"))
            .willReturn(okJson("{\"errcode\":40007,\"errmsg\":\"invalid media_id\"}")));
    wechat.stubFor(
        get(urlPathEqualTo(MEDIA))
            .withQueryParam("media_id", equalTo("media_down"))
            .willReturn(aResponse().withStatus(503)));
    try (TestGateway g = start()) {
      String user = openid();
      push(g, image(user, now(), "media_gone"));
      push(g, image(user, now(), "media_down"));

      List<JsonNode> failed = awaitAttachments(g, 2);
      assertThat(failed).extracting(a -> a.path("status").asText()).containsOnly("unavailable");
      assertThat(failed)
          .extracting(a -> a.path("uri").asText() + " " + a.path("error").asText())
          .containsExactlyInAnyOrder(
              "wechat-media://" + WechatSigner.APP_ID + "/media_gone wechat_40007",
              "wechat-media://" + WechatSigner.APP_ID + "/media_down unavailable");
      wechat.verify(
          1,
          getRequestedFor(urlPathEqualTo(MEDIA)).withQueryParam("media_id", equalTo("media_gone")));
      wechat.verify(
          3,
          getRequestedFor(urlPathEqualTo(MEDIA)).withQueryParam("media_id", equalTo("media_down")));
      assertThat(TestRedis.events(g.keys().messages(0)))
          .hasSize(2)
          .allMatch(e -> e.contains("wechat-media://"));
      assertAllValidAndAnonymous(g, user);
    }
  }

  @Test
  void aFetchPendingInRedisIsDoneByTheNextGatewayAndOneOlderThanThreeDaysIsGivenUp()
      throws Exception {
    tokenOk();
    media("media_kept", PNG, "image/png");
    String prefix = TestRedis.freshPrefix();
    Ids ids = new Ids(Clock.systemUTC());
    long now = System.currentTimeMillis();
    String pending = prefix + ":{p0}:media:pending";
    TestRedis.call(Command.ZADD, pending, now, fetch(ids, "media_kept", now).toJson());
    long old = now - Duration.ofDays(3).plusMinutes(1).toMillis();
    TestRedis.call(Command.ZADD, pending, now, fetch(ids, "media_old", old).toJson());

    try (TestGateway g = TestGateway.startOn(prefix, yaml())) {
      List<JsonNode> done = awaitAttachments(g, 2);
      assertThat(done)
          .extracting(a -> a.path("status").asText() + " " + a.path("error").asText(""))
          .containsExactlyInAnyOrder("stored ", "unavailable expired");
      tickets(g).forEach(e -> EventSchemas.assertValid(e.toString()));
      wechat.verify(1, getRequestedFor(urlPathEqualTo(MEDIA)));
    }
  }

  private static MediaFetch fetch(Ids ids, String mediaId, long receivedAt) {
    return new MediaFetch(
        0,
        "plain",
        mediaId,
        "wechat-media://" + WechatSigner.APP_ID + "/" + mediaId,
        ids.next(),
        ids.next(),
        "261126000000015",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        receivedAt,
        0);
  }

  private static TestGateway start() throws Exception {
    return TestGateway.start(yaml(), Clock.systemUTC());
  }

  private static String yaml() {
    return WechatFixtures.yaml("10m", wechat.baseUrl(), "[100ms, 200ms]");
  }

  private static void tokenOk() {
    wechat.stubFor(
        get(urlPathEqualTo("/cgi-bin/token"))
            .willReturn(okJson("{\"access_token\":\"T\",\"expires_in\":7200}")));
  }

  private static void media(String id, byte[] body, String declared) {
    wechat.stubFor(
        get(urlPathEqualTo(MEDIA))
            .withQueryParam("access_token", equalTo("T"))
            .withQueryParam("media_id", equalTo(id))
            .willReturn(aResponse().withHeader("Content-Type", declared).withBody(body)));
  }

  /** The attachments of the ticket events with a fetch status, once there are {@code n}. */
  private static List<JsonNode> awaitAttachments(TestGateway g, int n) {
    Eventually.await(
        Duration.ofSeconds(15), () -> assertThat(fetched(g)).hasSizeGreaterThanOrEqualTo(n));
    return fetched(g);
  }

  private static List<JsonNode> fetched(TestGateway g) {
    return tickets(g).stream()
        .flatMap(e -> stream(e.path("data").path("attachments")))
        .filter(a -> a.has("status"))
        .toList();
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }

  private static void assertAllValidAndAnonymous(TestGateway g, String user) {
    List<String> all = new java.util.ArrayList<>(TestRedis.events(g.keys().messages(0)));
    all.addAll(TestRedis.events(g.keys().tickets(0)));
    assertThat(all).allSatisfy(EventSchemas::assertValid).noneMatch(e -> e.contains(user));
  }

  private static List<JsonNode> tickets(TestGateway g) {
    return TestRedis.events(g.keys().tickets(0)).stream().map(EventSchemas::read).toList();
  }

  private static void push(TestGateway g, String xml) throws Exception {
    String query = SIGNER.plainQuery(now(), "n" + msgId());
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(g.baseUrl() + "/channels/wechat/plain?" + query))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("success");
  }

  private static String image(String user, long t, String mediaId) {
    return WechatSigner.message(
        user,
        t,
        "image",
        "<PicUrl><![CDATA[http://mmbiz.qpic.cn/x]]></PicUrl><MediaId><![CDATA["
            + mediaId
            + "]]></MediaId><MsgId>"
            + msgId()
            + "</MsgId>");
  }

  private static String location(String user, long t) {
    return WechatSigner.message(
        user,
        t,
        "location",
        "<Location_X>39.915</Location_X><Location_Y>116.404</Location_Y><Scale>15</Scale>"
            + "<Label><![CDATA[朝阳区某小区]]></Label><MsgId>"
            + msgId()
            + "</MsgId>");
  }

  private static byte[] bytes(String hex) {
    return java.util.HexFormat.of().parseHex(hex);
  }
}
