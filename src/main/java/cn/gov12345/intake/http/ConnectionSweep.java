package cn.gov12345.intake.http;

import cn.gov12345.intake.config.ConnectionsConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The connections of one server instance (one event loop) and one periodic timer that applies their
 * deadlines: no timer per connection, and nothing here is touched off that event loop. A deadline
 * is enforced within one sweep interval (a fifth of the shortest deadline, 20 ms..1 s).
 */
public final class ConnectionSweep {

  private static final long MIN_INTERVAL_MS = 20;
  private static final long MAX_INTERVAL_MS = 1000;

  private final ConnectionGuard guard;
  private final Vertx vertx;
  private final Map<HttpConnection, GuardedConnection> connections = new IdentityHashMap<>();
  private final long timer;

  ConnectionSweep(ConnectionGuard guard, Vertx vertx) {
    this.guard = guard;
    this.vertx = vertx;
    this.timer = vertx.setPeriodic(interval(guard.config()), id -> sweep());
  }

  static long interval(ConnectionsConfig config) {
    long shortest =
        Stream.of(config.headerTimeout(), config.bodyTimeout(), config.idleTimeout())
            .mapToLong(Duration::toMillis)
            .min()
            .orElse(MAX_INTERVAL_MS);
    return Math.max(MIN_INTERVAL_MS, Math.min(MAX_INTERVAL_MS, shortest / 5));
  }

  void opened(HttpConnection connection) {
    if (!guard.admit()) {
      connection.close();
      return;
    }
    GuardedConnection guarded =
        new GuardedConnection(guard, connection, vertx.getOrCreateContext(), System.nanoTime());
    connections.put(connection, guarded);
    connection.closeHandler(
        v -> {
          connections.remove(connection);
          guarded.closed();
        });
  }

  void request(HttpServerRequest request) {
    GuardedConnection guarded = connections.get(request.connection());
    if (guarded != null) {
      guarded.request(request, System.nanoTime());
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    for (GuardedConnection connection : new ArrayList<>(connections.values())) {
      connection.check(now);
    }
  }

  /** Stops the timer (the connections close with their server). */
  public void close() {
    vertx.cancelTimer(timer);
  }
}
