package cn.gov12345.intake.http;

import cn.gov12345.intake.config.ConnectionsConfig;
import cn.gov12345.intake.http.ConnectionGuard.Reason;
import io.vertx.core.Context;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open connection as its {@link ConnectionSweep} sees it: idle (awaiting a request head) since
 * a point in time, or busy with a request whose body may still be arriving. Touched only on its
 * event loop, except {@link #evict()}, which another event loop may call.
 */
final class GuardedConnection {

  private final ConnectionGuard guard;
  private final HttpConnection connection;
  private final Context context;
  private final AtomicBoolean holdsPlace = new AtomicBoolean(true);
  private boolean idle = true;
  private boolean awaitingFirstHead = true;
  private boolean closing;
  private long idleSince;
  private long idleKey;
  private HttpServerRequest current;
  private long bodyBytes;
  private long bodyProgressAt;

  GuardedConnection(ConnectionGuard guard, HttpConnection connection, Context context, long now) {
    this.guard = guard;
    this.connection = connection;
    this.context = context;
    this.idleSince = now;
    this.idleKey = guard.idle(this);
  }

  /** A request head arrived: the connection is busy until its response has ended. */
  void request(HttpServerRequest request, long now) {
    if (idle) {
      idle = false;
      // false: another event loop is closing this connection to make room; the request then
      // fails as any request on a dropped connection does
      guard.claim(this, idleKey);
    }
    awaitingFirstHead = false;
    current = request;
    bodyBytes = request.bytesRead();
    bodyProgressAt = now;
  }

  /** Applies the deadlines at {@code now} (nanoseconds); called by the sweep. */
  void check(long now) {
    if (closing) {
      return;
    }
    ConnectionsConfig limits = guard.config();
    if (idle) {
      long allowed = (awaitingFirstHead ? limits.headerTimeout() : limits.idleTimeout()).toNanos();
      if (now - idleSince > allowed && guard.claim(this, idleKey)) {
        close(awaitingFirstHead ? Reason.HEADER_TIMEOUT : Reason.IDLE_TIMEOUT);
      }
    } else if (current.response().ended()) {
      idle = true;
      idleSince = now;
      current = null;
      idleKey = guard.idle(this);
    } else if (!current.isEnded()) {
      long read = current.bytesRead();
      if (read != bodyBytes) {
        bodyBytes = read;
        bodyProgressAt = now;
      } else if (now - bodyProgressAt > limits.bodyTimeout().toNanos()) {
        close(Reason.BODY_TIMEOUT);
      }
    }
  }

  /**
   * Closes this idle connection to make room for a new one; the caller has already removed it from
   * the idle set. Thread-safe: gives its place back at once, closes on its own event loop.
   */
  void evict() {
    release();
    context.runOnContext(v -> close(Reason.EVICTED));
  }

  /** The connection is gone (whoever closed it). */
  void closed() {
    if (idle) {
      guard.claim(this, idleKey);
    }
    release();
  }

  private void close(Reason reason) {
    if (!closing) {
      closing = true;
      guard.closed(reason);
      connection.close();
    }
  }

  private void release() {
    if (holdsPlace.compareAndSet(true, false)) {
      guard.release();
    }
  }
}
