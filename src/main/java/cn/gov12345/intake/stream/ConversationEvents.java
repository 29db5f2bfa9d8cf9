package cn.gov12345.intake.stream;

import cn.gov12345.intake.model.CitizenData;
import cn.gov12345.intake.model.CloudEvent;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.TicketAppendedData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The events of a conversational message, split around the values only the conversation script
 * knows (the ticket id of an open conversation, its tracking number). Every slot precedes all
 * sender-controlled text in the JSON, so a citizen typing a slot marker cannot move a split point.
 */
public final class ConversationEvents {

  static final String TICKET_SLOT = "@@ticket@@";

  private static final String SCHEMA_BASE = "urn:cn-gov12345:intake:schema:";

  private final EventFactory events;
  private final ObjectWriter writer = JsonMapper.builder().build().writer();

  public ConversationEvents(EventFactory events) {
    this.events = events;
  }

  /** The message event around its two ticket ids (subject, data.ticketId): 3 parts. */
  public List<byte[]> message(Inbound in, String messageId, CitizenData citizen) {
    return split(events.message(in, messageId, TICKET_SLOT, citizen), TICKET_SLOT, TICKET_SLOT);
  }

  /** The {@code ticket.appended.v1} event around ticket id, tracking number, ticket id: 4 parts. */
  public List<byte[]> appended(Inbound in, String eventId, String messageId, CitizenData citizen) {
    String at = in.receivedAt().toString();
    TicketAppendedData data =
        new TicketAppendedData(
            EventFactory.TRACKING_SLOT,
            TICKET_SLOT,
            messageId,
            at,
            in.channel(),
            in.account(),
            citizen,
            in.kind(),
            in.text(),
            in.location(),
            in.attachments().isEmpty() ? null : in.attachments());
    CloudEvent<TicketAppendedData> event =
        new CloudEvent<>(
            CloudEvent.SPEC_VERSION,
            eventId,
            "/channels/" + in.channel() + "/" + in.account(),
            EventTypes.TICKET_APPENDED,
            TICKET_SLOT,
            at,
            CloudEvent.JSON,
            SCHEMA_BASE + EventTypes.TICKET_APPENDED,
            citizen.pseudonym(),
            data);
    try {
      return split(
          writer.writeValueAsBytes(event), TICKET_SLOT, EventFactory.TRACKING_SLOT, TICKET_SLOT);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event records always serialize", e);
    }
  }

  /** Cuts JSON at the first occurrence of each quoted slot, in order, dropping the slot text. */
  static List<byte[]> split(byte[] json, String... slots) {
    List<byte[]> parts = new ArrayList<>(slots.length + 1);
    int from = 0;
    for (String slot : slots) {
      byte[] needle = slot.getBytes(StandardCharsets.UTF_8);
      int at = indexOf(json, needle, from);
      parts.add(Arrays.copyOfRange(json, from, at));
      from = at + needle.length;
    }
    parts.add(Arrays.copyOfRange(json, from, json.length));
    return parts;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("a slot is missing from a conversation event");
  }
}
