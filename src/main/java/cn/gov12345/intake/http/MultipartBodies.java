package cn.gov12345.intake.http;

import cn.gov12345.intake.channel.Body;
import cn.gov12345.intake.channel.InboundRequest;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a {@code Body.multipart} body, after the endpoint's check and gate admitted its head: text
 * fields in memory, each file streamed to the upload folder, within the body's total and its part
 * count. A body over its total is refused at once (413, the connection closed); a part over the
 * count is not stored — its bytes and those of every later part are read and dropped — and the form
 * is refused with {@code too_many_parts} once the body ended. Every file is deleted when the
 * request ends, answered or not.
 */
final class MultipartBodies {

  private final Path folder;

  /**
   * @param folder where files in flight are kept until the request ends
   */
  MultipartBodies(Path folder) {
    this.folder = folder;
  }

  /** Reads the paused request's form; fails with a typed refusal. */
  Future<InboundRequest.Form> read(RoutingContext ctx, Body body) {
    return new Reading(ctx, body).start();
  }

  /** One request's reading. */
  private final class Reading {

    private final RoutingContext ctx;
    private final HttpServerRequest request;
    private final FileSystem fs;
    private final Body body;
    private final Promise<InboundRequest.Form> done = Promise.promise();
    private final List<Future<Void>> writes = new ArrayList<>();
    private final List<HttpServerFileUpload> streaming = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();
    private long received;
    private int parts;
    private boolean tooMany;

    Reading(RoutingContext ctx, Body body) {
      this.ctx = ctx;
      this.request = ctx.request();
      this.fs = ctx.vertx().fileSystem();
      this.body = body;
    }

    Future<InboundRequest.Form> start() {
      request.setExpectMultipart(true);
      request.handler(
          chunk -> {
            received += chunk.length();
            if (received > body.maxBytes()) {
              fail(
                  new ChannelException(
                      ErrorCode.BODY_TOO_LARGE,
                      "The body is larger than " + body.maxBytes() + " bytes."));
            }
          });
      request.uploadHandler(this::upload);
      request.exceptionHandler(this::broken);
      request.endHandler(v -> ended());
      if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
        ctx.response().writeContinue(); // the head was admitted: now the body may come
      }
      request.resume();
      return done.future();
    }

    private void upload(HttpServerFileUpload upload) {
      parts++;
      if (tooMany || parts > body.maxParts() || done.future().isComplete()) {
        tooMany = true;
        upload.handler(bytes -> {}); // read and dropped: nothing of it reaches the disk
        return;
      }
      String path = folder.resolve(UUID.randomUUID().toString()).toString();
      Future<Void> written = upload.streamToFileSystem(path);
      streaming.add(upload);
      paths.add(path);
      writes.add(written);
      // deleted once written (or failed), so a file still being opened is never left behind
      ctx.addEndHandler(v -> written.onComplete(r -> fs.delete(path)));
    }

    private void ended() {
      if (done.future().isComplete()) {
        return;
      }
      MultiMap attributes = request.formAttributes();
      Map<String, List<String>> fields = new LinkedHashMap<>();
      attributes.names().forEach(n -> fields.put(n, attributes.getAll(n)));
      int values = fields.values().stream().mapToInt(List::size).sum();
      if (tooMany || parts + values > body.maxParts()) {
        fail(tooManyParts());
        return;
      }
      Future.all(writes)
          .onSuccess(v -> done.tryComplete(new InboundRequest.Form(fields, files())))
          .onFailure(this::fail);
    }

    /** The stored files, in the order they came. */
    private List<InboundRequest.FilePart> files() {
      List<InboundRequest.FilePart> files = new ArrayList<>();
      for (int i = 0; i < streaming.size(); i++) {
        HttpServerFileUpload u = streaming.get(i);
        files.add(
            new InboundRequest.FilePart(
                u.name(), u.filename(), u.contentType(), u.size(), paths.get(i)));
      }
      return files;
    }

    private void broken(Throwable e) {
      if (e instanceof HttpClosedException) {
        fail(e);
      } else if (tooMany || e instanceof HttpPostRequestDecoder.TooManyFormFieldsException) {
        fail(tooManyParts());
      } else {
        fail(
            new ChannelException(
                ErrorCode.MALFORMED_MULTIPART,
                "The multipart body could not be read (malformed, or more than "
                    + body.maxParts()
                    + " parts)."));
      }
    }

    private ChannelException tooManyParts() {
      return new ChannelException(
          ErrorCode.TOO_MANY_PARTS,
          "The form has more than " + body.maxParts() + " parts (fields and files).");
    }

    /** Fails the reading once; files still being written stop there (and are deleted). */
    private void fail(Throwable e) {
      if (done.tryFail(e)) {
        for (HttpServerFileUpload upload : streaming) {
          try {
            upload.cancelStreamToFileSystem();
          } catch (IllegalStateException finished) {
            // already written: deleted when the request ends
          }
        }
      }
    }
  }
}
