package cn.gov12345.intake.channel.app;

import cn.gov12345.intake.channel.Ack;
import cn.gov12345.intake.channel.Body;
import cn.gov12345.intake.channel.Endpoint;
import cn.gov12345.intake.channel.InboundRequest;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tus 1.0.0 server of the mobile app, {@code /channels/app/v1/uploads/}: OPTIONS (discovery),
 * POST (creation), HEAD (offset), PATCH (core, checksum; its body streamed by the upload store
 * itself), DELETE (termination). Every request except OPTIONS carries {@code Tus-Resumable: 1.0.0}
 * (and the app user's JWT, checked by the binding's gate); every answer carries the tus headers.
 */
public final class TusEndpoints {

  public static final String BASE = "/channels/app/v1/uploads";

  /** The headers every tus answer carries, refusals included. */
  public static final Map<String, String> HEADERS =
      Map.of(
          TusProtocol.TUS_RESUMABLE,
          TusProtocol.VERSION,
          TusProtocol.TUS_VERSION,
          TusProtocol.VERSION,
          "Cache-Control",
          "no-store");

  /**
   * RFC 9110 §5.6.7 IMF-fixdate, the HTTP-date tus's {@code Upload-Expires} uses (RFC 7231 §7.1.1.1
   * in tus 1.0.0): always a two-digit day ({@code Thu, 03 Dec 2026 08:00:00 GMT}), English names.
   * Java's RFC_1123_DATE_TIME writes {@code Thu, 3 Dec 2026}, which is not one.
   */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  /** A creation request: the declared length and the raw metadata header. */
  public record Creation(long length, String metadata) {}

  /** A PATCH: which upload, from which offset, with which checksum. */
  public record Patch(String id, long offset, TusProtocol.Checksum checksum, boolean expects100) {}

  private final long maxPatchBytes;

  /**
   * @param maxPatchBytes the largest PATCH body (the largest upload)
   */
  public TusEndpoints(long maxPatchBytes) {
    this.maxPatchBytes = maxPatchBytes;
  }

  List<Endpoint<?, ?>> all() {
    return List.of(options(), create(), createSlash(), head(), patch(), delete());
  }

  /** OPTIONS: the server's version, extensions, largest size and checksums. */
  public Endpoint<Void, Long> options() {
    return Endpoint.of(
        "OPTIONS",
        BASE + "*",
        Body.none(),
        Endpoint::noCheck,
        r -> null,
        (v, maxSize) ->
            Ack.empty(204)
                .with(TusProtocol.TUS_EXTENSION, TusProtocol.EXTENSIONS)
                .with(TusProtocol.TUS_MAX_SIZE, Long.toString(maxSize))
                .with(TusProtocol.TUS_CHECKSUM_ALGORITHM, TusProtocol.CHECKSUM_ALGORITHMS));
  }

  /** POST: a new upload of a declared length. */
  public Endpoint<Creation, UploadState> create() {
    return creation(BASE);
  }

  /** POST on the collection with a trailing slash, as some clients send it. */
  public Endpoint<Creation, UploadState> createSlash() {
    return creation(BASE + "/");
  }

  private static Endpoint<Creation, UploadState> creation(String path) {
    return Endpoint.of(
        "POST",
        path,
        Body.none(),
        TusEndpoints::requireVersion,
        r -> {
          if (r.header(TusProtocol.UPLOAD_DEFER_LENGTH) != null) {
            throw new ChannelException(
                ErrorCode.INVALID_REQUEST,
                "Upload-Defer-Length is not supported; send Upload-Length.");
          }
          long length =
              TusProtocol.nonNegative(TusProtocol.UPLOAD_LENGTH, r.header("Upload-Length"));
          return new Creation(length, r.header(TusProtocol.UPLOAD_METADATA));
        },
        (creation, s) ->
            Ack.empty(201)
                .with("Location", BASE + "/" + s.id())
                .with(TusProtocol.UPLOAD_EXPIRES, httpDate(s.expiresAt())));
  }

  /** HEAD: the upload's committed offset. */
  public Endpoint<String, UploadState> head() {
    return Endpoint.of(
        "HEAD",
        BASE + "/:id",
        Body.none(),
        TusEndpoints::requireVersion,
        r -> r.pathParam("id"),
        (id, s) -> describe(Ack.empty(200), s));
  }

  /** PATCH: bytes at the upload's offset, streamed by the store. */
  public Endpoint<Patch, UploadState> patch() {
    return Endpoint.of(
        "PATCH",
        BASE + "/:id",
        Body.streamed(maxPatchBytes),
        head -> {
          requireVersion(head);
          String type = head.header("Content-Type");
          if (type == null
              || !type.trim()
                  .toLowerCase(Locale.ROOT)
                  .startsWith(TusProtocol.OFFSET_CONTENT_TYPE)) {
            throw new ChannelException(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "A PATCH body must be sent as " + TusProtocol.OFFSET_CONTENT_TYPE + ".");
          }
        },
        r ->
            new Patch(
                r.pathParam("id"),
                TusProtocol.nonNegative(TusProtocol.UPLOAD_OFFSET, r.header("Upload-Offset")),
                TusProtocol.checksum(r.header(TusProtocol.UPLOAD_CHECKSUM)),
                "100-continue".equalsIgnoreCase(r.header("Expect"))),
        (patch, s) -> describe(Ack.empty(204), s));
  }

  /** DELETE: the upload and its bytes are gone. */
  public Endpoint<String, Boolean> delete() {
    return Endpoint.of(
        "DELETE",
        BASE + "/:id",
        Body.none(),
        TusEndpoints::requireVersion,
        r -> r.pathParam("id"),
        (id, done) -> Ack.empty(204));
  }

  private static void requireVersion(InboundRequest head) {
    TusProtocol.requireVersion(head.header(TusProtocol.TUS_RESUMABLE));
  }

  private static Ack describe(Ack ack, UploadState s) {
    Ack described =
        ack.with(TusProtocol.UPLOAD_OFFSET, Long.toString(s.offset()))
            .with(TusProtocol.UPLOAD_LENGTH, Long.toString(s.length()));
    if (!s.metadata().isEmpty()) {
      described = described.with(TusProtocol.UPLOAD_METADATA, s.metadata());
    }
    return s.complete()
        ? described.with(TusProtocol.UPLOAD_MEDIA_ID, s.mediaId())
        : described.with(TusProtocol.UPLOAD_EXPIRES, httpDate(s.expiresAt()));
  }

  /** An instant as an HTTP date (RFC 9110 IMF-fixdate as {@code Upload-Expires} wants it). */
  public static String httpDate(long epochMs) {
    return HTTP_DATE.format(Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC));
  }
}
