package cn.gov12345.intake.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.pipeline.IntakePipeline;
import cn.gov12345.intake.stream.AppendResult;
import cn.gov12345.intake.stream.EventFactory;
import cn.gov12345.intake.stream.StreamKeys;
import cn.gov12345.intake.support.CapturingStreamStore;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.HttpSample;
import cn.gov12345.intake.support.JsonExpectations;
import cn.gov12345.intake.support.TestIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract of one channel, read from {@code channels/<name>/}: every file in {@code samples/}
 * is a raw request exactly as the sender sends it, and {@code expected/<same name>.json} says what
 * the gateway makes of it. A channel test extends this class and only says how its channel receives
 * a request; the rest (the pipeline with fixed keys and a fixed clock, an in-memory store, JSON
 * comparison, schema validation, dedup, no personal data in events) is shared.
 *
 * <p>Expected files: {@code {"outcome": "accepted", "messages": [...], "tickets": [...]}} with the
 * events as written to the streams (see {@link JsonExpectations} for placeholders), or {@code
 * {"outcome": "rejected", "status": 401, "code": "invalid_signature"}}. A top-level {@code
 * "$comment"} is ignored.
 *
 * <p>The same files also hold what only the running gateway shows, which this in-process test
 * ignores and {@code ChannelDoorContractIT} checks by sending every sample over HTTP to the real
 * door: {@code "ack"} (status, content type and body of the answer; for a refusal only where the
 * channel renders refusals its own way, otherwise problem+json with {@code status} and {@code
 * code}), {@code "retryAck"} when a retry is answered differently (a duplicate's 200), and {@code
 * "door": {"tickets": [...]}} when the whole gateway writes other tickets than the channel's own
 * events (a call that ends opens its ticket in the call state machine).
 */
public abstract class ChannelContractTest {

  /** The instant every sample is received at (2026-01-15 10:30 China time). */
  public static final Instant NOW = Instant.parse("2026-01-15T02:30:00Z");

  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The channel's folder name under {@code channels/}. */
  protected abstract String channel();

  /**
   * Receives one raw request the way the channel's HTTP route does.
   *
   * @throws ChannelException when the channel refuses the request
   */
  protected abstract List<Inbound> receive(HttpSample request);

  /** Placeholder kinds usable in expected files; subclasses may add their own. */
  protected Map<String, Predicate<String>> placeholderKinds() {
    return Map.of("uuid7", ChannelContractTest::isUuid7OfNow);
  }

  protected Path folder() {
    return Path.of(System.getProperty("basedir", ".")).resolve("channels").resolve(channel());
  }

  @TestFactory
  Stream<DynamicTest> everySampleYieldsItsExpectedOutcome() throws IOException {
    List<Path> samples = files("samples");
    assertThat(samples).as("samples of channel %s", channel()).isNotEmpty();
    return samples.stream()
        .map(s -> DynamicTest.dynamicTest(baseName(s), s.toUri(), () -> verify(s)));
  }

  @Test
  void everySampleIsAnHttpFileWithAnExpectedFileAndViceVersa() throws IOException {
    List<String> samples = new ArrayList<>();
    for (Path sample : files("samples")) {
      assertThat(sample.getFileName().toString()).as("sample file name").endsWith(".http");
      samples.add(baseName(sample));
    }
    List<String> expected = files("expected").stream().map(ChannelContractTest::baseName).toList();
    assertThat(expected).containsExactlyInAnyOrderElementsOf(samples);
  }

  @Test
  void theContractShowsBothAcceptedAndRejectedRequests() throws IOException {
    List<String> outcomes = new ArrayList<>();
    for (Path file : files("expected")) {
      outcomes.add(readJson(file).path("outcome").asText());
    }
    assertThat(outcomes).contains("accepted", "rejected").isSubsetOf("accepted", "rejected");
  }

  private void verify(Path sampleFile) throws IOException {
    HttpSample request = HttpSample.read(sampleFile);
    JsonNode expected =
        readJson(folder().resolve("expected").resolve(baseName(sampleFile) + ".json"));
    CapturingStreamStore store = new CapturingStreamStore();
    IntakePipeline pipeline = pipeline(store);
    switch (expected.path("outcome").asText()) {
      case "accepted" -> verifyAccepted(request, expected, store, pipeline);
      case "rejected" -> verifyRejected(request, expected, store, pipeline);
      default -> fail("outcome must be accepted or rejected in the expected file of " + sampleFile);
    }
  }

