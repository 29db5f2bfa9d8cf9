package cn.gov12345.intake.http;

import cn.gov12345.intake.config.ConnectionsConfig;
import cn.gov12345.intake.metrics.IntakeMetrics;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one listener allows its TCP connections, shared by every server instance (event loop) of
 * that port in the process: the cap on open connections, the set of idle connections (no request in
 * flight) that may be closed to make room, and the deadlines each event loop's {@link
 * ConnectionSweep} enforces.
 *
 * <p>At the cap a new connection first closes the connection idle longest (a kept-alive one, or one
 * that has not completed its first request head: a slowloris connection is idle in this sense), so
 * a flood of idle connections can never lock a normal client out. When every connection is busy the
 * new one is refused: closed at once, before a byte is read (an HTTP answer would need a request
 * head first, which is what the flood withholds), and counted.
 */
public final class ConnectionGuard {

  /** Why the gateway closed a connection (the {@code reason} tag of the metric). */
  enum Reason {
    HEADER_TIMEOUT,
    BODY_TIMEOUT,
    IDLE_TIMEOUT,
    EVICTED;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final String port;
  private final ConnectionsConfig config;
  private final IntakeMetrics metrics;
  private final AtomicInteger open = new AtomicInteger();
  // idle connections by when they became idle: the one idle longest is closed first, so a
  // connection that has just arrived (its head still on the way) is the last to go
  private final ConcurrentSkipListMap<Long, GuardedConnection> idle = new ConcurrentSkipListMap<>();
  private final AtomicLong idleOrder = new AtomicLong();
  private final AtomicInteger idleCount = new AtomicInteger();

  /**
   * @param port the listener's name in metrics ({@code public}, {@code management})
   */
  public ConnectionGuard(String port, ConnectionsConfig config, IntakeMetrics metrics) {
    this.port = port;
    this.config = config;
    this.metrics = metrics;
    metrics.connections(port, open::get, idleCount::get);
  }

  /**
   * Guards one server instance: call from the verticle that owns {@code server}, before it listens.
   * The returned sweep enforces the deadlines on that event loop; close it on stop.
   *
   * @param requests the real request handler (the router)
   */
  public ConnectionSweep install(
      Vertx vertx, HttpServer server, Handler<HttpServerRequest> requests) {
    ConnectionSweep sweep = new ConnectionSweep(this, vertx);
    server.connectionHandler(
        connection -> {
          SplitCrlfGuard.install(connection);
          sweep.opened(connection);
        });
    server.requestHandler(
        request -> {
          sweep.request(request);
          requests.handle(request);
        });
    return sweep;
  }

  /**
   * HTTP/1.1 only: with cleartext HTTP/2 (h2c) on, Vert.x holds a new connection back until its
   * first request head is complete (it looks for an upgrade), so a connection that never completes
   * one would never be seen, counted or timed out. TLS and HTTP/2 end at the proxy in front.
   */
  public static HttpServerOptions http1Only(HttpServerOptions options) {
    return options.setHttp2ClearTextEnabled(false);
  }

  ConnectionsConfig config() {
    return config;
  }

  /**
   * Takes a place for a new connection: a free one, or one freed by closing an idle connection.
   * False when every connection is busy (the caller refuses the newcomer).
   */
  boolean admit() {
    while (true) {
      int n = open.get();
      if (n < config.maxConnections()) {
        if (open.compareAndSet(n, n + 1)) {
          return true;
        }
      } else if (!evictOne()) {
        metrics.connectionRefused(port);
        return false;
      }
    }
  }

  /** Gives back the place of a connection that closed (each connection gives it back once). */
  void release() {
    open.decrementAndGet();
  }

  /**
   * The connection has no request in flight: it may be closed to make room.
   *
   * @return its place in the idle order, for {@link #claim}
   */
  long idle(GuardedConnection connection) {
    long key = idleOrder.incrementAndGet();
    idle.put(key, connection);
    idleCount.incrementAndGet();
    return key;
  }

  /**
   * Claims an idle connection for a request (or for its own timeout): false when another event loop
   * has already claimed it for eviction.
   */
  boolean claim(GuardedConnection connection, long key) {
    if (idle.remove(key, connection)) {
      idleCount.decrementAndGet();
      return true;
    }
    return false;
  }

  void closed(Reason reason) {
    metrics.connectionClosed(port, reason.tag());
  }

  private boolean evictOne() {
    Map.Entry<Long, GuardedConnection> longest = idle.pollFirstEntry();
    if (longest == null) {
      return false;
    }
    idleCount.decrementAndGet();
    longest.getValue().evict();
    return true;
  }
}
