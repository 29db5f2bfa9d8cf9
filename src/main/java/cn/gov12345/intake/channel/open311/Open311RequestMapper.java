package cn.gov12345.intake.channel.open311;

import cn.gov12345.intake.config.Open311ServiceConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.identity.PhoneNumbers;
import cn.gov12345.intake.model.Attachment;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.Location;
import cn.gov12345.intake.model.MessageKind;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The fields of a GeoReport v2 {@code POST requests} form, checked and mapped to an Inbound. */
final class Open311RequestMapper {

  static final int MAX_DESCRIPTION = 4000;
  private static final int MAX_NAME = 100;
  private static final int MAX_ADDRESS = 500;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]+");
  private static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
  private static final Pattern CJK = Pattern.compile(".*\\p{IsHan}.*");

  private final PhoneNumbers phones;
  private final Clock clock;
  private final Supplier<String> requestIds;

  Open311RequestMapper(PhoneNumbers phones, Clock clock, Supplier<String> requestIds) {
    this.phones = phones;
    this.clock = clock;
    this.requestIds = requestIds;
  }

  Inbound toInbound(
      String client, Open311ServiceConfig service, FormBody form, String idempotencyKey) {
    Instant now = clock.instant();
    String description = text(form.single("description"), "description", MAX_DESCRIPTION);
    if (description == null) {
      throw new ChannelException(ErrorCode.MISSING_PARAMETER, "description is required.");
    }
    String dedup = dedupKey(idempotencyKey);
    Map<String, String> channelData = new TreeMap<>();
    channelData.put("service_code", service.serviceCode());
    channelData.put("service_name", service.name());
    channelData.put("category", service.category());
    return new Inbound(
        Open311Channel.NAME,
        client,
        MessageKind.FORM,
        dedup,
        dedup,
        now,
        citizen(client, form, dedup),
        service.type(),
        description,
        location(form),
        attachments(form.single("media_url")),
        true,
        channelData);
  }

  /**
   * The client's Idempotency-Key; without one, a key of this request alone. A request without the
   * header is never merged with another: two citizens who file the same anonymous form the same day
   * (FixMyStreet-style clients send no Idempotency-Key, and many identical reports of one broken
   * street light are normal) must get two tickets and two query codes, never the first one's. Safe
   * retries need the header.
   */
  private String dedupKey(String idempotencyKey) {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      return "request:" + requestIds.get();
    }
    String key = idempotencyKey.strip();
    if (!ID.matcher(key).matches()) {
      throw new ChannelException(
          ErrorCode.MISSING_HEADER, "Idempotency-Key must be 1-128 printable ASCII characters.");
    }
    return Open311Channel.KEYED + key;
  }

  private CitizenRef citizen(String client, FormBody form, String dedup) {
    String phone = null;
    String given = form.single("phone");
    if (given != null) {
      phone = phones.toE164(given).orElseThrow(() -> invalid("phone is not a phone number."));
    }
    String email = form.single("email");
    check(email == null || EMAIL.matcher(email).matches(), "email is not an e-mail address.");
    String name = name(form.single("first_name"), form.single("last_name"));
    String account = id(form.single("account_id"), "account_id");
    String device = id(form.single("device_id"), "device_id");
    if (phone != null) {
      return new CitizenRef(CitizenRef.IdScheme.PHONE, phone, phone, name, email);
    }
    String user =
        account != null
            ? client + ":account:" + account
            : email != null
                ? client + ":email:" + email.toLowerCase(Locale.ROOT)
                : device != null ? client + ":device:" + device : null;
    return user != null
        ? new CitizenRef(CitizenRef.IdScheme.PARTNER_USER, user, null, name, email)
        : new CitizenRef(CitizenRef.IdScheme.ANONYMOUS, client + ":" + dedup, null, name, email);
  }

  /** 姓名 as written in Chinese (family name first, no space), else "first last". */
  private static String name(String first, String last) {
    String f = text(first, "first_name", MAX_NAME);
    String l = text(last, "last_name", MAX_NAME);
    if (f == null || l == null) {
      return f == null ? l : f;
    }
    return CJK.matcher(f + l).matches() ? l + f : f + " " + l;
  }

  private static Location location(FormBody form) {
    String lat = form.single("lat");
    String lon = form.single("long");
    String address = text(form.single("address_string"), "address_string", MAX_ADDRESS);
    check((lat == null) == (lon == null), "lat and long go together.");
    Double latitude = lat == null ? null : coordinate(lat, 90);
    Double longitude = lon == null ? null : coordinate(lon, 180);
    if (latitude == null && address == null) {
      throw new ChannelException(
          ErrorCode.MISSING_PARAMETER,
          "A location is required: lat and long, or address_string (address_id is not used here).");
    }
    return new Location(address, latitude, longitude, null);
  }

  private static Double coordinate(String text, double limit) {
    try {
      double value = Double.parseDouble(text);
      check(Double.isFinite(value) && Math.abs(value) <= limit, "lat/long are out of range.");
      return value;
    } catch (NumberFormatException e) {
      throw invalid("lat and long are decimal degrees (WGS-84).");
    }
  }

  /** media_url is kept as a reference and never fetched by the gateway (no SSRF). */
  private static List<Attachment> attachments(String mediaUrl) {
    if (mediaUrl == null) {
      return List.of();
    }
    check(mediaUrl.length() <= 2048, "media_url is longer than 2048 characters.");
    try {
      URI uri = new URI(mediaUrl);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      check(
          (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null,
          "media_url must be an absolute http(s) URL.");
    } catch (java.net.URISyntaxException e) {
      throw invalid("media_url is not a URL.");
    }
    return List.of(new Attachment(mediaUrl, null, null, null, null));
  }

  private static String id(String value, String field) {
    check(value == null || ID.matcher(value).matches(), field + " is 1-128 printable characters.");
    return value;
  }

  private static String text(String value, String field, int max) {
    if (value == null) {
      return null;
    }
    check(value.codePointCount(0, value.length()) <= max, field + " is longer than " + max + ".");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      check(c >= 0x20 || c == '\n' || c == '\r' || c == '\t', field + " has control characters.");
    }
    return value;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw invalid(message);
    }
  }

  private static ChannelException invalid(String message) {
    return new ChannelException(ErrorCode.INVALID_PARAMETER, message);
  }
}
