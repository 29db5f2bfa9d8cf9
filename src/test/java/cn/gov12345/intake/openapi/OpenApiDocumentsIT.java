package cn.gov12345.intake.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.telephony.TelephonyFixtures;
import cn.gov12345.intake.support.ContractGateway;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.WebhookClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every HTTP API has an OpenAPI 3.1 document, served at {@code /openapi/<name>.yaml} and {@code
 * .json} (the management port's at its own {@code /openapi/admin.yaml}), valid for swagger-parser
 * with no message; and every route a running gateway mounted (every channel, status, lookup,
 * replies, SMS receipts, pull, delivery admin — {@code MountedRoutes}) appears in one of them, so a
 * route added without its document fails here. The citizen pages (HTML, no API) are the only routes
 * left out, by name.
 */
class OpenApiDocumentsIT {

  static final List<String> PUBLIC =
      List.of("app", "tickets", "pull", "uploads", "open311", "channels");

  /** Routes that are pages, not an API: the citizen form, 进度查询 and their static assets. */
  static final Set<String> PAGES = Set.of("GET /", "GET /lookup", "GET /assets/");

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static ContractGateway channels;
  static TestGateway apis;

  @BeforeAll
  static void start() throws Exception {
    channels = ContractGateway.start(Clock.systemUTC());
    String replies =
        "replies:\n"
            + "  enabled: true\n"
            + "  survey: { enabled: true }\n"
            + "  sms:\n"
            + "    provider: aliyun\n"
            + "    endpoint: http://127.0.0.1:9\n"
            + "    accessKeyId: LTAI5tTestOnly\n"
            + "    accessKeySecret: test-only-aliyun-secret-0123456789\n"
            + "    signName: 12345热线\n"
            + "    receiptToken: test-only-receipt-token-0123456789\n"
            + "    templates:\n"
            + "      receipt: { code: SMS_123456789, params: { no: trackingNumber } }\n";
    apis =
        TestGateway.start(
            TelephonyFixtures.yaml("https://api.twilio.com/", "") + StatusClient.YAML + replies,
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (channels != null) {
      channels.close();
    }
    if (apis != null) {
      apis.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"app", "tickets", "pull", "uploads", "open311", "channels"})
  void everyPublicDocumentIsServedAndValid(String name) throws Exception {
    assertValid(apis.baseUrl(), name);
  }

  @Test
  void theManagementPortDocumentIsServedAndValid() throws Exception {
    assertValid(apis.managementUrl(), "admin");
  }

  @Test
  void everyRouteThePublicPortMountedIsInAPublicDocument() throws Exception {
    List<JsonNode> documents = new ArrayList<>();
    for (String name : PUBLIC) {
      documents.add(served(apis.baseUrl(), name, "yaml"));
    }
    Set<String> routes = new TreeSet<>(channels.gateway().routes("public"));
    routes.addAll(apis.routes("public"));
    routes.removeAll(PAGES);

    assertThat(routes).as("routes mounted").contains("POST /v1/tickets/:ticketId/replies");
    assertThat(undocumented(routes, documents)).as("routes without an OpenAPI document").isEmpty();
  }

  @Test
  void everyRouteTheManagementPortMountedIsInTheAdminDocument() throws Exception {
    List<JsonNode> admin = List.of(served(apis.managementUrl(), "admin", "yaml"));
    List<String> routes = apis.routes("management");

    assertThat(routes).contains("POST /admin/delivery/destinations/:name/replay");
    assertThat(undocumented(routes, admin)).as("routes without an OpenAPI document").isEmpty();
  }

  @Test
  void aRouteNoDocumentHasIsReported() throws Exception {
    JsonNode pull = served(apis.baseUrl(), "pull", "yaml");

    assertThat(
            undocumented(
                List.of("GET /v1/streams/nothing", "DELETE /v1/streams/tickets"), List.of(pull)))
        .containsExactly("DELETE /v1/streams/tickets", "GET /v1/streams/nothing");
  }

  private static void assertValid(String base, String name) throws Exception {
    String yaml = fetch(base + "/openapi/" + name + ".yaml");
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);

    assertThat(result.getMessages()).as(name + ": parser messages").isEmpty();
    assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    assertThat(new ObjectMapper().readTree(fetch(base + "/openapi/" + name + ".json")))
        .as("the JSON form is the same document")
        .isEqualTo(YAML.readTree(yaml));
  }

  /**
   * The routes no document has: {@code "METHOD /a/:p"} is {@code /a/{p}} with that method; a path
   * ending in {@code /} (a prefix route: static files, a catch-all) and a {@code "*"} method (a
   * route of any method: middleware, a catch-all) are covered by any documented path under them.
   */
  static List<String> undocumented(Iterable<String> routes, List<JsonNode> documents) {
    List<String> missing = new ArrayList<>();
    for (String route : routes) {
      String method = route.substring(0, route.indexOf(' ')).toLowerCase(Locale.ROOT);
      String path = route.substring(route.indexOf(' ') + 1).replaceAll(":([A-Za-z]+)", "{$1}");
      boolean prefix = method.equals("*") || path.endsWith("/");
      boolean found = false;
      for (JsonNode document : documents) {
        for (var paths = document.path("paths").fields(); paths.hasNext() && !found; ) {
          var entry = paths.next();
          boolean pathMatches =
              prefix ? entry.getKey().startsWith(path) : entry.getKey().equals(path);
          found = pathMatches && (method.equals("*") || entry.getValue().has(method));
        }
      }
      if (!found) {
        missing.add(route);
      }
    }
    missing.sort(String::compareTo);
    return missing;
  }

  private static JsonNode served(String base, String name, String format) throws Exception {
    return YAML.readTree(fetch(base + "/openapi/" + name + "." + format));
  }

  private static String fetch(String url) {
    HttpResponse<String> response =
        WebhookClient.send(HttpRequest.newBuilder(URI.create(url)).build());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }
}
