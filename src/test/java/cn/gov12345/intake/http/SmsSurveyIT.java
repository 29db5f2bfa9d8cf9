package cn.gov12345.intake.http;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.sms.SmsFixtures;
import cn.gov12345.intake.config.PullConsumerConfig;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.MovableClock;
import cn.gov12345.intake.support.SmsClient;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TicketStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
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
 * 回访 by SMS: a citizen who wrote by SMS gets the survey as Alibaba Cloud's registered template
 * (with the rating link as a parameter) after the delay, and their SMS reply "3" becomes one
 * ticket.rated (不满意) with a supervised reopen request; a later "1" is an ordinary message. Alibaba
 * Cloud SendSms is a WireMock; the SmsUp pushes go through the real door.
 */
@Tag("cluster")
class SmsSurveyIT {

  @RegisterExtension static WireMockExtension aliyun = TestDestinations.sink();

  static MovableClock clock;
  static TestGateway gateway;
  static SmsClient sms;
  static SurveyClient client;

  @BeforeAll
  static void start() throws Exception {
    clock = new MovableClock(Instant.now());
    String yaml =
        "outbound:\n  privateHosts: [ localhost, 127.0.0.1 ]\n"
            + SmsFixtures.yaml("2s")
            + "pull:\n  consumers:\n    dispatch:\n      keySha256: "
            + PullConsumerConfig.sha256Hex(StatusClient.CONSUMER_KEY)
            + "\nreplies:\n"
            + "  enabled: true\n"
            + "  notifications: { closed: false }\n"
            + "  quietHours: { senders: [] }\n"
            + "  survey: { enabled: true, delay: 1h, linkBaseUrl: 'https://12345.example.gov.cn' }\n"
            + "  sms:\n"
            + "    provider: aliyun\n"
            + "    endpoint: "
            + aliyun.baseUrl()
            + "\n"
            + "    accessKeyId: LTAI5tTestOnly\n"
            + "    accessKeySecret: test-only-aliyun-secret\n"
            + "    signName: 12345热线\n"
            + "    templates:\n"
            + "      survey: { code: SMS_900000001, params: { no: trackingNumber, url: link } }\n";
    gateway = TestGateway.start(yaml, clock);
    sms = new SmsClient(gateway);
    client = new SurveyClient(gateway, clock);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aCitizenWhoWroteBySmsRatesBySmsAndAThreeIsSupervised() throws Exception {
    aliyun.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                okJson(
                    "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"900619746936498441^0\","
                        + "\"RequestId\":\"F655A8D5-B967-440B-8683-DAD6FF8DE991\"}")));
    String phone = SmsClient.phone();
    assertThat(
            sms.aliyun(SmsClient.batch(SmsClient.entry(phone, "小区停水三天了", SmsClient.seq())))
                .statusCode())
        .isEqualTo(200);
    JsonNode opened = sms.ticketsOf(phone).get(0).path("data");
    String ticketId = opened.path("ticketId").asText();
    String tracking = opened.path("trackingNumber").asText();
    client.close(ticketId);
    clock.advance(Duration.ofHours(1).plusSeconds(1));

    Eventually.await(
        Duration.ofSeconds(10),
        () -> assertThat(aliyun.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(1));
    String form = aliyun.findAll(postRequestedFor(urlEqualTo("/"))).get(0).getBodyAsString();
    String params = URLDecoder.decode(form, StandardCharsets.UTF_8);
    assertThat(params)
        .contains("TemplateCode=SMS_900000001", "PhoneNumbers=" + phone.substring(3), tracking)
        .contains("https://12345.example.gov.cn/rate/");

    assertThat(
            sms.aliyun(SmsClient.batch(SmsClient.entry(phone, "3", SmsClient.seq()))).statusCode())
        .isEqualTo(200);
    List<JsonObject> rated = TicketStream.all(gateway, ticketId, EventTypes.TICKET_RATED);
    assertThat(rated).hasSize(1);
    assertThat(rated.get(0).getJsonObject("data").getString("via")).isEqualTo("sms");
    assertThat(rated.get(0).getJsonObject("data").getString("rating")).isEqualTo("dissatisfied");
    JsonObject reopen = TicketStream.first(gateway, ticketId, EventTypes.TICKET_REOPEN_REQUESTED);
    assertThat(reopen.getJsonObject("data").getBoolean("supervision")).isTrue();
    EventSchemas.assertValid(rated.get(0).encode());

    sms.aliyun(SmsClient.batch(SmsClient.entry(phone, "1", SmsClient.seq())));
    assertThat(TicketStream.all(gateway, ticketId, EventTypes.TICKET_RATED)).hasSize(1);
    assertThat(sms.messagesOf(phone))
        .as("the first text and the late 1 are messages; the 3 is a rating")
        .hasSize(2);
  }
}
