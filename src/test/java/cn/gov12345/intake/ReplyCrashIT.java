package cn.gov12345.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.wechat.WechatFixtures;
import cn.gov12345.intake.channel.wechat.WechatSigner;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.Yaml;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reply worker killed with SIGKILL while WeChat holds its sends: after a restart every reply is
 * sent, and none reaches its citizen twice — an attempt that was on the wire when the process died
 * is recorded as {@code outcome_unknown}, never repeated.
 */
class ReplyCrashIT {

  static final String CUSTOM = "/cgi-bin/message/custom/send";
  static final int N = 6;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final WechatSigner SIGNER = WechatSigner.test();

  @RegisterExtension static WireMockExtension wechat = TestDestinations.sink();

  @TempDir Path dir;

  @Test
  void aReplyWorkerKilledMidSendSendsEveryReplyAfterRestartAndNoneTwice() throws Exception {
    String prefix = TestRedis.freshPrefix();
    Path config = config(prefix);
    int[] ports = TestRedis.freePorts(2);
    wechat.stubFor(
        get(urlPathEqualTo("/cgi-bin/token"))
            .willReturn(okJson("{\"access_token\":\"T\",\"expires_in\":7200}")));
    wechat.stubFor(
        post(urlPathEqualTo(CUSTOM))
            .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}").withFixedDelay(1500)));
    List<String> openids = new ArrayList<>();
    Map<String, String> ticketByOpenid = new HashMap<>();
    try (GatewayProcess first =
        GatewayProcess.start(dir.resolve("data"), config, ports[0], ports[1], TestRedis.url())) {
      for (int i = 0; i < N; i++) {
        String openid = WechatFixtures.openid();
        openids.add(openid);
        push(first.baseUrl(), openid);
      }
      for (JsonObject opened : openings(prefix)) {
        report(first.baseUrl(), opened.getString("ticketId"));
      }
      Eventually.await(
          Duration.ofSeconds(20),
          () ->
              assertThat(wechat.findAll(postRequestedFor(urlPathEqualTo(CUSTOM))))
                  .hasSizeGreaterThanOrEqualTo(2));
      first.kill();
    }
    int onTheWire = wechat.findAll(postRequestedFor(urlPathEqualTo(CUSTOM))).size();
    assertThat(onTheWire).isLessThan(N);
    wechat.resetAll();
    wechat.stubFor(
        get(urlPathEqualTo("/cgi-bin/token"))
            .willReturn(okJson("{\"access_token\":\"T\",\"expires_in\":7200}")));
    wechat.stubFor(
        post(urlPathEqualTo(CUSTOM)).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));

    try (GatewayProcess second =
        GatewayProcess.start(dir.resolve("data"), config, ports[0], ports[1], TestRedis.url())) {
      Eventually.await(
          Duration.ofSeconds(60),
          () ->
              assertThat(settled(prefix))
                  .as("every reply settled (sent, or failed with outcome_unknown)")
                  .isEqualTo(N));
      int resent = wechat.findAll(postRequestedFor(urlPathEqualTo(CUSTOM))).size();
      assertThat(onTheWire + resent).as("each reply reached WeChat exactly once").isEqualTo(N);
      assertThat(second.output()).doesNotContain(openids.get(0));
    }
  }

  private Path config(String prefix) throws Exception {
    Path base = dir.resolve("base.yaml");
    Files.writeString(
        base,
        "stream:\n  keyPrefix: "
            + prefix
            + "\n"
            + WechatFixtures.yaml("10m", wechat.baseUrl(), "[1h]")
            + StatusClient.YAML
            + "replies:\n  enabled: true\n  maxConcurrency: 2\n  requestTimeout: 3s\n",
        StandardCharsets.UTF_8);
    Path margin = dir.resolve("margin.yaml");
    Files.writeString(margin, "delivery:\n  reclaimMargin: 1s\n", StandardCharsets.UTF_8);
    return Yaml.merge(base, margin);
  }

  private static void push(String baseUrl, String openid) throws Exception {
    String xml = WechatSigner.text(openid, WechatFixtures.now(), WechatFixtures.msgId(), "小区停水三天了");
    String encrypt = SIGNER.encrypt(xml);
    HttpRequest push =
        HttpRequest.newBuilder(
                URI.create(
                    baseUrl
                        + "/channels/wechat/city?"
                        + SIGNER.safeQuery(
                            WechatFixtures.now(), "n" + WechatFixtures.msgId(), encrypt)))
            .header("Content-Type", "text/xml")
            .POST(
                HttpRequest.BodyPublishers.ofString(WechatSigner.envelope("gh_12345city", encrypt)))
            .build();
    assertThat(HTTP.send(push, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  private static void report(String baseUrl, String ticketId) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(baseUrl + "/v1/tickets/" + ticketId + "/status"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + StatusClient.CONSUMER_KEY)
            .header("Idempotency-Key", "dispatch-" + ticketId)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"status\":\"dispatched\",\"department\":\"朝阳区水务局\"}",
                    StandardCharsets.UTF_8))
            .build();
    assertThat(HTTP.send(r, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
  }

  private static List<JsonObject> events(String prefix, String type) {
    List<JsonObject> out = new ArrayList<>();
    for (String e : TestRedis.events(prefix + ":{p0}:tickets")) {
      JsonObject event = new JsonObject(e);
      if (type.equals(event.getString("type"))) {
        out.add(event);
      }
    }
    return out;
  }

  private static List<JsonObject> openings(String prefix) {
    return events(prefix, EventTypes.TICKET_OPENED).stream()
        .map(e -> e.getJsonObject("data"))
        .toList();
  }

  private static int settled(String prefix) {
    return events(prefix, EventTypes.REPLY_SENT).size()
        + (int)
            events(prefix, EventTypes.REPLY_FAILED).stream()
                .filter(
                    e ->
                        e.getJsonObject("data")
                            .getString("error", "")
                            .startsWith("outcome_unknown"))
                .count();
  }
}
