package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.PullConsumerConfig;
import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import cn.gov12345.intake.support.WebhookClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Open311 GeoReport v2 end to end: a client app files a request and follows its status. */
@Tag("cluster")
class Open311IT {

  static final String KEY = "test-open311-city-app-key-0123456789";
  static final String OTHER_KEY = "test-open311-other-app-key-0123456789";
  static final String FORM = form("小区停水两天了");

  static String form(String description) {
    return "api_key="
        + KEY
        + "&service_code=water-supply&lat=39.9087&long=116.3975"
        + "&address_string="
        + enc("北京市东城区东华门街道")
        + "&description="
        + enc(description)
        + "&first_name="
        + enc("三")
        + "&last_name="
        + enc("张")
        + "&phone=13800138000&email=zhang%40example.cn"
        + "&media_url="
        + enc("https://cdn.city-app.example/p/1.jpg");
  }

  static TestGateway gateway;
  static StatusClient status;

  @BeforeAll
  static void start() throws IOException {
    gateway = TestGateway.start(yaml(), Clock.systemUTC());
    status = new StatusClient(gateway.baseUrl());
  }

  /** The status settings and two Open311 clients, {@code city-app} and {@code other-app}. */
  static String yaml() {
    return StatusClient.YAML
        + "channels:\n"
        + "  open311:\n"
        + "    clients:\n"
        + "      city-app:\n"
        + "        apiKeySha256: "
        + PullConsumerConfig.sha256Hex(KEY)
        + "\n"
        + "      other-app:\n"
        + "        apiKeySha256: "
        + PullConsumerConfig.sha256Hex(OTHER_KEY)
        + "\n";
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void servicesListTheConfiguredCategoriesInBothFormats() throws Exception {
    JsonArray services = new JsonArray(get("/open311/v2/services.json").body());
    Document xml = xml(get("/open311/v2/services.xml").body());

    JsonObject water = services.getJsonObject(0);
    assertThat(water.fieldNames())
        .containsExactly(
            "service_code", "service_name", "description", "metadata", "type", "keywords", "group");
    assertThat(water.getString("service_code")).isEqualTo("water-supply");
    assertThat(water.getBoolean("metadata")).isFalse();
    assertThat(water.getString("type")).isEqualTo("realtime");
    assertThat(xml.getDocumentElement().getNodeName()).isEqualTo("services");
    assertThat(xml.getElementsByTagName("service").getLength()).isEqualTo(services.size());
  }

  @Test
  void aPostedRequestRoundTripsWithItsStatusAndNeverEchoesTheAppeal() {
    HttpResponse<String> posted = post("/open311/v2/requests.json", FORM);

    assertThat(posted.statusCode()).isEqualTo(201);
    JsonObject created = new JsonArray(posted.body()).getJsonObject(0);
    String id = created.getString("service_request_id");
    List<String> events = TestRedis.events(gateway.keys().tickets(0));
    String opened = events.get(events.size() - 1);
    String openedId = new JsonObject(opened).getJsonObject("data").getString("ticketId");
    String code =
        new QueryCodes(gateway.config().identity().pseudonymKey().utf8()).codeFor(id, openedId);
    assertThat(created.getString("service_notice")).contains(id, code);
    EventSchemas.assertValid(opened);
    JsonObject data = new JsonObject(opened).getJsonObject("data");
    assertThat(data.getString("channel")).isEqualTo("open311");
    assertThat(data.getString("account")).isEqualTo("city-app");
    assertThat(data.getString("appealType")).isEqualTo("help");
    assertThat(data.getJsonArray("attachments").getJsonObject(0).getString("uri"))
        .isEqualTo("https://cdn.city-app.example/p/1.jpg");
    assertThat(opened).doesNotContain("13800138000", "张三", "zhang@example.cn");

    String ticketId = data.getString("ticketId");
    status.report(ticketId, "{\"status\":\"dispatched\",\"department\":\"东城区水务所\"}");
    status.report(ticketId, "{\"status\":\"closed\",\"reply\":\"已恢复供水\"}");
    HttpResponse<String> one = get("/open311/v2/requests/" + id + ".json?api_key=" + KEY);

    assertThat(one.statusCode()).isEqualTo(200);
    JsonObject request = new JsonArray(one.body()).getJsonObject(0);
    assertThat(request.getString("service_request_id")).isEqualTo(id);
    assertThat(request.getString("status")).isEqualTo("closed");
    assertThat(request.getString("service_code")).isEqualTo("water-supply");
    assertThat(request.getString("service_name")).isEqualTo("供水问题");
    assertThat(request.getString("status_notes")).isEqualTo("已恢复供水");
    assertThat(request.getString("agency_responsible")).isEqualTo("东城区水务所");
    assertThat(request.getString("requested_datetime")).isEqualTo(data.getString("openedAt"));
    assertThat(one.body()).doesNotContain("停水", "东华门", "cdn.city-app", "13800138000");
  }

  @Test
  void requestsAreReadByIdListOnlyByTheClientThatFiledThem() throws Exception {
    String first = id(post("/open311/v2/requests.json", form("小区停水三天了")));
    String second = id(post("/open311/v2/requests.json", form("小区停水四天了")));

    HttpResponse<String> mine =
        get(
            "/open311/v2/requests.json?api_key="
                + KEY
                + "&service_request_id="
                + first
                + ","
                + second
                + ",261126000000000,junk");
    HttpResponse<String> theirs =
        get("/open311/v2/requests/" + first + ".json?api_key=" + OTHER_KEY);
    HttpResponse<String> asXml = get("/open311/v2/requests/" + first + ".xml?api_key=" + KEY);

    assertThat(new JsonArray(mine.body()).stream().map(r -> ((JsonObject) r).getString("status")))
        .containsExactly("open", "open");
    assertThat(theirs.statusCode()).isEqualTo(404);
    assertThat(new JsonArray(theirs.body()).getJsonObject(0).getInteger("code")).isEqualTo(404);
    Document xml = xml(asXml.body());
    assertThat(xml.getElementsByTagName("service_request_id").item(0).getTextContent())
        .isEqualTo(first);
  }

  @Test
  void twoCitizensFilingTheSameAnonymousFormGetTwoTicketsAndTheirOwnQueryCodes() {
    String anonymous =
        "api_key="
            + KEY
            + "&service_code=noise&address_string="
            + enc("朝阳区望京街道阜通东大街6号工地")
            + "&description="
            + enc("工地夜间施工");
    HttpResponse<String> first = post("/open311/v2/requests.json", anonymous);
    HttpResponse<String> second = post("/open311/v2/requests.json", anonymous);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(second.statusCode()).as("no Idempotency-Key: never merged").isEqualTo(201);
    assertThat(id(second)).isNotEqualTo(id(first));
    assertThat(notice(second)).contains(id(second)).doesNotContain(id(first));
    assertThat(queryCode(notice(second))).isNotEqualTo(queryCode(notice(first)));
  }

  static String notice(HttpResponse<String> response) {
    return new JsonArray(response.body()).getJsonObject(0).getString("service_notice");
  }

  static String queryCode(String notice) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("查询码 (\\d{8})").matcher(notice);
    assertThat(m.find()).as(notice).isTrue();
    return m.group(1);
  }

