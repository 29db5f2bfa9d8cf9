package cn.gov12345.intake.http;

import static cn.gov12345.intake.channel.wechat.WechatFixtures.msgId;
import static cn.gov12345.intake.channel.wechat.WechatFixtures.now;
import static cn.gov12345.intake.channel.wechat.WechatFixtures.openid;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.wechat.WechatFixtures;
import cn.gov12345.intake.channel.wechat.WechatSigner;
import cn.gov12345.intake.channel.wechat.io.MediaFetch;
import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.redis.client.Command;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The WeChat channel end to end: real HTTP, real Redis, the conversation script. */
@Tag("cluster")
class WechatIntakeIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final WechatSigner SIGNER = WechatSigner.test();

  static TestGateway gateway;

  @BeforeAll
  static void start() throws IOException {
    gateway = TestGateway.start(WechatFixtures.yaml("10m"), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void weChatRetriesOfOneMessageYieldOneMessageOneTicketAndFourIdenticalAnswers() throws Exception {
    HttpRequest request =
        safePush(gateway, "replying", WechatSigner.text(openid(), now(), msgId(), "停水三天了"));
    List<HttpResponse<String>> answers = new ArrayList<>();
    answers.add(send(request));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Callable<HttpResponse<String>>> retries = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        retries.add(() -> send(request));
      }
      for (Future<HttpResponse<String>> f : pool.invokeAll(retries)) {
        answers.add(f.get());
      }
    } finally {
      pool.shutdown();
    }

    assertThat(answers).allMatch(r -> r.statusCode() == 200);
    assertThat(answers.stream().map(HttpResponse::body).distinct()).hasSize(1);
    String encrypt = between(answers.get(0).body(), "<Encrypt><![CDATA[", "]]>");
    String tracking = tickets(gateway).get(0).path("data").path("trackingNumber").asText();
    assertThat(SIGNER.decrypt(encrypt)).contains("受理编号 " + tracking);
    assertThat(TestRedis.streamLength(gateway.keys().messages(0))).isEqualTo(1);
    assertThat(TestRedis.streamLength(gateway.keys().tickets(0))).isEqualTo(1);
  }

  @Test
  void aConversationTicketIsReceivedInTheLookupFromItsFirstMessageAndClueStillReceived()
      throws Exception {
    String citizen = openid();
    send(safePush(gateway, "replying", WechatSigner.text(citizen, now(), msgId(), "路灯坏了")));
    send(safePush(gateway, "replying", WechatSigner.text(citizen, now(), msgId(), "在3号楼前")));
    List<JsonNode> all = tickets(gateway);
    JsonNode opened = all.get(all.size() - 2);
    String number = opened.path("data").path("trackingNumber").asText();
    String code =
        new QueryCodes(gateway.config().identity().pseudonymKey().utf8())
            .codeFor(number, opened.path("data").path("ticketId").asText());

    HttpResponse<String> lookup = new StatusClient(gateway.baseUrl()).lookup(number, code);

    assertThat(all.get(all.size() - 1).path("type").asText()).endsWith("ticket.appended.v1");
    assertThat(lookup.statusCode()).isEqualTo(200);
    assertThat(lookup.body()).contains("\"status\":\"received\"", "\"channel\":\"wechat\"");
    assertThat(lookup.body()).doesNotContain("路灯", citizen);
    assertThat(
            TestRedis.call(
                    Command.HGET,
                    gateway.keys().statusDay(0, number.substring(0, 6)),
                    opened.path("subject").asText())
                .toString())
        .isEqualTo(number);
  }

  @Test
  void aTextTwoPhotosAndALocationWithinTheWindowBecomeOneTicketAndLaterANewOne() throws Exception {
    try (TestGateway own = TestGateway.start(WechatFixtures.yaml("2s"), Clock.systemUTC())) {
      String user = openid();
      long t = now();
      List<String> pushes =
          List.of(
              WechatSigner.text(user, t, msgId(), "小区门口路灯坏了"),
              WechatSigner.message(
                  user,
                  t + 1,
                  "image",
                  "<PicUrl><![CDATA[http://mmbiz.qpic.cn/a]]></PicUrl><MediaId><![CDATA[media_a]]></MediaId><MsgId>"
                      + msgId()
                      + "</MsgId>"),
              WechatSigner.message(
                  user,
                  t + 2,
                  "image",
                  "<PicUrl><![CDATA[http://mmbiz.qpic.cn/b]]></PicUrl><MediaId><![CDATA[media_b]]></MediaId><MsgId>"
                      + msgId()
                      + "</MsgId>"),
              WechatSigner.message(
                  user,
                  t + 3,
                  "location",
                  "<Location_X>39.915</Location_X><Location_Y>116.404</Location_Y><Scale>15</Scale><Label><![CDATA[朝阳区某小区]]></Label><MsgId>"
                      + msgId()
                      + "</MsgId>"));
      for (String push : pushes) {
        HttpResponse<String> r = send(safePush(own, "city", push));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("success");
      }

      List<JsonNode> tickets = tickets(own);
      assertThat(tickets)
          .extracting(e -> e.path("type").asText())
          .containsExactly(
              EventTypes.TICKET_OPENED,
              EventTypes.TICKET_APPENDED,
              EventTypes.TICKET_APPENDED,
              EventTypes.TICKET_APPENDED);
      assertThat(tickets.stream().map(e -> e.path("subject").asText()).distinct()).hasSize(1);
      List<String> all = new ArrayList<>(TestRedis.events(own.keys().messages(0)));
      all.addAll(TestRedis.events(own.keys().tickets(0)));
      assertThat(all)
          .hasSize(8)
          .allSatisfy(EventSchemas::assertValid)
          .noneMatch(e -> e.contains(user));
      assertThat(TestRedis.events(own.keys().messages(0)))
          .allMatch(e -> e.contains(tickets.get(0).path("subject").asText()));
      assertBothPhotosScheduledWithTheTicket(own, tickets.get(0));

      Thread.sleep(3000);
      send(safePush(own, "city", WechatSigner.text(user, now(), msgId(), "又坏了")));

      List<JsonNode> after = tickets(own);
      assertThat(after).hasSize(5);
      assertThat(after.get(4).path("type").asText()).isEqualTo(EventTypes.TICKET_OPENED);
      assertThat(after.get(4).path("subject")).isNotEqualTo(tickets.get(0).path("subject"));
    }
  }

  @Test
  void anEventIsKeptAsAMessageButOpensNoTicket() throws Exception {
    try (TestGateway own = TestGateway.start(WechatFixtures.yaml("10m"), Clock.systemUTC())) {
      String subscribe =
          WechatSigner.message(openid(), now(), "event", "<Event><![CDATA[subscribe]]></Event>");

      HttpResponse<String> r = send(safePush(own, "replying", subscribe));

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("success");
      assertThat(TestRedis.streamLength(own.keys().messages(0))).isEqualTo(1);
      assertThat(TestRedis.streamLength(own.keys().tickets(0))).isZero();
      assertThat(send(safePush(own, "replying", subscribe)).body()).isEqualTo("success");
      assertThat(TestRedis.streamLength(own.keys().messages(0))).isEqualTo(1);
    }
  }

  @Test
  void forgedTamperedForeignAndHostilePushesAreRefusedAndWriteNothing() throws Exception {
    try (TestGateway own = TestGateway.start(WechatFixtures.yaml("10m"), Clock.systemUTC())) {
      String xml = WechatSigner.text(openid(), now(), msgId(), "停水");
      String encrypt = SIGNER.encrypt(xml);
      String query = SIGNER.safeQuery(now(), "n1", encrypt);
      String tampered =
          encrypt.substring(0, 20)
              + (encrypt.charAt(20) == 'A' ? 'B' : 'A')
              + encrypt.substring(21);
      assertRefused(
          push(own, "city", query, WechatSigner.envelope("gh", tampered)),
          401,
          "invalid_signature");
      String wrongSig =
          query.replaceAll("msg_signature=[0-9a-f]{40}", "msg_signature=" + "0".repeat(40));
      assertRefused(
          push(own, "city", wrongSig, WechatSigner.envelope("gh", encrypt)),
          401,
          "invalid_signature");
      String foreign =
          new WechatSigner(WechatSigner.TOKEN, WechatSigner.AES_KEY, "wx0000000000000000")
              .encrypt(xml);
      assertRefused(
          push(
              own,
              "city",
              SIGNER.safeQuery(now(), "n1", foreign),
              WechatSigner.envelope("gh", foreign)),
          401,
          "app_id_mismatch");
      String xxe =
          "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><Content>&x;</Content></xml>";
      assertRefused(
          push(own, "plain", SIGNER.plainQuery(now(), "n1"), xxe), 400, "xml_doctype_refused");
      assertRefused(
          push(own, "nobody", SIGNER.plainQuery(now(), "n1"), xml), 404, "unknown_account");

      assertThat(TestRedis.keys(own.prefix())).isEmpty();
    }
  }

  @Test
  void urlVerificationEchoesTheEchostr() throws Exception {
    String query = SIGNER.plainQuery(now(), "n7") + "&echostr=hello123";
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/channels/wechat/city?" + query))
                .GET()
                .build());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("hello123");
  }

  /** Both photos' downloads were scheduled by the same script that appended them. */
  private static void assertBothPhotosScheduledWithTheTicket(TestGateway own, JsonNode opened) {
    String ticketId = opened.path("subject").asText();
    String tracking = opened.path("data").path("trackingNumber").asText();
    List<MediaFetch> fetches = new ArrayList<>();
    TestRedis.call(Command.ZRANGE, own.keys().mediaFetches(0), "0", "-1")
        .forEach(m -> fetches.add(MediaFetch.fromJson(m.toString())));
    assertThat(fetches)
        .extracting(MediaFetch::mediaId, MediaFetch::ticketId, MediaFetch::trackingNumber)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("media_a", ticketId, tracking),
            org.assertj.core.groups.Tuple.tuple("media_b", ticketId, tracking));
  }

  private static HttpRequest safePush(TestGateway g, String account, String xml) {
    String encrypt = SIGNER.encrypt(xml);
    return push(
        g,
        account,
        SIGNER.safeQuery(now(), "n" + msgId(), encrypt),
        WechatSigner.envelope("gh_12345city", encrypt));
  }

  private static HttpRequest push(TestGateway g, String account, String query, String body) {
    return HttpRequest.newBuilder(
            URI.create(g.baseUrl() + "/channels/wechat/" + account + "?" + query))
        .header("Content-Type", "text/xml")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static void assertRefused(HttpRequest request, int status, String code) throws Exception {
    HttpResponse<String> r = send(request);
    assertThat(r.statusCode()).as(code).isEqualTo(status);
    assertThat(EventSchemas.read(r.body()).path("code").asText()).isEqualTo(code);
  }

  private static List<JsonNode> tickets(TestGateway g) {
    return TestRedis.events(g.keys().tickets(0)).stream().map(EventSchemas::read).toList();
  }

  private static HttpResponse<String> send(HttpRequest request)
      throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start) + start.length();
    return text.substring(from, text.indexOf(end, from));
  }
}
