package cn.gov12345.intake.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.model.CitizenRef;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What an expected file says about the running gateway beyond the channel's own events, and the two
 * values of an expected file that only the running gateway knows:
 *
 * <ul>
 *   <li>{@code door.tickets}, when present, replaces {@code tickets}: the ticket streams as the
 *       whole gateway leaves them (a call that ends opens its ticket in the call state machine,
 *       which the in-process contract does not run);
 *   <li>{@code {queryCode}} in an {@code ack} is the 进度查询 code of the ticket the request opened (an
 *       HMAC of its tracking number and random ticket id), computed from the tickets stream;
 *   <li>an Open311 request without {@code Idempotency-Key} is named by a fresh UUID, which the
 *       in-process contract fixes to {@code sample-request}: the generated id is read from the
 *       message event (it must be a UUID) and put in its place, also in the anonymous citizen's
 *       pseudonym derived from it. Such a request is new each time, so it has no retry to check.
 * </ul>
 */
public final class DoorExpectations {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SAMPLE_REQUEST = "request:sample-request";
  private static final String UUID =
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  private DoorExpectations() {}

  /** The tickets the running gateway writes for the sample. */
  public static JsonNode tickets(JsonNode expected) {
    JsonNode door = expected.path("door").path("tickets");
    return door.isMissingNode() ? expected.path("tickets") : door;
  }

  /** Whether every send of the sample is a new request (Open311 without Idempotency-Key). */
  public static boolean isNewEachTime(String channel, HttpSample sample) {
    return channel.equals("open311") && sample.header("Idempotency-Key") == null;
  }

  /** The expected file with the values only the running gateway knows filled in. */
  public static JsonNode adjust(
      String channel, HttpSample sample, JsonNode expected, ContractGateway contract) {
    String text = expected.toString();
    if (isNewEachTime(channel, sample) && text.contains(SAMPLE_REQUEST)) {
      text = withRequestId(text, contract.messages());
    }
    if (text.contains("{queryCode}")) {
      text = text.replace("{queryCode}", queryCode(contract.tickets()));
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String withRequestId(String text, List<String> messages) {
    assertThat(messages).as("the message of an Open311 request").hasSize(1);
    String id = EventSchemas.read(messages.get(0)).path("data").path("channelMessageId").asText();
    assertThat(id).as("the generated request id").matches("request:" + UUID);
    String client = "city-app:";
    return text.replace(anonymous(client + SAMPLE_REQUEST), anonymous(client + id))
        .replace(SAMPLE_REQUEST, id);
  }

  private static String anonymous(String id) {
    return TestIdentity.pseudonymizer().pseudonym(CitizenRef.IdScheme.ANONYMOUS, id);
  }

  private static String queryCode(List<String> tickets) {
    assertThat(tickets).as("the ticket whose query code the ack shows").hasSize(1);
    JsonNode data = EventSchemas.read(tickets.get(0)).path("data");
    return new QueryCodes(TestIdentity.PSEUDONYM_KEY.getBytes(StandardCharsets.UTF_8))
        .codeFor(data.path("trackingNumber").asText(), data.path("ticketId").asText());
  }
}
