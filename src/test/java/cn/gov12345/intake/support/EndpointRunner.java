package cn.gov12345.intake.support;

import cn.gov12345.intake.channel.Body;
import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.Endpoint;
import cn.gov12345.intake.channel.InboundRequest;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a raw sample request through the endpoint a channel declares for it, as the door does before
 * the I/O step: route match (method and path template), declared length, the endpoint's pre-body
 * check, then its read.
 */
public final class EndpointRunner {

  private EndpointRunner() {}

  /** What the matching endpoint reads from the sample. */
  public static Object read(Channel channel, HttpSample sample) {
    for (Endpoint<?, ?> endpoint : channel.endpoints()) {
      Map<String, String> params = match(endpoint.path(), path(sample.target()));
      if (params != null && endpoint.method().equals(sample.method())) {
        return read(endpoint, sample, params);
      }
    }
    throw new AssertionError("no endpoint of " + channel.name() + " takes " + sample);
  }

  private static Object read(
      Endpoint<?, ?> endpoint, HttpSample sample, Map<String, String> params) {
    Map<String, String> headers = new HashMap<>();
    sample.headers().forEach((name, values) -> headers.put(name, values.get(0)));
    InboundRequest head =
        InboundRequest.head(
            sample.method(),
            path(sample.target()),
            sample.target(),
            params,
            headers,
            query(sample.target()),
            "203.0.113.7",
            "sample");
    Body body = endpoint.body();
    if (body.kind() != Body.Kind.NONE && sample.body().length > body.maxBytes()) {
      throw new ChannelException(ErrorCode.BODY_TOO_LARGE, "The body is too large.");
    }
    endpoint.check().accept(head);
    return endpoint.read().apply(head.withBody(sample.body(), null));
  }

  /** The path parameters when {@code path} matches the template ({@code :name} segments). */
  public static Map<String, String> match(String template, String path) {
    String[] want = template.split("/", -1);
    String[] got = path.split("/", -1);
    if (want.length != got.length) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < want.length; i++) {
      if (want[i].startsWith(":")) {
        params.put(want[i].substring(1), URLDecoder.decode(got[i], StandardCharsets.UTF_8));
      } else if (!want[i].equals(got[i])) {
        return null;
      }
    }
    return params;
  }

  private static String path(String target) {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  private static Map<String, String> query(String target) {
    int q = target.indexOf('?');
    Map<String, String> query = new HashMap<>();
    if (q < 0) {
      return query;
    }
    for (String pair : List.of(target.substring(q + 1).split("&"))) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.putIfAbsent(name, value);
    }
    return query;
  }
}
