package cn.gov12345.intake.http;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.wechat.WechatFixtures;
import cn.gov12345.intake.channel.wechat.WechatSigner;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.MovableClock;
import cn.gov12345.intake.support.RedisDump;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.TicketStream;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A WeChat citizen hears back: a dispatched report becomes one customer-service message inside the
 * 48-hour window, a template message outside it, and a 45015 from WeChat hands over to the template
 * (recorded as reply.failed with the vendor code). WeChat is a WireMock.
 */
@Tag("cluster")
class WechatReplyIT {

  static final String CUSTOM = "/cgi-bin/message/custom/send";
  static final String TEMPLATE = "/cgi-bin/message/template/send";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final WechatSigner SIGNER = WechatSigner.test();

  @RegisterExtension static WireMockExtension wechat = TestDestinations.sink();

  static MovableClock clock;
  static TestGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    clock = new MovableClock(Instant.now());
    String replies =
        "replies:\n"
            + "  enabled: true\n"
            + "  wechat:\n"
            + "    templates:\n"
            + "      city:\n"
            + "        progress:\n"
            + "          templateId: tmpl-progress-0001\n"
            + "          data: { character_string1: \"{trackingNumber}\", thing2: \"{text}\" }\n";
    gateway =
        TestGateway.start(
            WechatFixtures.yaml("10m", wechat.baseUrl(), "[1h]") + StatusClient.YAML + replies,
            clock);
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
    wechat.stubFor(
        post(urlPathEqualTo(TEMPLATE))
            .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":200228332}")));
  }

  @Test
  void aDispatchedReportReachesTheCitizenAsOneCustomerServiceMessage() throws Exception {
    stubWechat();
    String openid = WechatFixtures.openid();
    JsonObject ticket = pushAndFindTicket(openid);

    report(ticket.getString("ticketId"));

    JsonObject sent =
        Eventually.get(
            () -> TicketStream.first(gateway, ticket.getString("ticketId"), EventTypes.REPLY_SENT));
    assertThat(sent.getJsonObject("data").getString("sender")).isEqualTo("wechat_custom");
    Thread.sleep(300);
    var sends =
        wechat.findAll(
            postRequestedFor(urlPathEqualTo(CUSTOM))
                .withRequestBody(matchingJsonPath("$.touser", equalTo(openid))));
    assertThat(sends).hasSize(1);
    String content =
        new JsonObject(sends.get(0).getBodyAsString()).getJsonObject("text").getString("content");
    assertThat(content).contains(ticket.getString("trackingNumber"), "已派单");
    EventSchemas.assertValid(sent.encode());
    assertThat(RedisDump.of(gateway.prefix())).doesNotContain(openid);
  }

  @Test
  void afterTheFortyEightHourWindowTheCitizenGetsATemplateMessageInstead() throws Exception {
    stubWechat();
    String openid = WechatFixtures.openid();
    JsonObject ticket = pushAndFindTicket(openid);
    clock.advance(Duration.ofHours(49));
    try {
      report(ticket.getString("ticketId"));
      JsonObject sent =
          Eventually.get(
              () ->
                  TicketStream.first(gateway, ticket.getString("ticketId"), EventTypes.REPLY_SENT));
      assertThat(sent.getJsonObject("data").getString("sender")).isEqualTo("wechat_template");
      assertThat(sent.getJsonObject("data").getString("vendorMessageId")).isEqualTo("200228332");
      JsonObject failed =
          TicketStream.first(gateway, ticket.getString("ticketId"), EventTypes.REPLY_FAILED);
      assertThat(failed.getJsonObject("data").getString("sender")).isEqualTo("wechat_custom");
      assertThat(failed.getJsonObject("data").getBoolean("nextTried")).isTrue();
    } finally {
      clock.set(Instant.now());
    }
    assertThat(
            wechat.findAll(
                postRequestedFor(urlPathEqualTo(CUSTOM))
                    .withRequestBody(matchingJsonPath("$.touser", equalTo(openid)))))
        .isEmpty();
    var templates =
        wechat.findAll(
            postRequestedFor(urlPathEqualTo(TEMPLATE))
                .withRequestBody(matchingJsonPath("$.touser", equalTo(openid))));
    assertThat(templates).hasSize(1);
    assertThat(templates.get(0).getBodyAsString())
        .contains("tmpl-progress-0001", ticket.getString("trackingNumber"));
  }

  @Test
  void aWindowClosedAnswerFromWechatHandsOverToTheTemplateAndIsRecorded() throws Exception {
    stubWechat();
    String openid = WechatFixtures.openid();
    wechat.stubFor(
        post(urlPathEqualTo(CUSTOM))
            .withRequestBody(matchingJsonPath("$.touser", equalTo(openid)))
            .atPriority(1)
            .willReturn(okJson("{\"errcode\":45015,\"errmsg\":\"response out of time limit\"}")));
    JsonObject ticket = pushAndFindTicket(openid);

    report(ticket.getString("ticketId"));

    JsonObject sent =
        Eventually.get(
            () -> TicketStream.first(gateway, ticket.getString("ticketId"), EventTypes.REPLY_SENT));
    assertThat(sent.getJsonObject("data").getString("sender")).isEqualTo("wechat_template");
    List<JsonObject> failed =
        TicketStream.all(gateway, ticket.getString("ticketId"), EventTypes.REPLY_FAILED);
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).getJsonObject("data").getString("vendorCode")).isEqualTo("45015");
    assertThat(failed.get(0).getJsonObject("data").getBoolean("nextTried")).isTrue();
    EventSchemas.assertValid(failed.get(0).encode());
  }

  static JsonObject pushAndFindTicket(String openid) throws Exception {
    java.util.Set<String> before = new java.util.HashSet<>();
    openings().forEach(d -> before.add(d.getString("ticketId")));
    String xml = WechatSigner.text(openid, WechatFixtures.now(), WechatFixtures.msgId(), "小区停水三天了");
    String encrypt = SIGNER.encrypt(xml);
    HttpRequest push =
        HttpRequest.newBuilder(
                URI.create(
                    gateway.baseUrl()
                        + "/channels/wechat/city?"
                        + SIGNER.safeQuery(
                            WechatFixtures.now(), "n" + WechatFixtures.msgId(), encrypt)))
            .header("Content-Type", "text/xml")
            .POST(
                HttpRequest.BodyPublishers.ofString(WechatSigner.envelope("gh_12345city", encrypt)))
            .build();
    HttpResponse<String> answer = HTTP.send(push, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return openings().stream()
        .filter(d -> !before.contains(d.getString("ticketId")))
        .findFirst()
        .orElseThrow();
  }

  /** The data of every ticket.opened event. */
  static List<JsonObject> openings() {
    return openings(gateway);
  }

  /** The data of every ticket.opened event of a gateway. */
  static List<JsonObject> openings(TestGateway gateway) {
    List<JsonObject> out = new java.util.ArrayList<>();
    for (int p = 0; p < gateway.keys().partitions(); p++) {
      for (String e : TestRedis.events(gateway.keys().tickets(p))) {
        JsonObject event = new JsonObject(e);
        if (EventTypes.TICKET_OPENED.equals(event.getString("type"))) {
          out.add(event.getJsonObject("data"));
        }
      }
    }
    return out;
  }

  /** A dispatched report with the pull API key (the gateway's clock may be moved). */
  static void report(String ticketId) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(
                URI.create(gateway.baseUrl() + "/v1/tickets/" + ticketId + "/status"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + StatusClient.CONSUMER_KEY)
            .header("Idempotency-Key", "dispatch-" + ticketId)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"status\":\"dispatched\",\"department\":\"朝阳区水务局\"}",
                    StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> answer = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
  }
}
