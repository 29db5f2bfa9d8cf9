package cn.gov12345.intake.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;

/**
 * The app's OpenAPI document ({@code openapi/app.yaml}), served as written and as JSON. Read once;
 * it is the same document the app channel validates submissions with.
 */
final class OpenApiDocument {

  private static final String RESOURCE = "/openapi/app.yaml";

  private final Buffer yaml;
  private final Buffer json;

  private OpenApiDocument(byte[] yaml, byte[] json) {
    this.yaml = Buffer.buffer(yaml);
    this.json = Buffer.buffer(json);
  }

  static OpenApiDocument load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("openapi/app.yaml is missing from the class path");
      }
      byte[] yaml = in.readAllBytes();
      byte[] json =
          new ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsBytes(new ObjectMapper(new YAMLFactory()).readTree(yaml));
      return new OpenApiDocument(yaml, json);
    } catch (IOException e) {
      throw new IllegalStateException("openapi/app.yaml is unreadable", e);
    }
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
