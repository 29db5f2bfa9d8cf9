package cn.gov12345.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.ChannelContractTest;
import cn.gov12345.intake.channel.Endpoint;
import cn.gov12345.intake.channel.web.CsrfTokens;
import cn.gov12345.intake.channel.web.WebChannel;
import cn.gov12345.intake.http.ChannelModule;
import cn.gov12345.intake.metrics.IntakeMetrics;
import cn.gov12345.intake.support.AckExpectations;
import cn.gov12345.intake.support.ContractGateway;
import cn.gov12345.intake.support.DoorExpectations;
import cn.gov12345.intake.support.EndpointRunner;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.HttpSample;
import cn.gov12345.intake.support.JsonExpectations;
import cn.gov12345.intake.support.RawHttp;
import cn.gov12345.intake.support.TestIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The channel contract through the real door: every {@code channels/<name>/samples/*.http} is sent
 * as raw HTTP/1.1 to a whole running gateway (public verticles, {@code ChannelDoor}, the channels'
 * modules, the Lua scripts, the test Redis) at the endpoint its channel registered in {@link
 * ChannelRegistry}, exactly as the vendor sent it (the samples are signed at the contract instant,
 * and the gateway runs at that instant). Each sample asserts the ack (status, content type, body:
 * {@code expected/<name>.json}'s {@code ack}, or problem+json with the expected code for a refusal)
 * and what was appended to the Redis streams, compared like {@link ChannelContractTest} does; a
 * refusal writes nothing, a retry of an accepted sample writes nothing more and gets the same ack.
 *
 * <p>The web form is not a door channel yet: its samples go to the hand-built {@link
 * WebChannel#SUBMISSIONS} route, after a {@code GET} of {@link WebChannel#CHALLENGE} for the CSRF
 * cookie and token a browser would hold (the samples' own tokens are from another session).
 */
class ChannelDoorContractIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static ContractGateway contract;
  static Map<String, Channel> registered;

  @BeforeAll
  static void start() throws IOException {
    contract = ContractGateway.start(ChannelContractTest.CLOCK);
    Services services =
        Services.create(
            contract.gateway().config(), null, ChannelContractTest.CLOCK, new IntakeMetrics());
    registered =
        ChannelRegistry.modules(services).stream()
            .map(ChannelModule::channel)
            .collect(Collectors.toMap(Channel::name, Function.identity()));
  }

  @AfterAll
  static void stop() {
    contract.close();
  }

  @TestFactory
  Stream<DynamicContainer> everySampleThroughTheDoorYieldsItsAckAndItsEvents() throws IOException {
    return folders().stream()
        .map(
            folder ->
                DynamicContainer.dynamicContainer(
                    folder.getFileName().toString(),
                    folder.toUri(),
                    samples(folder).stream()
                        .map(
                            s ->
                                DynamicTest.dynamicTest(
                                    baseName(s), s.toUri(), () -> verify(folder, s)))));
  }

  @Test
  void everyRegisteredChannelHasASamplesFolder() throws IOException {
    List<String> names = folders().stream().map(f -> f.getFileName().toString()).toList();
    assertThat(names).containsExactlyInAnyOrderElementsOf(registered.keySet());
  }

  private void verify(Path folder, Path file) throws Exception {
    String channel = folder.getFileName().toString();
    HttpSample sample = HttpSample.read(file);
    JsonNode expected =
        JSON.readTree(folder.resolve("expected/" + baseName(file) + ".json").toFile());
    assertThat(registeredRoute(channel, sample))
        .as("the route %s registered for %s", channel, sample)
        .isNotNull();
    contract.reset();
    List<String> keysBefore = contract.keys();
    RawHttp.Response ack = send(channel, sample);
    expected = DoorExpectations.adjust(channel, sample, expected, contract);
    JsonExpectations json =
        new JsonExpectations(
            Map.of("uuid7", ChannelContractTest::isUuid7OfNow),
            value -> JSON.valueToTree(TestIdentity.sealer().open(value)));
    switch (expected.path("outcome").asText()) {
      case "accepted" -> verifyAccepted(channel, sample, expected, ack, json);
      case "rejected" -> verifyRejected(expected, ack, json, keysBefore);
      default -> fail("outcome must be accepted or rejected in the expected file of " + file);
    }
  }

  private void verifyAccepted(
      String channel,
      HttpSample sample,
      JsonNode expected,
      RawHttp.Response ack,
      JsonExpectations json) {
    json.assertMatches(expected.path("messages"), array(contract.messages()));
    json.assertMatches(DoorExpectations.tickets(expected), array(contract.tickets()));
    List<String> written = all();
    written.forEach(EventSchemas::assertValid);
    AckExpectations.assertAck(expected.path("ack"), ack, json);
    if (DoorExpectations.isNewEachTime(channel, sample)) {
      return;
    }
    RawHttp.Response retry = send(channel, sample);
    AckExpectations.assertAck(
        expected.has("retryAck") ? expected.path("retryAck") : expected.path("ack"), retry, json);
    assertThat(all()).as("a retry writes nothing").isEqualTo(written);
  }

  private void verifyRejected(
      JsonNode expected, RawHttp.Response ack, JsonExpectations json, List<String> keysBefore) {
    AckExpectations.assertRefusal(expected, ack, json);
    assertThat(all()).as("no event is written for a refused request").isEmpty();
    List<String> added = new ArrayList<>(contract.keys());
    added.removeAll(keysBefore);
    if (expected.path("door").path("admitted").asBoolean()) {
      // refused for its body after the head was admitted (the web form): the admission took its
      // rate-limit slots and claimed its challenge before the body was read, and nothing else
      assertThat(added)
          .as("only the admission's records are written for a request refused for its body")
          .isNotEmpty()
          .allMatch(k -> ADMISSION.matcher(k).find());
    } else {
      assertThat(added).as("no key is written for a refused request").isEmpty();
    }
  }

  /** Keys an admitted head writes before its body is read: rate-limit counters, challenge claim. */
  private static final Pattern ADMISSION = Pattern.compile(":\\{rl\\}:|:\\{web\\}:pow:");

  /** The route of the channel that takes the sample: method and path template. */
  private static String registeredRoute(String channel, HttpSample sample) {
    String path = sample.target().split("\\?", 2)[0];
    Channel registeredChannel = registered.get(channel);
    assertThat(registeredChannel).as("channel %s is registered", channel).isNotNull();
    for (Endpoint<?, ?> endpoint : registeredChannel.endpoints()) {
      boolean method =
          endpoint.method().equals(sample.method())
              || endpoint.method().equals(Endpoint.ANY_METHOD);
      if (method && EndpointRunner.match(endpoint.path(), path) != null) {
        return endpoint.route();
      }
    }
    return null;
  }

  private static RawHttp.Response send(String channel, HttpSample sample) {
    Map<String, String> replaced = new HashMap<>();
    if (channel.equals(WebChannel.NAME)) {
      String token = csrfToken();
      if (sample.header("Cookie") != null) {
        replaced.put("cookie", CsrfTokens.COOKIE + "=" + token);
      }
      if (sample.header(CsrfTokens.HEADER) != null) {
        replaced.put("x-csrf-token", token);
      }
    }
    return RawHttp.send(URI.create(contract.gateway().baseUrl()).getPort(), sample, replaced);
  }

  /** The CSRF token a browser holds after loading the form's challenge. */
  private static String csrfToken() {
    try {
      HttpResponse<String> challenge =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(contract.gateway().baseUrl() + WebChannel.CHALLENGE))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(challenge.statusCode()).as("the challenge").isEqualTo(200);
      String cookie =
          challenge.headers().allValues("set-cookie").stream()
              .filter(c -> c.startsWith(CsrfTokens.COOKIE + "="))
              .findFirst()
              .orElseThrow();
      return cookie.substring(CsrfTokens.COOKIE.length() + 1).split(";", 2)[0];
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> all() {
    List<String> all = new ArrayList<>(contract.messages());
    all.addAll(contract.tickets());
    return all;
  }

  private static ArrayNode array(List<String> events) {
    ArrayNode array = JSON.createArrayNode();
    events.forEach(e -> array.add(EventSchemas.read(e)));
    return array;
  }

  private static List<Path> folders() throws IOException {
    try (Stream<Path> list = Files.list(Path.of(System.getProperty("basedir", "."), "channels"))) {
      return list.filter(p -> Files.isDirectory(p.resolve("samples"))).sorted().toList();
    }
  }

  private static List<Path> samples(Path folder) {
    try (Stream<Path> list = Files.list(folder.resolve("samples"))) {
      return list.filter(p -> p.getFileName().toString().endsWith(".http")).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }
}
