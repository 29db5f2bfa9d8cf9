package cn.gov12345.intake.channel.web;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.identity.PhoneNumbers;
import cn.gov12345.intake.model.AppealType;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.Location;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the text fields of a {@link WebForm}: one value each, within length, well formed. */
final class WebFormMapper {

  static final int MAX_DESCRIPTION = 5000;
  static final int MAX_ADDRESS = 500;
  static final int MAX_NAME = 100;
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_-]{16,64}");
  private static final Pattern COORDINATE = Pattern.compile("-?\\d{1,3}(\\.\\d{1,10})?");

  private final PhoneNumbers phones;

  WebFormMapper(PhoneNumbers phones) {
    this.phones = phones;
  }

  /** Refuses unknown and repeated fields before anything else is read. */
  static void checkShape(WebForm form) {
    for (Map.Entry<String, List<String>> field : form.fields().entrySet()) {
      check(
          WebForm.TEXT_FIELDS.contains(field.getKey()),
          "The form has no field named '" + shown(field.getKey()) + "'.");
      check(field.getValue().size() == 1, "The field " + field.getKey() + " was sent twice.");
    }
    for (WebForm.Photo photo : form.photos()) {
      check(
          photo.field().equals(WebForm.PHOTOS),
          "Files are only taken in the field " + WebForm.PHOTOS + ".");
    }
  }

  /** The key the page sends in {@code Idempotency-Key}, checked before the body is read. */
  static String idempotencyKey(String header) {
    String key = header == null ? null : header.strip();
    check(
        key != null && IDEMPOTENCY_KEY.matcher(key).matches(),
        "Idempotency-Key must be 16-64 letters, digits, '-' or '_' (the page makes one).");
    return key;
  }

  /** The form's own idempotencyKey field, when sent, must be the header's. */
  static void sameKey(WebForm form, String key) {
    String field = value(form, WebForm.IDEMPOTENCY_KEY);
    check(
        field == null || field.equals(key),
        "The idempotencyKey field differs from the Idempotency-Key header.");
  }

  static AppealType appealType(WebForm form) {
    return AppealType.parse(value(form, WebForm.APPEAL_TYPE))
        .orElseThrow(() -> invalid("Choose the kind of appeal: 咨询, 求助, 投诉, 举报 or 建议."));
  }

  static String description(WebForm form) {
    String text = text(form, WebForm.DESCRIPTION, MAX_DESCRIPTION);
    check(text != null, "Describe the problem (description is required).");
    return text;
  }

  static Location location(WebForm form) {
    String address = text(form, WebForm.ADDRESS, MAX_ADDRESS);
    Double latitude = coordinate(form, WebForm.LATITUDE, 90);
    Double longitude = coordinate(form, WebForm.LONGITUDE, 180);
    check(
        (latitude == null) == (longitude == null), "Give both latitude and longitude, or neither.");
    if (address == null && latitude == null) {
      return null;
    }
    return new Location(address, latitude, longitude, null);
  }

  CitizenRef citizen(WebForm form, String idempotencyKey) {
    String rawPhone = value(form, WebForm.PHONE);
    String name = text(form, WebForm.NAME, MAX_NAME);
    if (rawPhone != null) {
      String phone =
          phones
              .toE164(rawPhone)
              .orElseThrow(() -> invalid("The phone number is not one we can call back."));
      return new CitizenRef(CitizenRef.IdScheme.PHONE, phone, phone, name);
    }
    // no phone: a pseudonym of its own per submission, so anonymous citizens never share one
    return new CitizenRef(
        CitizenRef.IdScheme.ANONYMOUS, WebChannel.NAME + ":" + idempotencyKey, null, name);
  }

  /** A field's value, stripped; null when absent or blank. */
  static String value(WebForm form, String field) {
    List<String> values = form.fields().get(field);
    if (values == null || values.isEmpty() || values.get(0) == null) {
      return null;
    }
    String v = values.get(0).strip();
    return v.isEmpty() ? null : v;
  }

  private static String text(WebForm form, String field, int max) {
    String v = value(form, field);
    if (v == null) {
      return null;
    }
    check(v.length() <= max, field + " is longer than " + max + " characters.");
    check(
        v.chars().noneMatch(c -> c == 0xFFFD || c < 0x20 && c != '\n' && c != '\r' && c != '\t'),
        field + " contains characters that are not text (was it sent in UTF-8?).");
    return v.replace("\r\n", "\n");
  }

  private static Double coordinate(WebForm form, String field, int limit) {
    String v = value(form, field);
    if (v == null) {
      return null;
    }
    check(COORDINATE.matcher(v).matches(), field + " must be a decimal number of degrees.");
    double d = Double.parseDouble(v);
    check(Math.abs(d) <= limit, field + " must be between -" + limit + " and " + limit + ".");
    return d;
  }

  private static String shown(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9_.-]", "?");
    return safe.length() <= 40 ? safe : safe.substring(0, 40) + "…";
  }

  static void check(boolean ok, String message) {
    if (!ok) {
      throw invalid(message);
    }
  }

  static ChannelException invalid(String message) {
    return new ChannelException(ErrorCode.INVALID_SUBMISSION, message);
  }
}
