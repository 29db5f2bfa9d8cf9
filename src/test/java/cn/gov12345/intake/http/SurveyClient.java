package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.wechat.WechatFixtures;
import cn.gov12345.intake.channel.wechat.WechatSigner;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A WeChat citizen of a survey test: pushes, their tickets and messages, 已办结, 进度查询. */
final class SurveyClient {

  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final WechatSigner SIGNER = WechatSigner.test();

  private final TestGateway gateway;
  private final java.time.Clock clock;

  SurveyClient(TestGateway gateway, java.time.Clock clock) {
    this.gateway = gateway;
    this.clock = clock;
  }

  /** Pushes a text as WeChat does (safe mode, timestamp of the gateway's clock). */
  HttpResponse<String> push(String openid, String text, long msgId) throws Exception {
    long now = clock.instant().getEpochSecond();
    String encrypt = SIGNER.encrypt(WechatSigner.text(openid, now, msgId, text));
    HttpRequest push =
        HttpRequest.newBuilder(
                URI.create(
                    gateway.baseUrl()
                        + "/channels/wechat/city?"
                        + SIGNER.safeQuery(now, "n" + msgId, encrypt)))
            .header("Content-Type", "text/xml")
            .POST(
                HttpRequest.BodyPublishers.ofString(WechatSigner.envelope("gh_12345city", encrypt)))
            .build();
    return HTTP.send(push, HttpResponse.BodyHandlers.ofString());
  }

  JsonObject openTicket(String openid, String text) throws Exception {
    int before = citizenTickets(openid).size();
    assertThat(push(openid, text, WechatFixtures.msgId()).statusCode()).isEqualTo(200);
    List<JsonObject> all = citizenTickets(openid);
    assertThat(all).hasSize(before + 1);
    return all.get(all.size() - 1);
  }

  /** The ticket.opened data of the tickets whose first message carried this openid's text. */
  List<JsonObject> citizenTickets(String openid) {
    String pseudonym = pseudonym(openid);
    return WechatReplyIT.openings(gateway).stream()
        .filter(d -> pseudonym.equals(d.getJsonObject("citizen").getString("pseudonym")))
        .toList();
  }

  /** The texts of this citizen's messages, oldest first. */
  List<String> citizenTexts(String openid) {
    String pseudonym = pseudonym(openid);
    List<String> out = new java.util.ArrayList<>();
    for (int p = 0; p < gateway.keys().partitions(); p++) {
      for (String e : cn.gov12345.intake.support.TestRedis.events(gateway.keys().messages(p))) {
        JsonObject data = new JsonObject(e).getJsonObject("data");
        if (pseudonym.equals(data.getJsonObject("citizen").getString("pseudonym"))) {
          out.add(data.getString("text"));
        }
      }
    }
    return out;
  }

  String pseudonym(String openid) {
    return new cn.gov12345.intake.identity.Pseudonymizer(
            gateway.config().identity().pseudonymKey().utf8())
        .pseudonym(
            cn.gov12345.intake.model.CitizenRef.IdScheme.WECHAT_OPENID,
            WechatSigner.APP_ID + ":" + openid);
  }

  void close(String ticketId) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(
                URI.create(gateway.baseUrl() + "/v1/tickets/" + ticketId + "/status"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + StatusClient.CONSUMER_KEY)
            .header("Idempotency-Key", "close-" + ticketId)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"status\":\"closed\",\"department\":\"朝阳区水务局\",\"reply\":\"已修复。\"}",
                    StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> answer = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
  }

  JsonObject lookup(JsonObject ticket) throws Exception {
    String code =
        new cn.gov12345.intake.identity.QueryCodes(
                gateway.config().identity().pseudonymKey().utf8())
            .codeFor(ticket.getString("trackingNumber"), ticket.getString("ticketId"));
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/lookup"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    new JsonObject()
                        .put("trackingNumber", ticket.getString("trackingNumber"))
                        .put("queryCode", code)
                        .encode()))
            .build();
    HttpResponse<String> answer = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return new JsonObject(answer.body());
  }
}
