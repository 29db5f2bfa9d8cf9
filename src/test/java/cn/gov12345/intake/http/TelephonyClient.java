package cn.gov12345.intake.http;

import static cn.gov12345.intake.channel.telephony.TelephonyFixtures.encode;

import cn.gov12345.intake.channel.telephony.TelephonyFixtures;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Posts call events to a test gateway the way Twilio, a CTI PBX and a Zammad-style PBX do. */
final class TelephonyClient {

  static final HttpClient HTTP = HttpClient.newHttpClient();

  private final TestGateway gateway;

  TelephonyClient(TestGateway gateway) {
    this.gateway = gateway;
  }

  /** A signed Twilio webhook ({@code hook}: voice, status, recording, transcription, queue). */
  HttpResponse<String> twilio(String hook, String sid, String from, String... more) {
    var form = TelephonyFixtures.twilioForm(sid, from, more);
    String uri = "/channels/telephony/twilio/hotline/" + hook;
    return post(
        uri,
        "application/x-www-form-urlencoded",
        encode(form),
        "X-Twilio-Signature",
        TelephonyFixtures.twilioSignature(uri, form));
  }

  /** A Zammad-style CTI event. */
  HttpResponse<String> zammad(String token, String... fields) {
    return post(
        "/channels/telephony/zammad/asterisk/" + token,
        "application/x-www-form-urlencoded",
        encode(TelephonyFixtures.form(fields)));
  }

  /** A signed CTI JSON event. */
  HttpResponse<String> cti(String json, long timestamp) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String id = "msg_" + UUID.randomUUID();
    return post(
        "/channels/telephony/cti/pbx",
        "application/json",
        body,
        "webhook-id",
        id,
        "webhook-timestamp",
        Long.toString(timestamp),
        "webhook-signature",
        TelephonyFixtures.ctiSignature(id, timestamp, body));
  }

  HttpResponse<String> cti(String json) {
    return cti(json, Instant.now().getEpochSecond());
  }

  HttpResponse<String> post(String uri, String type, byte[] body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + uri))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every ticket event, schema-checked. */
  List<JsonNode> tickets() {
    List<JsonNode> out = new ArrayList<>();
    for (String e : TestRedis.events(gateway.keys().tickets(0))) {
      EventSchemas.assertValid(e);
      out.add(EventSchemas.read(e));
    }
    return out;
  }

  /** Every ticket event of every partition (partition by partition). */
  List<JsonNode> ticketsOfAllPartitions() {
    List<JsonNode> out = new ArrayList<>();
    for (int p = 0; p < gateway.keys().partitions(); p++) {
      for (String e : TestRedis.events(gateway.keys().tickets(p))) {
        EventSchemas.assertValid(e);
        out.add(EventSchemas.read(e));
      }
    }
    return out;
  }

  List<String> messages() {
    return TestRedis.events(gateway.keys().messages(0));
  }
}
