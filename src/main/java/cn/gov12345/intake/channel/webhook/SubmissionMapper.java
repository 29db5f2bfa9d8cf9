package cn.gov12345.intake.channel.webhook;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.identity.PhoneNumbers;
import cn.gov12345.intake.model.AppealType;
import cn.gov12345.intake.model.Attachment;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.Location;
import cn.gov12345.intake.model.MessageKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validates a submission and maps it to the canonical {@link Inbound}. */
final class SubmissionMapper {

  static final int MAX_TEXT = 5000;
  static final int MAX_ATTACHMENTS = 20;
  private static final Pattern REGION = Pattern.compile("\\d{6}(\\d{3}(\\d{3})?)?");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9.+-]+/[a-z0-9.+-]+");

  private final PhoneNumbers phones;

  SubmissionMapper(PhoneNumbers phones) {
    this.phones = phones;
  }

  Inbound toInbound(String source, String webhookId, Instant now, WebhookSubmission s) {
    String text = s.text() == null ? "" : s.text().strip();
    check(!text.isEmpty(), "text is required.");
    check(text.length() <= MAX_TEXT, "text is longer than " + MAX_TEXT + " characters.");
    AppealType appealType = null;
    if (s.appealType() != null) {
      appealType =
          AppealType.parse(s.appealType())
              .orElseThrow(
                  () ->
                      invalid(
                          "appealType must be one of 咨询, 求助, 投诉, 举报, 建议 (or their English codes)."));
    }
    return new Inbound(
        WebhookChannel.NAME,
        source,
        MessageKind.FORM,
        webhookId,
        webhookId,
        now,
        citizen(source, webhookId, s.citizen()),
        appealType,
        text,
        location(s.location()),
        attachments(s.attachments()),
        true);
  }

  private CitizenRef citizen(String source, String webhookId, WebhookSubmission.Citizen c) {
    String phone = null;
    String name = null;
    String userId = null;
    if (c != null) {
      if (c.phone() != null && !c.phone().isBlank()) {
        phone =
            phones
                .toE164(c.phone())
                .orElseThrow(() -> invalid("citizen.phone is not a phone number."));
      }
      name = blankToNull(c.name());
      check(name == null || name.length() <= 100, "citizen.name is longer than 100 characters.");
      userId = blankToNull(c.userId());
      check(
          userId == null || userId.length() <= 128,
          "citizen.userId is longer than 128 characters.");
    }
    if (phone != null) {
      return new CitizenRef(CitizenRef.IdScheme.PHONE, phone, phone, name);
    }
    if (userId != null) {
      return new CitizenRef(CitizenRef.IdScheme.PARTNER_USER, source + ":" + userId, null, name);
    }
    return new CitizenRef(CitizenRef.IdScheme.ANONYMOUS, source + ":" + webhookId, null, name);
  }

  private static Location location(WebhookSubmission.Place p) {
    if (p == null) {
      return null;
    }
    String address = blankToNull(p.address());
    check(
        address == null || address.length() <= 500,
        "location.address is longer than 500 characters.");
    check(
        (p.latitude() == null) == (p.longitude() == null),
        "location needs both latitude and longitude, or neither.");
    check(
        p.latitude() == null || Math.abs(p.latitude()) <= 90 && Math.abs(p.longitude()) <= 180,
        "location coordinates are out of range.");
    check(
        p.regionCode() == null || REGION.matcher(p.regionCode()).matches(),
        "location.regionCode must be a 6, 9 or 12 digit administrative division code.");
    check(
        address != null || p.latitude() != null || p.regionCode() != null,
        "location needs an address, coordinates or a region code.");
    return new Location(address, p.latitude(), p.longitude(), p.regionCode());
  }

  private static List<Attachment> attachments(List<WebhookSubmission.File> files) {
    if (files == null) {
      return List.of();
    }
    check(files.size() <= MAX_ATTACHMENTS, "at most " + MAX_ATTACHMENTS + " attachments.");
    List<Attachment> out = new ArrayList<>(files.size());
    for (WebhookSubmission.File f : files) {
      check(f != null && f.url() != null, "every attachment needs a url.");
      String url = f.url().strip();
      check(
          isHttpUrl(url),
          "attachment url must be an absolute http(s) URL of at most 2048 characters.");
      check(
          f.sha256() == null || SHA256.matcher(f.sha256()).matches(),
          "attachment sha256 must be 64 hex digits.");
      check(f.size() == null || f.size() >= 0, "attachment size must not be negative.");
      check(
          f.mediaType() == null || MEDIA_TYPE.matcher(f.mediaType()).matches(),
          "attachment mediaType must look like type/subtype.");
      check(
          f.name() == null || f.name().length() <= 255,
          "attachment name is longer than 255 characters.");
      out.add(
          new Attachment(
              url,
              f.sha256() == null ? null : f.sha256().toLowerCase(Locale.ROOT),
              f.size(),
              f.mediaType(),
              f.name()));
    }
    return out;
  }

  private static boolean isHttpUrl(String url) {
    if (url.length() > 2048 || !url.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return false;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("https") || scheme.equals("http"))
          && uri.getHost() != null
          && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw invalid(message);
    }
  }

  private static ChannelException invalid(String message) {
    return new ChannelException(ErrorCode.INVALID_SUBMISSION, message);
  }
}
