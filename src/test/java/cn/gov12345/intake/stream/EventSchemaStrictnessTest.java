package cn.gov12345.intake.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.model.AppealType;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.Location;
import cn.gov12345.intake.model.MessageKind;
import cn.gov12345.intake.support.CapturingStreamStore;
import cn.gov12345.intake.support.EventSchemas;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The schemas refuse what must never reach a consumer: each case breaks one valid event. */
class EventSchemaStrictnessTest {

  private static final Inbound FORM =
      new Inbound(
          "webhook",
          "partner",
          MessageKind.FORM,
          "msg_1",
          "msg_1",
          EventSchemaTest.AT,
          new CitizenRef(CitizenRef.IdScheme.PHONE, "+8613800138000", "+8613800138000", "张三"),
          AppealType.COMPLAINT,
          "停水",
          new Location("朝阳区", 39.9, 116.4, "110105"),
          EventSchemaTest.PHOTOS,
          true);

  private static final CapturingStreamStore STORE = EventSchemaTest.accept(FORM);

  @Test
  void theUnbrokenEventsAreValid() {
    STORE.all().forEach(EventSchemas::assertValid);
  }

  @ParameterizedTest(name = "message data: {0}")
  @MethodSource("brokenData")
  void aMessageWithBrokenDataIsRefused(Consumer<ObjectNode> breakIt) {
    assertRefused(STORE.messages().get(0), breakIt);
  }

  @ParameterizedTest(name = "ticket data: {0}")
  @MethodSource("brokenData")
  void aTicketWithBrokenDataIsRefused(Consumer<ObjectNode> breakIt) {
    assertRefused(STORE.tickets().get(0), breakIt);
  }

  @ParameterizedTest(name = "ticket data: {0}")
  @MethodSource("brokenTicketData")
  void aTicketWithABrokenTrackingNumberOrMessageListIsRefused(Consumer<ObjectNode> breakIt) {
    assertRefused(STORE.tickets().get(0), breakIt);
  }

  @Test
  void anEventWithAnUnknownEnvelopeAttributeIsRefused() {
    ObjectNode event = (ObjectNode) EventSchemas.read(STORE.messages().get(0));
    event.put("priority", "high");
    assertThatThrownBy(() -> EventSchemas.assertValid(event.toString()))
        .isInstanceOf(AssertionError.class);
  }

  static Stream<Named<Consumer<ObjectNode>>> brokenData() {
    return Stream.of(
        broken("an unknown field", d -> d.put("priority", "high")),
        broken("a raw phone next to the pseudonym", d -> citizen(d).put("phone", "+86138")),
        broken("a raw name next to the pseudonym", d -> citizen(d).put("name", "张三")),
        broken("an unknown scheme", d -> citizen(d).put("scheme", "email")),
        broken("a short pseudonym", d -> citizen(d).put("pseudonym", "abc")),
        broken("a plaintext contact", d -> citizen(d).put("contact", "+8613800138000")),
        broken("no citizen", d -> d.remove("citizen")),
        broken("a Chinese appeal type", d -> d.put("appealType", "投诉")),
        broken("an unknown appeal type", d -> d.put("appealType", "praise")),
        broken("an empty text", d -> d.put("text", "")),
        broken("an empty location", d -> d.putObject("location")),
        broken("latitude without longitude", d -> location(d).remove("longitude")),
        broken("latitude out of range", d -> location(d).put("latitude", 90.5)),
        broken("a five-digit region code", d -> location(d).put("regionCode", "11010")),
        broken("an empty attachment list", d -> d.putArray("attachments")),
        broken("a javascript: attachment", d -> attachment(d).put("uri", "javascript:alert(1)")),
        broken("a file: attachment", d -> attachment(d).put("uri", "file:///etc/passwd")),
        broken(
            "a file: attachment outside the media store",
            d -> attachment(d).put("uri", "file:///etc/media/ab/" + "a".repeat(63) + "/x")),
        broken("an upper-case sha256", d -> attachment(d).put("sha256", "AB".repeat(32))),
        broken("a negative size", d -> attachment(d).put("size", -1)),
        broken("an attachment without uri", d -> attachment(d).remove("uri")),
        broken("a channel with upper case", d -> d.put("channel", "WeChat")),
        broken("a version 4 ticket id", d -> d.put("ticketId", UUID4)),
        broken("a local time", d -> timeField(d, "2026-01-15 10:30:00")),
        broken("an offset time", d -> timeField(d, "2026-01-15T10:30:00+08:00")));
  }

  static Stream<Named<Consumer<ObjectNode>>> brokenTicketData() {
    return Stream.of(
        broken("a 14-digit tracking number", d -> d.put("trackingNumber", "26011500000001")),
        broken("a tracking number with letters", d -> d.put("trackingNumber", "2601150000000A9")),
        broken("the unfilled tracking slot", d -> d.put("trackingNumber", "@@tracking@@")),
        broken("no message ids", d -> d.putArray("messageIds")),
        broken(
            "a repeated message id",
            d -> d.withArray("messageIds").add(d.get("messageIds").get(0))),
        broken("a kind (messages only)", d -> d.put("kind", "form")));
  }

  private static final String UUID4 = "1b4e28ba-2fa1-41d2-883f-0016d3cca427";

  private static void assertRefused(String eventJson, Consumer<ObjectNode> breakIt) {
    ObjectNode event = (ObjectNode) EventSchemas.read(eventJson);
    ObjectNode data = (ObjectNode) event.get("data");
    breakIt.accept(data);
    assertThat(EventSchemas.dataErrors(event.path("type").asText(), data)).isNotEmpty();
  }

  private static Named<Consumer<ObjectNode>> broken(String name, Consumer<ObjectNode> change) {
    return Named.of(name, change);
  }

  private static ObjectNode citizen(ObjectNode data) {
    return (ObjectNode) data.get("citizen");
  }

  private static ObjectNode location(ObjectNode data) {
    return (ObjectNode) data.get("location");
  }

  private static ObjectNode attachment(ObjectNode data) {
    return (ObjectNode) data.get("attachments").get(0);
  }

  private static void timeField(ObjectNode data, String value) {
    data.put(data.has("openedAt") ? "openedAt" : "receivedAt", value);
  }
}