  private void verifyAccepted(
      HttpSample request, JsonNode expected, CapturingStreamStore store, IntakePipeline pipeline) {
    List<Inbound> inbounds = receive(request);
    List<AppendResult> first = inbounds.stream().map(in -> append(pipeline, in)).toList();
    assertThat(first).noneMatch(AppendResult::duplicate);
    JsonExpectations expectations = new JsonExpectations(placeholderKinds(), this::openSealed);
    expectations.assertMatches(expected.path("messages"), array(store.messages()));
    expectations.assertMatches(expected.path("tickets"), array(store.tickets()));
    store.all().forEach(EventSchemas::assertValid);
    assertNoRawPersonalData(inbounds, store.all());

    List<String> written = store.all();
    List<AppendResult> retry = receive(request).stream().map(in -> append(pipeline, in)).toList();
    assertThat(retry).as("a retry of the same request").allMatch(AppendResult::duplicate);
    assertThat(retry.stream().map(ChannelContractTest::ids).toList())
        .as("a retry answers the original ids")
        .isEqualTo(first.stream().map(ChannelContractTest::ids).toList());
    assertThat(store.all()).as("a retry writes nothing").isEqualTo(written);
  }

  private void verifyRejected(
      HttpSample request, JsonNode expected, CapturingStreamStore store, IntakePipeline pipeline) {
    assertThatThrownBy(() -> receive(request).forEach(in -> append(pipeline, in)))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> {
              assertThat(e.errorCode().code()).isEqualTo(expected.path("code").asText());
              assertThat(e.errorCode().status()).isEqualTo(expected.path("status").asInt());
            });
    assertThat(store.all()).as("nothing is written for a refused request").isEmpty();
  }

  private static AppendResult append(IntakePipeline pipeline, Inbound in) {
    Future<AppendResult> result = pipeline.accept(in);
    assertThat(result.succeeded()).as("the in-memory append succeeded").isTrue();
    return result.result();
  }

  private static List<String> ids(AppendResult result) {
    return Arrays.asList(result.messageId(), result.ticketId(), result.trackingNumber());
  }

  private static IntakePipeline pipeline(CapturingStreamStore store) {
    return new IntakePipeline(
        TestIdentity.pseudonymizer(),
        TestIdentity.sealer(),
        new StreamKeys("intake", 1),
        new EventFactory(),
        store,
        new Ids(CLOCK));
  }

  /** Raw phone numbers, names and channel identifiers must never appear in an event. */
  private static void assertNoRawPersonalData(List<Inbound> inbounds, List<String> events) {
    for (Inbound in : inbounds) {
      for (String secret : personalData(in.citizen())) {
        assertThat(events).as("events").noneMatch(e -> e.contains(secret));
      }
    }
  }

  private static List<String> personalData(CitizenRef citizen) {
    List<String> out = new ArrayList<>();
    if (citizen.phone() != null) {
      out.add(citizen.phone());
      out.add(citizen.phone().substring(Math.max(0, citizen.phone().length() - 11)));
    }
    if (citizen.name() != null) {
      out.add(citizen.name());
    }
    if (citizen.scheme() != CitizenRef.IdScheme.ANONYMOUS) {
      out.add(citizen.id());
      out.add(citizen.id().substring(citizen.id().indexOf(':') + 1));
    }
    return out;
  }

  private JsonNode openSealed(String sealed) {
    return JSON.valueToTree(TestIdentity.sealer().open(sealed));
  }

  /** Whether a value is a UUIDv7 drawn at {@link #NOW} (the {@code <uuid7:name>} placeholder). */
  public static boolean isUuid7OfNow(String value) {
    if (!value.matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")) {
      return false;
    }
    return UUID.fromString(value).getMostSignificantBits() >>> 16 == NOW.toEpochMilli();
  }

  private static ArrayNode array(List<String> events) {
    ArrayNode array = JSON.createArrayNode();
    events.forEach(e -> array.add(EventSchemas.read(e)));
    return array;
  }

  private List<Path> files(String sub) throws IOException {
    Path dir = folder().resolve(sub);
    assertThat(dir).as("channel folder %s", dir.toAbsolutePath()).isDirectory();
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    }
  }

  private static JsonNode readJson(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
