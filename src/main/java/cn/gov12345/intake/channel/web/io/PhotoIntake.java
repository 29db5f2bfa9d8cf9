package cn.gov12345.intake.channel.web.io;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.media.MediaSniffer;
import cn.gov12345.intake.media.MediaStore;
import cn.gov12345.intake.model.Attachment;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;
import java.util.ArrayList;
import java.util.List;

/**
 * The photos of a web submission: read from the files the body handler streamed to disk, checked to
 * be images ({@link #check}, before anything is written), then stored in the media store.
 */
public final class PhotoIntake {

  /** A photo read from disk and found to be an image. */
  public record Photo(Buffer bytes, String declaredType, String imageType) {}

  /** An uploaded file as the body handler left it. */
  public record Upload(String path, String declaredType) {}

  private final FileSystem fs;
  private final MediaStore store;

  public PhotoIntake(FileSystem fs, MediaStore store) {
    this.fs = fs;
    this.store = store;
  }

  /**
   * Reads and checks every upload; writes nothing.
   *
   * @return fails with {@code unsupported_media_type} naming the first file that is not an image
   */
  public Future<List<Photo>> read(List<Upload> uploads) {
    Future<List<Photo>> chain = Future.succeededFuture(new ArrayList<>());
    for (int i = 0; i < uploads.size(); i++) {
      Upload upload = uploads.get(i);
      int number = i + 1;
      chain =
          chain.compose(
              photos ->
                  fs.readFile(upload.path())
                      .map(
                          bytes -> {
                            photos.add(check(number, bytes, upload.declaredType()));
                            return photos;
                          }));
    }
    return chain;
  }

  /** The one place that decides which files are photos . */
  public static Photo check(int number, Buffer bytes, String declaredType) {
    byte[] head = bytes.getBytes(0, Math.min(bytes.length(), MediaSniffer.HEAD_BYTES));
    String type =
        PhotoTypes.imageType(head)
            .orElseThrow(
                () ->
                    new ChannelException(
                        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "Photo "
                            + number
                            + " is not a JPEG, PNG, WebP or HEIC image; only photos are taken."));
    return new Photo(bytes, declaredType, type);
  }

  /** Stores the photos, in order, and answers their references. */
  public Future<List<Attachment>> store(List<Photo> photos) {
    Future<List<Attachment>> chain = Future.succeededFuture(new ArrayList<>());
    for (Photo photo : photos) {
      chain =
          chain.compose(
              out ->
                  store
                      .put(photo.bytes(), photo.declaredType(), null)
                      .map(
                          stored -> {
                            out.add(
                                new Attachment(
                                    stored.uri(),
                                    stored.sha256(),
                                    stored.size(),
                                    photo.imageType(),
                                    null));
                            return out;
                          }));
    }
    return chain;
  }
}
