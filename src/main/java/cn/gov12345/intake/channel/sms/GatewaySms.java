package cn.gov12345.intake.channel.sms;

import static cn.gov12345.intake.channel.sms.SmsJson.invalid;
import static cn.gov12345.intake.channel.sms.SmsJson.text;

import cn.gov12345.intake.json.StrictJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gateway's own inbound format for an in-house SMS gateway (see {@code
 * channels/sms/README.md}): one JSON object, or an array of them, {@code {"id", "from", "to",
 * "text", "sentAt"}}; strict (unknown fields refused, so a misspelt field is never dropped).
 */
final class GatewaySms {

  private static final Set<String> FIELDS = Set.of("id", "from", "to", "text", "sentAt");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

  private GatewaySms() {}

  static List<SmsEntry> read(byte[] body, int maxMessages) {
    List<SmsEntry> out = new ArrayList<>();
    for (JsonNode entry : SmsJson.entries(body, maxMessages, true)) {
      out.add(entry(entry, "Message " + out.size()));
    }
    return out;
  }

  private static SmsEntry entry(JsonNode entry, String at) {
    for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw invalid(at + " has an unknown field '" + StrictJson.shown(name) + "'.");
      }
    }
    String id = text(entry, "id", false, 128, at);
    if (id != null && !ID.matcher(id).matches()) {
      throw invalid(at + " has an id that is not 1-128 of A-Z a-z 0-9 _ . : -.");
    }
    return new SmsEntry(
        text(entry, "from", true, 32, at),
        time(text(entry, "sentAt", true, 64, at), at),
        text(entry, "text", true, SmsTexts.MAX_TEXT, at),
        id,
        text(entry, "to", true, 32, at),
        null);
  }

  private static Instant time(String text, String at) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(at + " needs sentAt as an RFC 3339 time (2026-01-15T10:29:58+08:00).");
    }
  }
}
