package cn.gov12345.intake.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.telephony.TelephonyFixtures;
import cn.gov12345.intake.media.FileMediaStore;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Call recordings: downloaded with the vendor's auth into the media store, appended to the ticket.
 */
class TelephonyRecordingIT {

  static final byte[] MP3 = HexFormat.of().parseHex("4944330400000000000f54495432000000050000");

  @RegisterExtension static WireMockExtension twilio = TestDestinations.sink();

  @Test
  void aTwilioRecordingIsDownloadedWithBasicAuthAndStoredWithItsSha256OnTheCallsTicket()
      throws Exception {
    String recording = "/2010-04-01/Accounts/" + TelephonyFixtures.TWILIO_SID + "/Recordings/RE1";
    twilio.stubFor(
        get(urlEqualTo(recording + ".mp3"))
            .withBasicAuth(TelephonyFixtures.TWILIO_SID, TelephonyFixtures.TWILIO_TOKEN)
            .willReturn(aResponse().withHeader("Content-Type", "audio/mpeg").withBody(MP3)));
    try (TestGateway g = start()) {
      TelephonyClient c = new TelephonyClient(g);
      String sid = TelephonyFixtures.callSid();
      // the recording callback arrives before the call's end: it waits for the ticket
      c.twilio(
          "recording",
          sid,
          "+8613912345670",
          "RecordingSid",
          TelephonyFixtures.sid("RE"),
          "RecordingStatus",
          "completed",
          "RecordingUrl",
          twilio.baseUrl() + recording);
      c.twilio(
          "status",
          sid,
          "+8613912345670",
          "CallStatus",
          "completed",
          "SequenceNumber",
          "4",
          "CallDuration",
          "75");

      JsonNode a = awaitRecordings(c, 1).get(0);
      assertThat(a.path("status").asText()).isEqualTo("stored");
      assertThat(a.path("mediaType").asText()).isEqualTo("audio/mpeg");
      byte[] onDisk = Files.readAllBytes(Path.of(URI.create(a.path("uri").asText())));
      assertThat(onDisk).isEqualTo(MP3);
      assertThat(a.path("sha256").asText()).isEqualTo(FileMediaStore.sha256(MP3));
      assertThat(a.path("size").asLong()).isEqualTo(MP3.length);
      assertThat(c.tickets().get(1).path("subject").asText())
          .isEqualTo(c.tickets().get(0).path("subject").asText());
      twilio.verify(1, getRequestedFor(urlEqualTo(recording + ".mp3")));
    }
  }

  @Test
  void anExpiredRecordingUrlIsRecordedAsAFailureOnTheTicketNotACrash() throws Exception {
    twilio.stubFor(get(urlEqualTo("/r/gone.wav")).willReturn(aResponse().withStatus(404)));
    twilio.stubFor(get(urlEqualTo("/r/down.wav")).willReturn(aResponse().withStatus(503)));
    try (TestGateway g = start()) {
      TelephonyClient c = new TelephonyClient(g);
      for (String name : List.of("gone", "down")) {
        String callId = "pbx-rec-" + name;
        c.cti(ended(callId));
        c.cti(
            "{\"callId\":\""
                + callId
                + "\",\"event\":\"recording-ready\",\"timestamp\":\""
                + java.time.Instant.now()
                + "\",\"caller\":\"13800138000\",\"recordingUrl\":\""
                + twilio.baseUrl()
                + "/r/"
                + name
                + ".wav\",\"recordingId\":\""
                + name
                + "\"}");
      }
      List<JsonNode> failed = awaitRecordings(c, 2);
      assertThat(failed)
          .extracting(
              a ->
                  a.path("name").asText()
                      + " "
                      + a.path("status").asText()
                      + " "
                      + a.path("error").asText())
          .containsExactlyInAnyOrder("gone unavailable http_404", "down unavailable unavailable");
      twilio.verify(1, getRequestedFor(urlEqualTo("/r/gone.wav")));
      twilio.verify(3, getRequestedFor(urlEqualTo("/r/down.wav")));
      assertThat(c.tickets().stream().filter(e -> e.path("type").asText().endsWith("opened.v1")))
          .hasSize(2);
    }
  }

