package cn.gov12345.intake.http.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.http.ChannelDoor;
import cn.gov12345.intake.http.ChannelModule;
import cn.gov12345.intake.http.ClientAddress;
import cn.gov12345.intake.http.Correlation;
import cn.gov12345.intake.http.FailureHandler;
import cn.gov12345.intake.http.Loop;
import cn.gov12345.intake.metrics.IntakeMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The door mounts a channel it has never seen from its declared endpoints alone: the channel's
 * folder and one registry line (here: the module list) are all a new channel needs.
 */
class ChannelDoorTest {

  private static Vertx vertx;
  private static HttpServer server;
  private static final EchoModule ECHO = new EchoModule();
  private static final IntakeMetrics METRICS = new IntakeMetrics();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(new Correlation());
    ChannelDoor door =
        new ChannelDoor(
            METRICS,
            new ClientAddress(List.of()),
            5,
            java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "door-uploads"));
    List<ChannelModule> registry = List.of(ECHO);
    ChannelDoor.routes(registry);
    registry.forEach(m -> door.mount(router, m, new Loop(vertx, null, null, null)));
    FailureHandler failures = new FailureHandler(METRICS, 5);
    router.route().failureHandler(failures);
    router.errorHandler(404, failures);
    server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aNewChannelsEndpointAnswersInItsOwnFormatAfterItsWork() throws Exception {
    HttpResponse<String> response = post("/channels/echo/known", "hello\n");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
    assertThat(response.body()).startsWith("OK m-").endsWith(" hello");
    assertThat(response.headers().firstValue(Correlation.HEADER)).isPresent();
    assertThat(ECHO.received).contains("hello");
  }

  @Test
  void theChannelsPreBodyCheckRefusesAsProblemJsonAndNothingIsWorked() throws Exception {
    int before = ECHO.received.size();
    HttpResponse<String> response = post("/channels/echo/stranger", "hello");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("unknown_source").contains("No such echo sender.");
    assertThat(ECHO.received).hasSize(before);
  }

  @Test
  void aDeclaredBodyOverTheEndpointsLimitIsRefusedBeforeItIsRead() throws Exception {
    int before = ECHO.received.size();
    HttpResponse<String> response = post("/channels/echo/known", "x".repeat(65));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("body_too_large");
    assertThat(ECHO.received).hasSize(before);
  }

  @Test
  void aFormBodyReachesTheChannelAsSentEvenWithABrokenEscape() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            request("/channels/echo/known")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("CallSid=CA%ZZ"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(response.body()).endsWith(" CallSid=CA%ZZ");
  }

  @Test
  void aChunkedBodyOverTheEndpointsLimitIsRefusedWhileItIsRead() throws Exception {
    int before = ECHO.received.size();
    byte[] body = "x".repeat(65).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> response =
        HTTP.send(
            request("/channels/echo/known")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("body_too_large");
    assertThat(ECHO.received).hasSize(before);
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
        .version(HttpClient.Version.HTTP_1_1);
  }

  @Test
  void aReadFailureIsTheChannelsTypedRefusal() throws Exception {
    HttpResponse<String> response = post("/channels/echo/known", "   ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("invalid_submission");
  }

  @Test
  void twoEndpointsClaimingOneRouteRefuseToStart() {
    assertThatThrownBy(() -> ChannelDoor.routes(List.of(ECHO, new EchoModule())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two endpoints claim POST /channels/echo/:sender");
  }
}
