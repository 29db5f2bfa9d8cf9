package cn.gov12345.intake.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * An OpenAPI 3.1 document of {@code openapi/} ({@link #PUBLIC} on the public port, {@code admin} on
 * the management port), served as written and as JSON at {@code /openapi/<name>.yaml|.json}. Read
 * once; {@code app} is the same document the app channel validates submissions with (also served at
 * {@code /channels/app/v1/openapi.yaml}).
 */
final class OpenApiDocument {

  /** The documents of the public port's APIs. */
  static final List<String> PUBLIC =
      List.of("app", "tickets", "pull", "uploads", "open311", "channels");

  /** Where a document is served: {@code /openapi/<name>.yaml} and {@code .json}. */
  static final String BASE = "/openapi/";

  private final Buffer yaml;
  private final Buffer json;

  private OpenApiDocument(byte[] yaml, byte[] json) {
    this.yaml = Buffer.buffer(yaml);
    this.json = Buffer.buffer(json);
  }

  static OpenApiDocument load(String name) {
    String resource = BASE + name + ".yaml";
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      byte[] yaml = in.readAllBytes();
      byte[] json =
          new ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsBytes(new ObjectMapper(new YAMLFactory()).readTree(yaml));
      return new OpenApiDocument(yaml, json);
    } catch (IOException e) {
      throw new IllegalStateException(resource + " is unreadable", e);
    }
  }

  /** Mounts the document at {@code /openapi/<name>.yaml} and {@code .json}. */
  static OpenApiDocument mount(Router router, String name) {
    OpenApiDocument document = load(name);
    router.get(BASE + name + ".yaml").handler(document::sendYaml);
    router.get(BASE + name + ".json").handler(document::sendJson);
    return document;
  }

  void sendYaml(RoutingContext ctx) {
    send(ctx, "application/yaml; charset=utf-8", yaml);
  }

  void sendJson(RoutingContext ctx) {
    send(ctx, "application/json", json);
  }

  private static void send(RoutingContext ctx, String type, Buffer body) {
    ctx.response()
        .putHeader("Content-Type", type)
        .putHeader("Cache-Control", "public, max-age=300")
        .end(body);
  }
}
