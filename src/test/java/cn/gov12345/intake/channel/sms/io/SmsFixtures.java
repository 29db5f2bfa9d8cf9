package cn.gov12345.intake.channel.sms.io;

import cn.gov12345.intake.config.Secret;
import cn.gov12345.intake.config.SmsConfig;
import cn.gov12345.intake.config.SmsTemplateConfig;
import cn.gov12345.intake.reply.OutboundMessage;
import cn.gov12345.intake.reply.ReplyAddress;
import io.vertx.core.Future;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Providers, templates and replies for the SMS sender tests. */
final class SmsFixtures {

  static final String REPLY_ID = "6f1c1c2e-0000-4000-8000-000000000001";
  static final String PHONE = "+8613800138000";
  static final String ACCESS_KEY_ID = "LTAI5tTestOnly";
  static final String ACCESS_KEY_SECRET = "test-only-aliyun-secret";
  static final String HTTP_SECRET = "whsec_dGVzdC1vbmx5LXNtcy1wcm92aWRlci1zZWNyZXQtMzJiIQ==";
  static final String NONCE = "45e25e9b-0a6f-4070-8c85-2956eda1b466";
  static final Instant NOW = Instant.parse("2026-03-01T02:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private SmsFixtures() {}

  /** receipt → SMS_123456789 {no: trackingNumber, code: queryCode}. */
  static Map<String, SmsTemplateConfig> templates() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("no", "trackingNumber");
    params.put("code", "queryCode");
    return Map.of("receipt", new SmsTemplateConfig("SMS_123456789", params));
  }

  static SmsConfig aliyun(String endpoint, Duration timeout) {
    return new SmsConfig(
        "aliyun",
        endpoint,
        ACCESS_KEY_ID,
        Secret.of(ACCESS_KEY_SECRET),
        "12345热线",
        null,
        null,
        null,
        templates(),
        timeout,
        null);
  }

  static SmsConfig http(String url, Duration timeout) {
    return new SmsConfig(
        "http",
        null,
        null,
        null,
        "12345热线",
        null,
        url,
        List.of(Secret.of(HTTP_SECRET)),
        templates(),
        timeout,
        null);
  }

  /** The receipt for ticket 261126000000015 to {@code phone}. */
  static OutboundMessage receipt(String phone) {
    return new OutboundMessage(
        REPLY_ID,
        "t-1",
        "261126000000015",
        "telephony",
        "hotline",
        new ReplyAddress(null, phone, null),
        null,
        "receipt",
        "您的诉求已受理，编号 261126000000015，查询码 4821",
        Map.of("trackingNumber", "261126000000015", "queryCode", "4821"),
        false);
  }

  static SmsRequest request(String phone) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("no", "261126000000015");
    variables.put("code", "4821");
    return new SmsRequest(REPLY_ID, phone, "SMS_123456789", variables);
  }

  /** A form body's parameters, decoded. */
  static Map<String, String> form(String body) {
    Map<String, String> params = new TreeMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  /** A local port nothing listens on. */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * A local listener that never accepts, its queue filled until a further connect hangs: a provider
   * host that does not answer the TCP handshake. Close it (and the sockets) after the test.
   */
  static final class Unanswered implements AutoCloseable {
    final ServerSocket server;
    final List<Socket> queued = new ArrayList<>();

    Unanswered() throws IOException {
      server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      for (int i = 0; i < 64; i++) {
        Socket socket = new Socket();
        try {
          socket.connect(server.getLocalSocketAddress(), 200);
          queued.add(socket);
        } catch (SocketTimeoutException full) {
          socket.close();
          return;
        }
      }
      throw new IllegalStateException("the listen queue never filled");
    }

    String url() {
      return "http://127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      for (Socket socket : queued) {
        socket.close();
      }
      server.close();
    }
  }

  static <T> T await(Future<T> f) {
    try {
      return f.await(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }
}
