package cn.gov12345.intake.http.door;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.Ack;
import cn.gov12345.intake.channel.Body;
import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.Endpoint;
import cn.gov12345.intake.channel.InboundRequest;
import cn.gov12345.intake.http.Binding;
import cn.gov12345.intake.http.ChannelDoor;
import cn.gov12345.intake.http.ChannelModule;
import cn.gov12345.intake.http.ClientAddress;
import cn.gov12345.intake.http.Correlation;
import cn.gov12345.intake.http.FailureHandler;
import cn.gov12345.intake.http.Loop;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.support.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Any channel can declare {@code Body.multipart}: the door streams the files to its folder after
 * the head was admitted, hands the channel the form, refuses more parts than declared and deletes
 * every file once the request is answered.
 */
class MultipartDoorTest {

  private static Vertx vertx;
  private static HttpServer server;
  private static Path folder;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** One endpoint: a form of at most three parts, answered with what the door read. */
  static final class FormChannel implements Channel, ChannelModule {

    final Endpoint<String, String> form =
        Endpoint.of(
            "POST",
            "/channels/form",
            Body.multipart(4096, 3),
            Endpoint::noCheck,
            FormChannel::describe,
            (read, done) -> Ack.of(202, "text/plain", read));

    static String describe(InboundRequest r) {
      StringBuilder out = new StringBuilder();
      r.form().fields().forEach((k, v) -> out.append(k).append('=').append(v).append(';'));
      for (InboundRequest.FilePart f : r.form().files()) {
        out.append(f.field()).append(':').append(f.fileName()).append(':').append(f.size());
        out.append(':').append(Files.exists(Path.of(f.path()))).append(';');
      }
      return out.toString();
    }

    @Override
    public String name() {
      return "form";
    }

    @Override
    public List<Endpoint<?, ?>> endpoints() {
      return List.of(form);
    }

    @Override
    public Channel channel() {
      return this;
    }

    @Override
    public List<Binding<?, ?>> bind(Loop loop) {
      return List.of(Binding.of(form, (request, read) -> Future.succeededFuture(read)));
    }
  }

  @BeforeAll
  static void start() throws Exception {
    folder = Files.createTempDirectory("door-multipart");
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(new Correlation());
    IntakeMetrics metrics = new IntakeMetrics();
    new ChannelDoor(metrics, new ClientAddress(List.of()), 5, folder)
        .mount(router, new FormChannel(), new Loop(vertx, null, null, null));
    router.route().failureHandler(new FailureHandler(metrics, 5));
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

  private static HttpResponse<String> post(String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.actualPort() + "/channels/form"))
            .header("Content-Type", "multipart/form-data; boundary=b")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String field(String name, String value) {
    return "--b\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }

  private static String file(String name, String fileName, String bytes) {
    return "--b\r\nContent-Disposition: form-data; name=\""
        + name
        + "\"; filename=\""
        + fileName
        + "\"\r\nContent-Type: text/plain\r\n\r\n"
        + bytes
        + "\r\n";
  }

  private static List<Path> filesLeft() {
    try (Stream<Path> all = Files.list(folder)) {
      return all.toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theChannelReadsTheFieldsAndTheStoredFilesInOrderAndTheFilesAreGoneAfterTheAnswer()
      throws Exception {
    HttpResponse<String> r =
        post(
            field("a", "1") + file("f", "one.txt", "xyz") + file("f", "two.txt", "") + "--b--\r\n");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(r.body()).isEqualTo("a=[1];f:one.txt:3:true;f:two.txt:0:true;");
    // the files are deleted once the answer was sent
    Eventually.await(Duration.ofSeconds(5), () -> assertThat(filesLeft()).isEmpty());
  }

  @Test
  void morePartsThanDeclaredAreRefusedAndNoneIsLeftOnDisk() throws Exception {
    String four =
        file("f", "1", "a") + file("f", "2", "b") + file("f", "3", "c") + file("f", "4", "d");

    HttpResponse<String> r = post(four + "--b--\r\n");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("too_many_parts");
    Eventually.await(Duration.ofSeconds(5), () -> assertThat(filesLeft()).isEmpty());
  }

  @Test
  void aBodyOverItsLimitIsRefusedEvenWithoutADeclaredLength() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.actualPort() + "/channels/form"))
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () ->
                            new java.io.ByteArrayInputStream(
                                file("f", "big", "x".repeat(10_000)).getBytes())))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(413);
  }
}