  @Test
  void aRecordingUrlRedirectingToAnInternalHostIsRecordedRefusedAndNothingIsFetchedOrStored()
      throws Exception {
    String internal = "http://127.0.0.1:" + twilio.getPort() + "/internal/admin.wav";
    twilio.stubFor(
        get(urlEqualTo("/r/moved.wav"))
            .willReturn(aResponse().withStatus(302).withHeader("Location", internal)));
    twilio.stubFor(get(urlEqualTo("/internal/admin.wav")).willReturn(aResponse().withBody(MP3)));
    try (TestGateway g = start()) {
      TelephonyClient c = new TelephonyClient(g);
      c.cti(ended("pbx-rec-moved"));
      c.cti(recordingReady("pbx-rec-moved", twilio.baseUrl() + "/r/moved.wav"));

      JsonNode a = awaitRecordings(c, 1).get(0);
      assertThat(a.path("status").asText() + " " + a.path("error").asText())
          .isEqualTo("unavailable redirect_refused");
      twilio.verify(1, getRequestedFor(urlEqualTo("/r/moved.wav")));
      twilio.verify(0, getRequestedFor(urlEqualTo("/internal/admin.wav")));
      assertThat(storedFiles(g)).isEmpty();
    }
  }

  @Test
  void aRecordingOnALoopbackAddressIsRefusedWhenPrivateNetworksAreNotAllowed() throws Exception {
    twilio.stubFor(get(urlEqualTo("/r/local.wav")).willReturn(aResponse().withBody(MP3)));
    String loopback = "http://127.0.0.1:" + twilio.getPort() + "/";
    try (TestGateway g =
        TestGateway.start(
            TelephonyFixtures.yaml(loopback, "    recordingRetry: [100ms, 200ms]\n"),
            Clock.systemUTC())) {
      TelephonyClient c = new TelephonyClient(g);
      c.cti(ended("pbx-rec-local"));
      c.cti(recordingReady("pbx-rec-local", loopback + "r/local.wav"));

      JsonNode a = awaitRecordings(c, 1).get(0);
      assertThat(a.path("status").asText() + " " + a.path("error").asText())
          .isEqualTo("unavailable address_refused");
      twilio.verify(0, getRequestedFor(urlEqualTo("/r/local.wav")));
      assertThat(storedFiles(g)).isEmpty();
    }
  }

  static String recordingReady(String callId, String url) {
    return "{\"callId\":\""
        + callId
        + "\",\"event\":\"recording-ready\",\"timestamp\":\""
        + java.time.Instant.now()
        + "\",\"caller\":\"13800138000\",\"recordingUrl\":\""
        + url
        + "\",\"recordingId\":\"r-"
        + callId
        + "\"}";
  }

  /** Every file under the data directory's media store. */
  static List<Path> storedFiles(TestGateway g) throws java.io.IOException {
    Path media = Path.of(g.config().dataDir(), "media");
    if (!Files.exists(media)) {
      return List.of();
    }
    try (var files = Files.walk(media)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  static String ended(String callId) {
    return "{\"callId\":\""
        + callId
        + "\",\"event\":\"ended\",\"timestamp\":\""
        + java.time.Instant.now()
        + "\",\"caller\":\"13800138000\",\"answeredAt\":\""
        + java.time.Instant.now()
        + "\",\"durationSeconds\":30}";
  }

  static List<JsonNode> awaitRecordings(TelephonyClient c, int count) {
    Eventually.await(Duration.ofSeconds(20), () -> assertThat(recordings(c)).hasSize(count));
    return recordings(c);
  }

  static List<JsonNode> recordings(TelephonyClient c) {
    return c.tickets().stream()
        .filter(e -> e.path("data").path("kind").asText().equals("media"))
        .map(e -> e.path("data").path("attachments").get(0))
        .toList();
  }

  static TestGateway start() throws Exception {
    return TestGateway.start(
        TelephonyFixtures.yaml(twilio.baseUrl() + "/", "    recordingRetry: [100ms, 200ms]\n"),
        Clock.systemUTC());
  }
}
