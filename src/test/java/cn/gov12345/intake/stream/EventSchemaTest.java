package cn.gov12345.intake.stream;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.model.AppealType;
import cn.gov12345.intake.model.Attachment;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.CitizenRef.IdScheme;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.Location;
import cn.gov12345.intake.model.MessageKind;
import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.pipeline.IntakePipeline;
import cn.gov12345.intake.support.CapturingStreamStore;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.TestIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event the factory emits is a CloudEvents 1.0 structured JSON event whose {@code data}
 * validates against the schema in {@code src/main/resources/schema/}; the schemas themselves are
 * valid, strict and identified by the events' {@code dataschema}. (What strictness refuses is in
 * {@link EventSchemaStrictnessTest}.)
 */
class EventSchemaTest {

  static final Instant AT = Instant.parse("2026-03-01T16:05:09.123456Z");
  static final List<Attachment> PHOTOS =
      List.of(
          new Attachment(
              "https://files.example.com/p/1.jpg", "ab".repeat(32), 1024L, "image/jpeg", "1.jpg"),
          new Attachment("s3://intake-media/2026/03/01/abc", null, null, null, null));

  @ParameterizedTest(name = "{0}")
  @MethodSource("inbounds")
  void everyEmittedEventIsAValidCloudEventWithSchemaValidData(Inbound in) {
    CapturingStreamStore store = accept(in);

    assertThat(store.messages()).hasSize(1);
    assertThat(store.tickets()).hasSize(in.opensTicket() ? 1 : 0);
    store.all().forEach(EventSchemas::assertValid);
  }

  @Test
  void aTextThatLooksLikeTheTrackingSlotDoesNotMoveTheTrackingNumber() {
    Inbound in = inbound(MessageKind.FORM, phone(), "\"@@tracking@@\" @@tracking@@", null, true);
    String ticket = accept(in).tickets().get(0);

    EventSchemas.assertValid(ticket);
    JsonNode data = EventSchemas.read(ticket).get("data");
    assertThat(data.get("text").asText()).isEqualTo("\"@@tracking@@\" @@tracking@@");
    assertThat(data.get("trackingNumber").asText()).startsWith("26030200");
  }

  @Test
  void noEventCarriesTheRawPhoneOrName() {
    CapturingStreamStore store = accept(inbound(MessageKind.FORM, phone(), "停水", null, true));

    assertThat(store.all()).isNotEmpty().noneMatch(e -> e.contains("13800138000"));
    assertThat(store.all()).noneMatch(e -> e.contains("张三"));
  }

  static final List<String> ALL_TYPES =
      List.of(
          EventTypes.MESSAGE_RECEIVED,
          EventTypes.TICKET_OPENED,
          EventTypes.TICKET_APPENDED,
          EventTypes.TICKET_STATUS);

  @Test
  void everyEventTypeHasASchemaIdentifiedByTheEventsDataschema() {
    for (String type : ALL_TYPES) {
      JsonNode schema = EventSchemas.document(type);
      assertThat(schema.path("$schema").asText())
          .isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(schema.path("$id").asText()).isEqualTo("urn:cn-gov12345:intake:schema:" + type);
      assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    }
  }

  @Test
  void theSchemasAreThemselvesValidDraft202012Schemas() {
    var meta =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    for (String type : ALL_TYPES) {
      assertThat(meta.validate(EventSchemas.document(type))).as(type).isEmpty();
    }
  }

  @Test
  void bothSchemasShareIdenticalDefinitions() {
    assertThat(EventSchemas.document(EventTypes.MESSAGE_RECEIVED).get("$defs"))
        .isEqualTo(EventSchemas.document(EventTypes.TICKET_OPENED).get("$defs"))
        .isEqualTo(EventSchemas.document(EventTypes.TICKET_STATUS).get("$defs"));
  }

  static Stream<Named<Inbound>> inbounds() {
    return Stream.of(
        Named.of("web form with every field, attachments and coordinates", fullForm()),
        Named.of(
            "WeChat text without contact that opens no ticket",
            inbound(
                MessageKind.TEXT,
                new CitizenRef(IdScheme.WECHAT_OPENID, "wx1:oAbC", null, null),
                "你好",
                null,
                false)),
        Named.of("app media message without text", appMedia()),
        Named.of(
            "location with coordinates only",
            inbound(
                MessageKind.LOCATION,
                new CitizenRef(IdScheme.ANONYMOUS, "wx1:x", null, null),
                null,
                new Location(null, -33.8688, 151.2093, null),
                false)),
        Named.of(
            "anonymous form without contact",
            inbound(
                MessageKind.FORM,
                new CitizenRef(IdScheme.ANONYMOUS, "partner:msg_2", null, null),
                "匿名举报",
                null,
                true)),
        Named.of(
            "call with a phone only and no text",
            inbound(
                MessageKind.CALL,
                new CitizenRef(IdScheme.PHONE, "+8613800138000", "+8613800138000", null),
                null,
                new Location(null, null, null, "110105001001"),
                true)));
  }

  private static Inbound fullForm() {
    return new Inbound(
        "webhook",
        "partner",
        MessageKind.FORM,
        "msg_1",
        "msg_1",
        AT,
        phone(),
        AppealType.COMPLAINT,
        "小区停水三天了",
        new Location("朝阳区某街道", 39.9087, 116.3975, "110105"),
        PHOTOS,
        true);
  }

  private static Inbound appMedia() {
    return new Inbound(
        "app",
        "ios",
        MessageKind.MEDIA,
        "m-9",
        "m-9",
        AT,
        new CitizenRef(IdScheme.APP_USER, "app:42", null, null),
        null,
        null,
        null,
        PHOTOS.subList(0, 1),
        false);
  }

  private static CitizenRef phone() {
    return new CitizenRef(IdScheme.PHONE, "+8613800138000", "+8613800138000", "张三");
  }

  private static Inbound inbound(
      MessageKind kind, CitizenRef citizen, String text, Location location, boolean ticket) {
    return new Inbound(
        "wechat", "gh_1234", kind, "m-1", "m-1", AT, citizen, null, text, location, null, ticket);
  }

  static CapturingStreamStore accept(Inbound in) {
    CapturingStreamStore store = new CapturingStreamStore();
    new IntakePipeline(
            TestIdentity.pseudonymizer(),
            TestIdentity.sealer(),
            new StreamKeys("intake", 4),
            new EventFactory(),
            store,
            new Ids(Clock.fixed(AT, ZoneOffset.UTC)))
        .accept(in);
    return store;
  }
}