  @Test
  void refusalsUseTheGeoReportErrorFormatAndWriteNothing() throws Exception {
    long before = TestRedis.streamLength(gateway.keys().tickets(0));

    HttpResponse<String> noKey = post("/open311/v2/requests.json", FORM.replace(KEY, "nope"));
    HttpResponse<String> noService =
        post("/open311/v2/requests.json", FORM.replace("water-supply", "teleport"));
    HttpResponse<String> noLocation =
        post(
            "/open311/v2/requests.json",
            "api_key=" + KEY + "&service_code=noise&description=" + enc("工地夜间施工"));
    HttpResponse<String> gbk = post("/open311/v2/requests.json", gbkForm());
    HttpResponse<String> brokenEscape =
        post("/open311/v2/requests.json", FORM + "&description2=%E4%B8");
    HttpResponse<String> tooLarge =
        post("/open311/v2/requests.json", FORM + "&x=" + "a".repeat(70_000));
    HttpResponse<String> xmlError = post("/open311/v2/requests.xml", FORM.replace(KEY, "nope"));
    HttpResponse<String> json =
        WebhookClient.send(
            HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/open311/v2/requests.json"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    HttpResponse<String> unknownPath = get("/open311/v2/discovery.json");

    assertThat(noKey.statusCode()).isEqualTo(403);
    assertThat(new JsonArray(noKey.body()).getJsonObject(0).fieldNames())
        .containsExactly("code", "description");
    assertThat(noService.statusCode()).isEqualTo(400);
    assertThat(noLocation.statusCode()).isEqualTo(400);
    assertThat(gbk.statusCode()).isEqualTo(400);
    assertThat(brokenEscape.statusCode()).isEqualTo(400);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(json.statusCode()).isEqualTo(415);
    assertThat(unknownPath.statusCode()).isEqualTo(404);
    assertThat(new JsonArray(unknownPath.body()).getJsonObject(0).getInteger("code"))
        .isEqualTo(404);
    assertThat(xml(xmlError.body()).getElementsByTagName("code").item(0).getTextContent())
        .isEqualTo("403");
    assertThat(TestRedis.streamLength(gateway.keys().tickets(0))).isEqualTo(before);
  }

  private static String gbkForm() {
    return "api_key="
        + KEY
        + "&service_code=noise&address_string=x&description="
        + URLEncoder.encode("工地夜间施工", Charset.forName("GBK"));
  }

  static String id(HttpResponse<String> response) {
    return new JsonArray(response.body()).getJsonObject(0).getString("service_request_id");
  }

  private static HttpResponse<String> get(String path) {
    return WebhookClient.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).build());
  }

  private static HttpResponse<String> post(String path, String form) {
    return WebhookClient.send(
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.ISO_8859_1))
            .build());
  }

  private static Document xml(String text) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
