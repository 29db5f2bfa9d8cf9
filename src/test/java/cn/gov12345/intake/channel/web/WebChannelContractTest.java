package cn.gov12345.intake.channel.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.ChannelContractTest;
import cn.gov12345.intake.channel.web.io.PhotoIntake;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.media.FileMediaStore;
import cn.gov12345.intake.model.Attachment;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.support.HttpSample;
import cn.gov12345.intake.support.Multipart;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every {@code channels/web/samples/*.http} through the web channel the way the door does:
 * content type, the head's proof-of-work ({@code X-Altcha}, at the fixed clock with the test key)
 * and {@code Idempotency-Key}, then the body's checks (honeypot, fields), the photo check; a stored
 * photo is the media store's content-addressed {@code file:} reference under {@code /data/media}.
 * The CSRF token (the samples carry a placeholder), proof-of-work replay and rate limits need the
 * HTTP server and Redis: {@code WebIntakeIT} and {@code WebFormAdmissionIT} cover them.
 */
class WebChannelContractTest extends ChannelContractTest {

  private final WebChannel channel = WebFixtures.channel(CLOCK);

  @Override
  protected String channel() {
    return WebChannel.NAME;
  }

  @Override
  protected List<Inbound> receive(HttpSample request) {
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.target()).isEqualTo("/channels/web/v1/submissions");
    String boundary = Multipart.boundary(request.header("Content-Type"));
    if (boundary == null) {
      throw new ChannelException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the form as multipart/form-data.");
    }
    Map<String, List<String>> fields = new LinkedHashMap<>();
    List<WebForm.Photo> photos = new ArrayList<>();
    List<byte[]> files = new ArrayList<>();
    for (Multipart.Part part : Multipart.parse(request.body(), boundary)) {
      if (part.fileName() == null) {
        fields.computeIfAbsent(part.name(), n -> new ArrayList<>()).add(part.text());
      } else {
        photos.add(new WebForm.Photo(part.name(), part.bytes().length));
        files.add(part.bytes());
      }
    }
    WebChannel.Admission head =
        channel.admission(
            request.header(WebChannel.POW_HEADER), request.header(WebChannel.IDEMPOTENCY_HEADER));
    WebSubmission submission = channel.accept(head, new WebForm(fields, photos));
    List<Attachment> attachments = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      byte[] bytes = files.get(i);
      PhotoIntake.Photo photo = PhotoIntake.check(i + 1, Buffer.buffer(bytes), "image/png");
      String sha256 = FileMediaStore.sha256(bytes);
      attachments.add(
          new Attachment(
              "file:///data/media/" + sha256.substring(0, 2) + "/" + sha256,
              sha256,
              (long) bytes.length,
              photo.imageType(),
              null));
    }
    return List.of(channel.inbound(submission, attachments));
  }
}
