package cn.gov12345.intake.channel.web;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.channel.Ack;
import cn.gov12345.intake.channel.Body;
import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.Endpoint;
import cn.gov12345.intake.channel.InboundRequest;
import cn.gov12345.intake.config.WebChannelConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.identity.PhoneNumbers;
import cn.gov12345.intake.model.Attachment;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.MessageKind;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.altcha.altcha.Altcha;

/**
 * The citizen web form: {@code GET /channels/web/v1/challenge} hands out a proof-of-work challenge
 * and a CSRF token; {@code POST /channels/web/v1/submissions} takes the form (multipart). Before a
 * byte of its body is read, the head is checked: content type, CSRF token, the ALTCHA solution
 * ({@value #POW_HEADER}) and the idempotency key ({@value #IDEMPOTENCY_HEADER}) — and the binding
 * claims the challenge and a rate-limit slot. The body then passes the honeypot and every field,
 * and becomes one {@link Inbound} that opens its own ticket. Pure: no I/O, the clock is given.
 */
public final class WebChannel implements Channel {

  public static final String NAME = "web";
  public static final String CHALLENGE = "/channels/web/v1/challenge";
  public static final String SUBMISSIONS = "/channels/web/v1/submissions";

  /** The header carrying the page's ALTCHA solution (Base64 JSON). */
  public static final String POW_HEADER = "X-Altcha";

  /** The header carrying the page's key for one filling of the form (the dedup key). */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  /** The channel account: there is one citizen page. */
  public static final String ACCOUNT = "citizen-page";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the head of a submission proved: a solved challenge, for one filling of the form. */
  public record Admission(ProofOfWork proofOfWork, String idempotencyKey) {}

  /** A submission read from its body, with the photos the door stored. */
  public record Received(WebSubmission submission, List<InboundRequest.FilePart> photos) {}

  private final WebChannelConfig config;
  private final AltchaProofs proofs;
  private final CsrfTokens csrf;
  private final WebFormMapper mapper;
  private final Clock clock;

  /** A channel whose CSRF check admits any origin and whose cookie is not {@code Secure}. */
  public WebChannel(WebChannelConfig config, PhoneNumbers phones, Clock clock) {
    this(config, phones, clock, null);
  }

  /**
   * @param publicBaseUrl the URL citizens reach the page at (its origin is required on a POST;
   *     https makes the CSRF cookie {@code Secure}), or null
   */
  public WebChannel(
      WebChannelConfig config, PhoneNumbers phones, Clock clock, String publicBaseUrl) {
    this.config = config;
    this.proofs =
        new AltchaProofs(
            config.powHmacKey().reveal(), config.powMaxNumber(), config.challengeTtl(), clock);
    boolean https =
        publicBaseUrl != null
            && publicBaseUrl.strip().toLowerCase(Locale.ROOT).startsWith("https://");
    this.csrf =
        new CsrfTokens(
            config.csrfSecret().utf8(), config.challengeTtl(), clock, publicBaseUrl, https);
    this.mapper = new WebFormMapper(phones);
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Endpoint<?, ?>> endpoints() {
    return List.of(challenges(), submissions());
  }

  public WebChannelConfig config() {
    return config;
  }

  /** GET: a challenge for the page's worker, and a fresh CSRF token (body and cookie). */
  public Endpoint<Void, Void> challenges() {
    return Endpoint.of(
        "GET", CHALLENGE, Body.none(), Endpoint::noCheck, r -> null, (v, done) -> challengeAck());
  }

  /** POST: the multipart form, admitted on its head before any part reaches the disk. */
  public Endpoint<Received, Accepted> submissions() {
    return Endpoint.of(
        "POST",
        SUBMISSIONS,
        Body.multipart(config.maxBodyBytes(), config.maxParts()),
        this::checkHead,
        this::receive,
        (received, accepted) -> accepted(accepted));
  }

  /** A new proof-of-work challenge, as the ALTCHA widget expects it (JSON field names). */
  public Map<String, Object> challenge() {
    Altcha.Challenge c = proofs.issue();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("algorithm", c.algorithm);
    json.put("challenge", c.challenge);
    json.put("maxnumber", c.maxnumber);
    json.put("salt", c.salt);
    json.put("signature", c.signature);
    return json;
  }

  /**
   * Checks a submission's head: content type (415), CSRF token (403), proof-of-work and idempotency
   * key (400). Nothing of the body has been read.
   */
  public void checkHead(InboundRequest head) {
    String type = head.header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new ChannelException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the form as multipart/form-data.");
    }
    csrf.verify(head);
    admission(head);
  }

