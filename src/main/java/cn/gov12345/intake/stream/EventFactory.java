package cn.gov12345.intake.stream;

import cn.gov12345.intake.model.CitizenData;
import cn.gov12345.intake.model.CloudEvent;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.MessageData;
import cn.gov12345.intake.model.TicketAppendedData;
import cn.gov12345.intake.model.TicketOpenedData;
import cn.gov12345.intake.model.TrackingNumbers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/** Builds the canonical CloudEvents (structured JSON, UTF-8) for the streams. */
public final class EventFactory {

  /** The channelData key of an Open311 request's configured service, kept in its status record. */
  public static final String SERVICE_CODE = "service_code";

  /** Stands where the accept script writes the tracking number; always the first string in data. */
  static final String TRACKING_SLOT = "@@tracking@@";

  private static final byte[] SLOT = ("\"" + TRACKING_SLOT + "\"").getBytes(StandardCharsets.UTF_8);
  private static final String SCHEMA_BASE = "urn:cn-gov12345:intake:schema:";

  private final ObjectWriter writer = JsonMapper.builder().build().writer();

  /** The {@code message.received.v1} event of one inbound message. */
  public byte[] message(Inbound in, String messageId, String ticketId, CitizenData citizen) {
    MessageData data =
        new MessageData(
            messageId,
            ticketId,
            in.channel(),
            in.account(),
            in.kind(),
            in.channelMessageId(),
            in.receivedAt().toString(),
            citizen,
            in.appealType(),
            in.text(),
            in.location(),
            in.attachments().isEmpty() ? null : in.attachments(),
            in.channelData().isEmpty() ? null : new TreeMap<>(in.channelData()));
    return write(
        new CloudEvent<>(
            CloudEvent.SPEC_VERSION,
            messageId,
            source(in),
            EventTypes.MESSAGE_RECEIVED,
            ticketId,
            in.receivedAt().toString(),
            CloudEvent.JSON,
            SCHEMA_BASE + EventTypes.MESSAGE_RECEIVED,
            citizen.pseudonym(),
            data));
  }

  /**
   * The {@code ticket.opened.v1} event of a single-shot submission, split around the tracking
   * number the accept script fills in.
   */
  public Append.TicketOpening ticketOpened(
      Inbound in, String ticketId, String eventId, String messageId, CitizenData citizen) {
    TicketOpenedData data =
        new TicketOpenedData(
            TRACKING_SLOT,
            ticketId,
            in.receivedAt().toString(),
            in.channel(),
            in.account(),
            citizen,
            in.appealType(),
            in.text(),
            in.location(),
            in.attachments().isEmpty() ? null : in.attachments(),
            List.of(messageId));
    byte[] json =
        write(
            new CloudEvent<>(
                CloudEvent.SPEC_VERSION,
                eventId,
                source(in),
                EventTypes.TICKET_OPENED,
                ticketId,
                in.receivedAt().toString(),
                CloudEvent.JSON,
                SCHEMA_BASE + EventTypes.TICKET_OPENED,
                citizen.pseudonym(),
                data));
    int at = indexOf(json, SLOT);
    return new Append.TicketOpening(
        ticketId,
        TrackingNumbers.day(in.receivedAt()),
        Arrays.copyOfRange(json, 0, at + 1),
        Arrays.copyOfRange(json, at + SLOT.length - 1, json.length),
        StatusRecords.opened(
            ticketId,
            in.receivedAt().toString(),
            in.channel(),
            in.account(),
            "open311".equals(in.channel()) ? in.channelData().get(SERVICE_CODE) : null));
  }

  /**
   * A complete {@code ticket.appended.v1} event of a known ticket (no slots): time and subject are
   * the data's {@code appendedAt} and {@code ticketId}.
   */
  public byte[] ticketAppended(String eventId, TicketAppendedData data) {
    return write(
        new CloudEvent<>(
            CloudEvent.SPEC_VERSION,
            eventId,
            "/channels/" + data.channel() + "/" + data.account(),
            EventTypes.TICKET_APPENDED,
            data.ticketId(),
            data.appendedAt(),
            CloudEvent.JSON,
            SCHEMA_BASE + EventTypes.TICKET_APPENDED,
            data.citizen().pseudonym(),
            data));
  }

  /** The slots of an {@link #envelope} that a script fills (as JSON strings, quotes included). */
  public static final String SUBJECT_SLOT = "@@subject@@";

  public static final String PARTITION_KEY_SLOT = "@@partitionkey@@";
  public static final String DATA_SLOT = "@@data@@";

  /**
   * The envelope of an event whose subject, partition key and data only a script knows (the call
   * state machine folds them in Redis): the one place besides {@link #message} and {@link
   * #ticketOpened} where an envelope is written, so scripts never build one themselves.
   */
  public byte[] envelope(String eventId, String source, String type, String time) {
    return write(
        new CloudEvent<>(
            CloudEvent.SPEC_VERSION,
            eventId,
            source,
            type,
            SUBJECT_SLOT,
            time,
            CloudEvent.JSON,
            SCHEMA_BASE + type,
            PARTITION_KEY_SLOT,
            DATA_SLOT));
  }

  private static String source(Inbound in) {
    return "/channels/" + in.channel() + "/" + in.account();
  }

  private byte[] write(Object event) {
    try {
      return writer.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event records always serialize", e);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("tracking slot missing from the ticket event");
  }
}
