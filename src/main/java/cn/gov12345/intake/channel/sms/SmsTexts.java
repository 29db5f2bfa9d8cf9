package cn.gov12345.intake.channel.sms;

import cn.gov12345.intake.identity.PhoneNumbers;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.MessageKind;
import cn.gov12345.intake.model.TrackingNumbers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps checked SMS entries to {@link SmsText}s: the sender's number to E.164 (the citizen; {@code
 * 13800138000}, {@code +86 138…} and {@code 008613800138000} are one citizen), the dedup key, the
 * tracking number the text names, and the vendor fields worth keeping ({@code channelData}: the
 * carrier's send time, the number texted, the signature answered; never the sender's number).
 *
 * <p>Dedup key: the provider's message id when the push carries one ({@code m:<id>}), else {@code
 * h:} + SHA-256 of (E.164 number, the carrier's send time, the text), so a provider's retry of a
 * push without ids is still one message, and no raw number becomes part of a Redis key.
 */
final class SmsTexts {

  /** Longest text kept; a longer one (a concatenated SMS cannot be) is refused. */
  static final int MAX_TEXT = 5000;

  private final PhoneNumbers phones;

  SmsTexts(PhoneNumbers phones) {
    this.phones = phones;
  }

  SmsText map(String integration, SmsEntry e, Instant now, String at) {
    String phone =
        phones
            .toE164(e.from())
            .orElseThrow(() -> SmsJson.invalid(at + " has a sender that is not a phone number."));
    if (e.content().isBlank()) {
      throw SmsJson.invalid(at + " has no text.");
    }
    String dedupKey =
        e.messageId() != null
            ? "m:" + e.messageId()
            : "h:" + hash(phone + "\n" + e.sentAt().getEpochSecond() + "\n" + e.content());
    Inbound inbound =
        new Inbound(
            SmsChannel.NAME,
            integration,
            MessageKind.TEXT,
            e.messageId() == null ? dedupKey : e.messageId(),
            dedupKey,
            now,
            new CitizenRef(CitizenRef.IdScheme.PHONE, phone, phone, null),
            null,
            e.content(),
            null,
            List.of(),
            true,
            channelData(e));
    return new SmsText(inbound, namedTrackingNumber(e.content()));
  }

  private static Map<String, String> channelData(SmsEntry e) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("sentAt", e.sentAt().toString());
    if (e.to() != null && !e.to().isEmpty()) {
      data.put("to", e.to());
    }
    if (e.signName() != null && !e.signName().isEmpty()) {
      data.put("signName", e.signName());
    }
    return data;
  }

  /**
   * The first run of 15-20 digits (full-width digits count, as a phone keyboard may type them) that
   * is a well-formed tracking number with a right check digit; null when there is none.
   */
  static String namedTrackingNumber(String text) {
    StringBuilder run = new StringBuilder();
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      if (c >= '０' && c <= '９') {
        c = (char) ('0' + (c - '０'));
      }
      if (c >= '0' && c <= '9') {
        if (run.length() <= 20) {
          run.append(c);
        }
        continue;
      }
      if (TrackingNumbers.isValid(run.toString())) {
        return run.toString();
      }
      run.setLength(0);
    }
    return null;
  }

  private static String hash(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