  /** The head's verified proof-of-work and idempotency key. */
  public Admission admission(InboundRequest head) {
    return admission(head.header(POW_HEADER), head.header(IDEMPOTENCY_HEADER));
  }

  /**
   * Verifies the proof-of-work (signature, solution, expiry) and the idempotency key's form.
   *
   * @throws ChannelException {@code proof_of_work_required}, {@code proof_of_work_invalid} or
   *     {@code invalid_submission}
   */
  public Admission admission(String pow, String idempotencyKey) {
    ProofOfWork verified = proofs.verify(pow);
    return new Admission(verified, WebFormMapper.idempotencyKey(idempotencyKey));
  }

  private Received receive(InboundRequest request) {
    List<WebForm.Photo> photos = new ArrayList<>();
    List<InboundRequest.FilePart> files = new ArrayList<>();
    for (InboundRequest.FilePart file : request.form().files()) {
      if (file.size() == 0 && (file.fileName() == null || file.fileName().isEmpty())) {
        continue; // an empty file input
      }
      photos.add(new WebForm.Photo(file.field(), file.size()));
      files.add(file);
    }
    WebForm form = new WebForm(request.form().fields(), photos);
    return new Received(accept(admission(request), form), files);
  }

  /**
   * Checks one submission's body. Order: shape (unknown or repeated fields), honeypot, fields,
   * photos. Nothing may be written when this throws.
   *
   * @throws ChannelException 400 {@code invalid_submission} or {@code submission_refused}; 413 for
   *     an oversized photo
   */
  public WebSubmission accept(Admission admission, WebForm form) {
    WebFormMapper.checkShape(form);
    if (WebFormMapper.value(form, WebForm.HONEYPOT) != null) {
      throw new ChannelException(
          ErrorCode.SUBMISSION_REFUSED,
          "A field that people leave empty (website) was filled in, as robots do; the appeal was"
              + " not sent. If your browser fills in forms by itself, turn that off for this page.");
    }
    String key = admission.idempotencyKey();
    WebFormMapper.sameKey(form, key);
    WebSubmission submission =
        new WebSubmission(
            key,
            admission.proofOfWork(),
            clock.instant(),
            mapper.citizen(form, key),
            WebFormMapper.appealType(form),
            WebFormMapper.description(form),
            WebFormMapper.location(form));
    checkPhotos(form.photos());
    return submission;
  }

  private void checkPhotos(List<WebForm.Photo> photos) {
    WebFormMapper.check(
        photos.size() <= config.maxPhotos(), "At most " + config.maxPhotos() + " photos.");
    for (WebForm.Photo photo : photos) {
      WebFormMapper.check(photo.size() > 0, "A photo is empty.");
      if (photo.size() > config.maxPhotoBytes()) {
        throw new ChannelException(
            ErrorCode.BODY_TOO_LARGE,
            "A photo is larger than " + config.maxPhotoBytes() / (1024 * 1024) + " MB.");
      }
    }
  }

  /** The canonical message of an accepted submission with its stored photos. */
  public Inbound inbound(WebSubmission s, List<Attachment> photos) {
    return new Inbound(
        NAME,
        ACCOUNT,
        MessageKind.FORM,
        s.idempotencyKey(),
        s.idempotencyKey(),
        s.receivedAt(),
        s.citizen(),
        s.appealType(),
        s.description(),
        s.location(),
        photos,
        true);
  }

  private Ack challengeAck() {
    String token = csrf.issue();
    ObjectNode body = JSON.valueToTree(challenge());
    body.put("csrfToken", token).put("maxPhotos", config.maxPhotos());
    return Ack.json(200, body.toString())
        .with("Cache-Control", "no-store")
        .with("Set-Cookie", csrf.cookie(token));
  }

  /** 202 with the receipt (200 and the original receipt for a retry of the same filling). */
  private static Ack accepted(Accepted a) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("status", a.duplicate() ? "duplicate" : "accepted")
            .put("ticketId", a.ticketId())
            .put("trackingNumber", a.trackingNumber())
            .put("queryCode", a.queryCode());
    return Ack.json(a.duplicate() ? 200 : 202, body.toString()).with("Cache-Control", "no-store");
  }
}
