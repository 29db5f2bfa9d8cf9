package cn.gov12345.intake.channel.web;

import cn.gov12345.intake.config.WebChannelConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.identity.PhoneNumbers;
import cn.gov12345.intake.model.Attachment;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.MessageKind;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.altcha.altcha.Altcha;

/**
 * The citizen web form ({@code POST /channels/web/v1/submissions}): checks the honeypot, the ALTCHA
 * proof-of-work and every field, then maps the submission to one {@link Inbound} that opens its own
 * ticket. The page's idempotency key is the dedup key. Pure: no I/O, the clock is given.
 */
public final class WebChannel {

  public static final String NAME = "web";

  /** The channel account: there is one citizen page. */
  public static final String ACCOUNT = "citizen-page";

  private final WebChannelConfig config;
  private final AltchaProofs proofs;
  private final WebFormMapper mapper;
  private final Clock clock;

  public WebChannel(WebChannelConfig config, PhoneNumbers phones, Clock clock) {
    this.config = config;
    this.proofs =
        new AltchaProofs(
            config.powHmacKey().reveal(), config.powMaxNumber(), config.challengeTtl(), clock);
    this.mapper = new WebFormMapper(phones);
    this.clock = clock;
  }

  public WebChannelConfig config() {
    return config;
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
   * Checks one submission. Order: shape (unknown or repeated fields), honeypot, proof-of-work,
   * fields, photos. Nothing may be written when this throws.
   *
   * @throws ChannelException 400 {@code invalid_submission}, {@code submission_refused}, {@code
   *     proof_of_work_required} or {@code proof_of_work_invalid}; 413 for an oversized photo
   */
  public WebSubmission accept(WebForm form) {
    WebFormMapper.checkShape(form);
    if (WebFormMapper.value(form, WebForm.HONEYPOT) != null) {
      throw new ChannelException(
          ErrorCode.SUBMISSION_REFUSED,
          "A field that people leave empty (website) was filled in, as robots do; the appeal was"
              + " not sent. If your browser fills in forms by itself, turn that off for this page.");
    }
    ProofOfWork pow = proofs.verify(WebFormMapper.value(form, WebForm.ALTCHA));
    String key = WebFormMapper.idempotencyKey(form);
    WebSubmission submission =
        new WebSubmission(
            key,
            pow,
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
}
