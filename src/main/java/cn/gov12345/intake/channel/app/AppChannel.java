package cn.gov12345.intake.channel.app;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.channel.Ack;
import cn.gov12345.intake.channel.Body;
import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.Endpoint;
import cn.gov12345.intake.config.AppChannelConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.identity.PhoneNumbers;
import cn.gov12345.intake.json.ContentTypes;
import cn.gov12345.intake.model.AppealType;
import cn.gov12345.intake.model.Attachment;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.Location;
import cn.gov12345.intake.model.MessageKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Submissions from the 12345 mobile app ({@code POST /channels/app/v1/submissions}): reads the
 * {@code Idempotency-Key} and the JSON body (validated against the OpenAPI document's schema), and
 * turns a submission of an authenticated app user, with the media it references, into one {@link
 * Inbound} that opens its own ticket. Pure: no I/O, the clock is given; authentication, media
 * claims and idempotency records are the route's.
 */
public final class AppChannel implements Channel {

  public static final String NAME = "app";

  /** Where the app posts its submissions. */
  public static final String SUBMISSIONS = "/channels/app/v1/submissions";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The channel account of the mobile app (the CloudEvent source is /channels/app/mobile). */
  public static final String ACCOUNT = "mobile";

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private static final Pattern KEY = Pattern.compile("[\\x21\\x23-\\x5b\\x5d-\\x7e]{1,255}");

  private final int maxBodyBytes;
  private final int maxMedia;
  private final PhoneNumbers phones;
  private final Clock clock;

  public AppChannel(AppChannelConfig config, PhoneNumbers phones, Clock clock) {
    this.maxBodyBytes = config.maxBodyBytes();
    this.maxMedia = config.maxMedia();
    this.phones = phones;
    this.clock = clock;
  }

  /** Largest body accepted; larger ones are refused with 413 before they are read. */
  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Endpoint<?, ?>> endpoints() {
    List<Endpoint<?, ?>> all = new ArrayList<>();
    all.add(submissions());
    all.addAll(uploads().all());
    return List.copyOf(all);
  }

  /**
   * {@code POST /channels/app/v1/submissions}: the app user's JWT (checked before the body is
   * read), then Idempotency-Key and body; 201 with the ticket's ids and 查询码, also for a replay
   * (marked {@code Idempotent-Replayed}).
   */
  public Endpoint<AppSubmission, Accepted> submissions() {
    return Endpoint.of(
        "POST",
        SUBMISSIONS,
        Body.buffered(maxBodyBytes()),
        head -> checkContentType(head.header("Content-Type")),
        r -> read(r.header(IDEMPOTENCY_KEY), r.body()),
        (submission, accepted) -> created(accepted));
  }

  /**
   * The tus endpoints of the app's photo and video uploads. A PATCH body is bounded by its upload's
   * declared {@code Upload-Length}, which the upload store enforces while streaming.
   */
  public TusEndpoints uploads() {
    return new TusEndpoints(Long.MAX_VALUE);
  }

  private static Ack created(Accepted a) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("status", "accepted")
            .put("ticketId", a.ticketId())
            .put("trackingNumber", a.trackingNumber())
            .put("queryCode", a.queryCode())
            .put("messageId", a.messageId());
    Ack ack = Ack.json(201, body.toString());
    return a.duplicate() ? ack.with("Idempotent-Replayed", "true") : ack;
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * @throws ChannelException {@code unsupported_media_type} unless JSON in UTF-8
   */
  public void checkContentType(String contentType) {
    if (!ContentTypes.isUtf8(contentType, "application/json")) {
      throw new ChannelException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the submission as application/json in UTF-8.");
    }
  }

  /**
   * Reads one submission.
   *
   * @param idempotencyKey the {@code Idempotency-Key} header, or null
   * @param body the raw body
   * @throws ChannelException 400 ({@code missing_header}, {@code malformed_json}, {@code
   *     invalid_submission}); nothing may be written then
   */
  public AppSubmission read(String idempotencyKey, byte[] body) {
    String key = idempotencyKey(idempotencyKey);
    JsonNode json = AppRequestReader.read(body);
    SubmissionSchema.check(json);
    String text = json.path("text").asText().strip();
    check(!text.isEmpty(), "text must not be blank.");
    List<String> mediaIds = new ArrayList<>();
    json.path("mediaIds").forEach(id -> mediaIds.add(id.asText()));
    check(mediaIds.size() <= maxMedia, "at most " + maxMedia + " mediaIds per submission.");
    JsonNode contact = json.path("contact");
    return new AppSubmission(
        key,
        AppRequestReader.sha256(key.getBytes(StandardCharsets.US_ASCII)),
        AppRequestReader.fingerprint(json),
        AppealType.parse(json.path("appealType").asText()).orElseThrow(),
        text,
        location(json.path("location")),
        phone(contact.path("phone")),
        blankToNull(contact.path("name")),
        mediaIds);
  }

  /**
   * The dedup key of a submission: one per user, key and body, so a replay finds the ticket it
   * opened and a changed body can never be mistaken for it.
   */
  public static String dedupKey(AppUser user, AppSubmission s) {
    return user.pseudonym() + ":" + s.keyHash() + ":" + s.fingerprint();
  }

  /**
   * The submission as the ticket-opening message of its user.
   *
   * @param media the referenced uploads, claimed by the route, in the submission's order
   */
  public Inbound toInbound(AppUser user, AppSubmission s, List<Attachment> media) {
    return new Inbound(
        NAME,
        ACCOUNT,
        MessageKind.FORM,
        s.idempotencyKey(),
        dedupKey(user, s),
        clock.instant(),
        new CitizenRef(
            CitizenRef.IdScheme.APP_USER,
            user.subject(),
            s.phone(),
            s.name(),
            null,
            user.verifiedPhone()),
        s.appealType(),
        s.text(),
        s.location(),
        media,
        true);
  }

  private static String idempotencyKey(String header) {
    if (header == null || header.isBlank()) {
      throw new ChannelException(
          ErrorCode.MISSING_HEADER,
          "The Idempotency-Key header is required: a unique key per appeal, the same on retries.");
    }
    String key = header.strip();
    if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
      key = key.substring(1, key.length() - 1);
    }
    if (!KEY.matcher(key).matches()) {
      throw new ChannelException(
          ErrorCode.MISSING_HEADER,
          "The Idempotency-Key must be 1-255 printable ASCII characters without quotes or spaces.");
    }
    return key;
  }

  private static Location location(JsonNode node) {
    if (node.isMissingNode()) {
      return null;
    }
    String address = blankToNull(node.path("address"));
    Double latitude = node.has("latitude") ? node.get("latitude").asDouble() : null;
    Double longitude = node.has("longitude") ? node.get("longitude").asDouble() : null;
    String region = node.has("regionCode") ? node.get("regionCode").asText() : null;
    check(
        address != null || latitude != null || region != null,
        "location needs an address, coordinates or a region code.");
    return new Location(address, latitude, longitude, region);
  }

  private String phone(JsonNode node) {
    String raw = blankToNull(node);
    if (raw == null) {
      return null;
    }
    return phones.toE164(raw).orElseThrow(() -> invalid("contact.phone is not a phone number."));
  }

  private static String blankToNull(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText().strip() : null;
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
