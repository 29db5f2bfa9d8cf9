package cn.gov12345.intake.pull;

import cn.gov12345.intake.config.PullSseConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open Server-Sent Events stream. A timer reads the next batch from the consumer's cursor (no
 * Redis connection is held per client); every event is sent as {@code id: <cursor after it>} and
 * {@code data: <CloudEvent JSON>}, so a client that reconnects with {@code Last-Event-ID} resumes
 * exactly after the last event it got. Memory per stream is bounded: no read starts while the
 * response's write queue is full (it resumes on drain), and one read is at most {@code
 * pull.sse.batch} events. Used only from the event loop that accepted the request.
 */
final class SseStream {

  private static final Logger LOG = LoggerFactory.getLogger(SseStream.class);
  private static final int WRITE_QUEUE_BYTES = 256 * 1024;
  private static final Buffer HEARTBEAT = Buffer.buffer(": heartbeat\n\n");

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final TicketReader reader;
  private final PullConsumers.Consumer consumer;
  private final PullSseConfig config;
  private final PullMetrics metrics;
  private final String correlationId;
  private final java.util.function.Consumer<SseStream> onClose;
  private Cursor cursor;
  private boolean reading;
  private boolean closed;
  private long pollTimer = -1;
  private long heartbeatTimer = -1;

  SseStream(
      Vertx vertx,
      HttpServerResponse response,
      TicketReader reader,
      PullConsumers.Consumer consumer,
      PullSseConfig config,
      PullMetrics metrics,
      String correlationId,
      java.util.function.Consumer<SseStream> onClose) {
    this.vertx = vertx;
    this.response = response;
    this.reader = reader;
    this.consumer = consumer;
    this.config = config;
    this.metrics = metrics;
    this.correlationId = correlationId;
    this.onClose = onClose;
  }

  /** Sends the headers and starts reading from a cursor. */
  void start(Cursor from) {
    if (response.closed()) {
      release();
      return;
    }
    cursor = from;
    response
        .setChunked(true)
        .setWriteQueueMaxSize(WRITE_QUEUE_BYTES)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.closeHandler(v -> release());
    response.exceptionHandler(err -> release());
    response.write("retry: 2000\n\n");
    pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> pump());
    heartbeatTimer = vertx.setPeriodic(config.heartbeat().toMillis(), id -> heartbeat());
    pump();
  }

  /** Ends the stream cleanly (gateway shutdown): the client sees the end and reconnects later. */
  void end() {
    if (!closed) {
      release();
      response.end();
    }
  }

  /** Gives the stream's slot back when it could not start (the request fails instead). */
  void abandon() {
    release();
  }

  private void pump() {
    if (closed || reading) {
      return;
    }
    if (response.writeQueueFull()) {
      response.drainHandler(v -> pump());
      return;
    }
    reading = true;
    long started = System.nanoTime();
    reader
        .read(cursor, config.batch(), consumer.wanted())
        .onComplete(
            ar -> {
              reading = false;
              metrics.read(PullMetrics.SSE, System.nanoTime() - started);
              if (closed) {
                return;
              }
              if (ar.failed()) {
                LOG.warn("[{}] event stream read failed: {}", correlationId, ar.cause().toString());
                return;
              }
              TicketReader.Page page = ar.result();
              cursor = page.next();
              if (!page.events().isEmpty()) {
                response.write(frames(page));
                metrics.events(consumer.name(), PullMetrics.SSE, page.events().size());
              }
              if (page.events().size() == config.batch()) {
                vertx.runOnContext(v -> pump());
              }
            });
  }

  private static Buffer frames(TicketReader.Page page) {
    Buffer out = Buffer.buffer();
    for (TicketReader.PulledEvent e : page.events()) {
      out.appendString("id: ").appendString(e.after().encode()).appendString("\n");
      String json = e.json().toString(StandardCharsets.UTF_8);
      for (String line : json.split("\n", -1)) {
        out.appendString("data: ").appendString(line).appendString("\n");
      }
      out.appendString("\n");
    }
    return out;
  }

  private void heartbeat() {
    if (!closed && !response.writeQueueFull()) {
      response.write(HEARTBEAT.copy());
    }
  }

  private void release() {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(heartbeatTimer);
    onClose.accept(this);
  }
}
