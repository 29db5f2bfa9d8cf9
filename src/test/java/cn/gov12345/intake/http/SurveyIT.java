package cn.gov12345.intake.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.wechat.WechatFixtures;
import cn.gov12345.intake.config.PullConsumerConfig;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.MovableClock;
import cn.gov12345.intake.support.RedisDump;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TicketStream;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 回访 → 评价 on WeChat (docs/survey.md): a 已办结 report schedules one survey, sent after the delay as a
 * customer-service message; the citizen's "3" becomes ticket.rated (不满意) and a supervised
 * ticket.reopen.requested delivered to the supervision destination; a rating arrives once; with
 * several open surveys the citizen is asked which. WeChat and the supervision office are WireMocks;
 * the gateway's clock is moved past the delay.
 */
@Tag("cluster")
class SurveyIT {

  static final String CUSTOM = "/cgi-bin/message/custom/send";
  static final String SURVEY_TEXT = "请对本次办理评价";

  @RegisterExtension static WireMockExtension wechat = TestDestinations.sink();
  @RegisterExtension static WireMockExtension supervision = TestDestinations.sink();

  static MovableClock clock;
  static TestGateway gateway;
  static SurveyClient client;

  @BeforeAll
  static void start() throws Exception {
    clock = new MovableClock(Instant.now());
    String yaml =
        WechatFixtures.yaml("2s", wechat.baseUrl(), "[1h]")
            + TestDestinations.delivery(
                TestDestinations.destination(
                    "supervision",
                    supervision.baseUrl() + "/supervision",
                    "eventTypes: [" + EventTypes.TICKET_REOPEN_REQUESTED + "]"))
            + "pull:\n  consumers:\n    dispatch:\n      keySha256: "
            + PullConsumerConfig.sha256Hex(StatusClient.CONSUMER_KEY)
            + "\nreplies:\n"
            + "  enabled: true\n"
            + "  quietHours: { senders: [] }\n"
            + "  survey: { enabled: true, delay: 1h, expiry: 7d,"
            + " linkBaseUrl: 'https://12345.example.gov.cn' }\n";
    gateway = TestGateway.start(yaml, clock);
    client = new SurveyClient(gateway, clock);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  void stubWechat() {
    wechat.stubFor(
        get(urlPathEqualTo("/cgi-bin/token"))
            .willReturn(okJson("{\"access_token\":\"T\",\"expires_in\":7200}")));
    wechat.stubFor(
        post(urlPathEqualTo(CUSTOM)).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
    supervision.stubFor(
        post(urlPathEqualTo("/supervision")).willReturn(aResponse().withStatus(204)));
  }

  @Test
  void aClosedTicketIsSurveyedOnceAfterTheDelayAndAThreeReopensItUnderSupervision()
      throws Exception {
    stubWechat();
    String openid = WechatFixtures.openid();
    JsonObject ticket = client.openTicket(openid, "小区停水三天了");
    String ticketId = ticket.getString("ticketId");
    client.close(ticketId);

    Thread.sleep(1500);
    assertThat(surveys(openid)).as("nothing before the delay").isEmpty();
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    Eventually.await(Duration.ofSeconds(10), () -> assertThat(surveys(openid)).hasSize(1));
    String content = surveys(openid).get(0);
    assertThat(content)
        .contains(
            ticket.getString("trackingNumber"), "回复 1 满意", "https://12345.example.gov.cn/rate/");

    long msgId = WechatFixtures.msgId();
    for (int i = 0; i < 2; i++) {
      assertThat(client.push(openid, "３", msgId).statusCode()).isEqualTo(200);
    }
    List<JsonObject> rated = TicketStream.all(gateway, ticketId, EventTypes.TICKET_RATED);
    assertThat(rated).as("a retried push rates once").hasSize(1);
    JsonObject data = rated.get(0).getJsonObject("data");
    assertThat(data.getString("rating")).isEqualTo("dissatisfied");
    assertThat(data.getInteger("score")).isEqualTo(3);
    assertThat(data.getString("via")).isEqualTo("wechat");
    assertThat(data.getString("department")).isEqualTo("朝阳区水务局");
    assertThat(data.containsKey("solved")).isFalse();
    JsonObject reopen = TicketStream.first(gateway, ticketId, EventTypes.TICKET_REOPEN_REQUESTED);
    assertThat(reopen.getJsonObject("data").getBoolean("supervision")).isTrue();
    assertThat(reopen.getJsonObject("data").getString("reason")).isEqualTo("dissatisfied");
    EventSchemas.assertValid(rated.get(0).encode());
    EventSchemas.assertValid(reopen.encode());
    assertThat(TicketStream.all(gateway, ticketId, EventTypes.TICKET_APPENDED))
        .as("the answer is a rating, not a clue")
        .isEmpty();
    Eventually.await(
        Duration.ofSeconds(10),
        () ->
            assertThat(TestDestinations.received(supervision, "/supervision"))
                .singleElement()
                .satisfies(
                    r ->
                        assertThat(r.getBodyAsString())
                            .contains(ticketId, "\"supervision\":true")));
    JsonObject lookup = client.lookup(ticket);
    assertThat(lookup.getJsonObject("rating").getString("rating")).isEqualTo("dissatisfied");
    assertThat(lookup.getJsonObject("reopenRequested").getString("reason"))
        .isEqualTo("dissatisfied");
    assertThat(RedisDump.of(gateway.prefix())).doesNotContain(openid);
  }

  @Test
  void aSurveyThatCouldNoLongerBeAnsweredIsNotSent() throws Exception {
    stubWechat();
    String openid = WechatFixtures.openid();
    String ticketId = client.openTicket(openid, "垃圾清运不及时").getString("ticketId");
    client.close(ticketId);
    clock.advance(Duration.ofDays(8));
    JsonObject failed =
        Eventually.get(
            () ->
                TicketStream.all(gateway, ticketId, EventTypes.REPLY_FAILED).stream()
                    .filter(e -> "lapsed".equals(e.getJsonObject("data").getString("error")))
                    .findFirst()
                    .orElse(null));
    EventSchemas.assertValid(failed.encode());
    assertThat(surveys(openid)).isEmpty();
  }

  @Test
  void aRatingArrivesOnceAndALateOneIsAnOrdinaryMessage() throws Exception {
    stubWechat();
    String openid = WechatFixtures.openid();
    JsonObject ticket = client.openTicket(openid, "路灯坏了");
    String ticketId = ticket.getString("ticketId");
    client.close(ticketId);
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    Eventually.await(Duration.ofSeconds(10), () -> assertThat(surveys(openid)).hasSize(1));

    assertThat(client.push(openid, "1", WechatFixtures.msgId()).statusCode()).isEqualTo(200);
    assertThat(client.push(openid, "1", WechatFixtures.msgId()).statusCode()).isEqualTo(200);

    List<JsonObject> rated = TicketStream.all(gateway, ticketId, EventTypes.TICKET_RATED);
    assertThat(rated).hasSize(1);
    assertThat(rated.get(0).getJsonObject("data").getString("rating")).isEqualTo("satisfied");
    assertThat(TicketStream.all(gateway, ticketId, EventTypes.TICKET_REOPEN_REQUESTED)).isEmpty();
    assertThat(client.citizenTexts(openid))
        .as("the second 1 is an ordinary message, the first is not one")
        .containsExactly("路灯坏了", "1");
  }

  @Test
  void withSeveralOpenSurveysTheCitizenIsAskedWhichAndANamedTicketIsRated() throws Exception {
    stubWechat();
    String openid = WechatFixtures.openid();
    JsonObject first = client.openTicket(openid, "噪音扰民");
    Thread.sleep(2500); // the conversation window (2 s, kept by Redis) ends: a second ticket
    JsonObject second = client.openTicket(openid, "井盖缺失");
    client.close(first.getString("ticketId"));
    client.close(second.getString("ticketId"));
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    Eventually.await(Duration.ofSeconds(10), () -> assertThat(surveys(openid)).hasSize(2));

    assertThat(client.push(openid, "2", WechatFixtures.msgId()).statusCode()).isEqualTo(200);
    Eventually.await(
        Duration.ofSeconds(10),
        () ->
            assertThat(customTexts(openid))
                .anySatisfy(
                    t ->
                        assertThat(t)
                            .contains(
                                "多件待评价",
                                first.getString("trackingNumber"),
                                second.getString("trackingNumber"))));
    assertThat(TicketStream.all(gateway, first.getString("ticketId"), EventTypes.TICKET_RATED))
        .isEmpty();

    client.push(openid, first.getString("trackingNumber") + " 2", WechatFixtures.msgId());
    assertThat(TicketStream.all(gateway, first.getString("ticketId"), EventTypes.TICKET_RATED))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getJsonObject("data").getString("rating"))
                    .isEqualTo("basically_satisfied"));
    assertThat(TicketStream.all(gateway, second.getString("ticketId"), EventTypes.TICKET_RATED))
        .isEmpty();
  }

  /** The survey texts the citizen got as customer-service messages. */
  static List<String> surveys(String openid) {
    return customTexts(openid).stream().filter(t -> t.contains(SURVEY_TEXT)).toList();
  }

  static List<String> customTexts(String openid) {
    return wechat
        .findAll(
            postRequestedFor(urlPathEqualTo(CUSTOM))
                .withRequestBody(matchingJsonPath("$.touser", equalTo(openid))))
        .stream()
        .map(r -> new JsonObject(r.getBodyAsString()).getJsonObject("text").getString("content"))
        .toList();
  }
}
