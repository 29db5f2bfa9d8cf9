package cn.gov12345.intake.http;

import cn.gov12345.intake.channel.Ack;
import cn.gov12345.intake.channel.Body;
import cn.gov12345.intake.channel.Endpoint;
import cn.gov12345.intake.channel.InboundRequest;
import cn.gov12345.intake.channel.Outcome;
import cn.gov12345.intake.channel.Refusal;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.metrics.IntakeMetrics;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door: mounts every endpoint of every channel and does, once, what a channel does not —
 * the channel's name on the request (metrics, failures), latency, the declared length refused
 * before a byte is read, the pre-body check and admission step, reading the body within its limit,
 * the channel's read, the I/O step, its answer, and refusals through the one failure handler.
 */
public final class ChannelDoor {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelDoor.class);
  private static final String HEAD = "door.head";

  private final IntakeMetrics metrics;
  private final ClientAddress clients;
  private final long retryAfterSeconds;
  private final MultipartBodies multipart;

  /**
   * @param uploads where a multipart body's files are kept until the request ends
   */
  public ChannelDoor(
      IntakeMetrics metrics, ClientAddress clients, long retryAfterSeconds, Path uploads) {
    this.metrics = metrics;
    this.clients = clients;
    this.retryAfterSeconds = retryAfterSeconds;
    this.multipart = new MultipartBodies(uploads);
  }

  /** Mounts a channel's endpoints, bound to one event loop's I/O. */
  public void mount(Router router, ChannelModule module, Loop loop) {
    String name = module.channel().name();
    for (Binding<?, ?> binding : module.bind(loop)) {
      mount(router, name, binding);
    }
  }

  private <T, R> void mount(Router router, String name, Binding<T, R> binding) {
    Endpoint<T, R> endpoint = binding.endpoint();
    boolean any = Endpoint.ANY_METHOD.equals(endpoint.method());
    HttpMethod method = any ? null : HttpMethod.valueOf(endpoint.method());
    if (binding.overridable()) {
      router.post(endpoint.path()).handler(ctx -> override(ctx, method));
    }
    // two routes: Vert.x Web runs a route's body handler before its own handlers, and the head
    // must be checked (and admitted) before any byte of the body is read
    Route head = route(router, method, endpoint.path()).handler(ctx -> head(ctx, name, binding));
    Route work = route(router, method, endpoint.path());
    Body body = endpoint.body();
    if (body.kind() == Body.Kind.BUFFERED) {
      work.handler(new BufferedBody(body.maxBytes()));
    }
    work.handler(ctx -> work(ctx, name, binding));
    if (endpoint.refusals() != null) {
      Function<Refusal, Ack> render = endpoint.refusals();
      head.failureHandler(ctx -> refuse(ctx, name, render));
      work.failureHandler(ctx -> refuse(ctx, name, render));
    }
  }

  private static Route route(Router router, HttpMethod method, String path) {
    return method == null ? router.route(path) : router.route(method, path);
  }

  private static void override(RoutingContext ctx, HttpMethod target) {
    String named = ctx.request().getHeader("X-HTTP-Method-Override");
    if (named == null || named.isBlank()) {
      ctx.next();
      return;
    }
    String method = named.trim().toUpperCase(java.util.Locale.ROOT);
    if (!Binding.OVERRIDES.contains(method)) {
      throw new ChannelException(
          ErrorCode.INVALID_REQUEST, "X-HTTP-Method-Override may be PATCH, DELETE or HEAD.");
    }
    if (method.equals(target.name())) {
      ctx.reroute(target, ctx.request().uri());
    } else {
      ctx.next();
    }
  }

  private void head(RoutingContext ctx, String name, Binding<?, ?> binding) {
    long started = System.nanoTime();
    ctx.put(FailureHandler.CHANNEL, name);
    ctx.addEndHandler(v -> metrics.request(name, System.nanoTime() - started));
    HttpServerRequest request = ctx.request();
    binding.headers().forEach(ctx.response()::putHeader);
    Body body = binding.endpoint().body();
    if (body.kind() != Body.Kind.NONE) {
      if (!request.isEnded()) {
        request.pause();
      }
      refuseLongerThan(request, body.maxBytes());
    }
    InboundRequest head = headOf(ctx);
    binding.endpoint().check().accept(head);
    binding
        .admit(head)
        .onSuccess(
            admitted -> {
              ctx.put(HEAD, admitted);
              ctx.next();
            })
        .onFailure(e -> fail(ctx, e));
  }

  private <T, R> void work(RoutingContext ctx, String name, Binding<T, R> binding) {
    Endpoint<T, R> endpoint = binding.endpoint();
    InboundRequest head = ctx.get(HEAD);
    if (endpoint.body().kind() == Body.Kind.MULTIPART) {
      multipart
          .read(ctx, endpoint.body())
          .onSuccess(form -> run(ctx, name, binding, head.withBody(null, form)))
          .onFailure(e -> fail(ctx, e));
      return;
    }
    run(
        ctx,
        name,
        binding,
        endpoint.body().kind() == Body.Kind.BUFFERED ? head.withBody(body(ctx), null) : head);
  }

  private <T, R> void run(
      RoutingContext ctx, String name, Binding<T, R> binding, InboundRequest request) {
    Endpoint<T, R> endpoint = binding.endpoint();
    T read;
    try {
      read = endpoint.read().apply(request);
    } catch (RuntimeException e) {
      fail(ctx, e);
      return;
    }
    Future<R> done =
        binding.work() != null
            ? binding.work().run(request, read)
            : binding.stream().run(request, read, ctx.request());
    done.onSuccess(result -> answer(ctx, name, endpoint, read, result))
        .onFailure(
            e -> {
              Ack fallback = endpoint.fallback() == null ? null : endpoint.fallback().apply(read);
              if (fallback != null) {
                LOG.warn(
                    "[{}] {} request not recorded ({}); answering its fallback",
                    Correlation.of(ctx),
                    name,
                    e.toString());
                send(ctx, fallback);
              } else {
                fail(ctx, e);
              }
            });
  }

  private <T, R> void answer(
      RoutingContext ctx, String name, Endpoint<T, R> endpoint, T read, R result) {
    Ack ack;
    try {
      ack = endpoint.ack().apply(read, result);
    } catch (RuntimeException e) {
      fail(ctx, e);
      return;
    }
    if (result instanceof Outcome outcome) {
      metrics.appended(name, outcome.duplicate());
    }
    send(ctx, ack);
  }

  private static void send(RoutingContext ctx, Ack ack) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    response.setStatusCode(ack.status());
    ack.headers().forEach(response::putHeader);
    byte[] bytes = ack.body();
    if (bytes.length == 0) {
      response.end();
    } else {
      response.end(Buffer.buffer(bytes));
    }
  }

  /** Fails the request; a body never read means the connection cannot be reused. */
  private static void fail(RoutingContext ctx, Throwable e) {
    if (!ctx.request().isEnded() && !ctx.response().headWritten()) {
      ctx.response().putHeader("Connection", "close");
    }
    ctx.fail(e);
  }

  private void refuse(RoutingContext ctx, String name, Function<Refusal, Ack> render) {
    String cid = Correlation.of(ctx);
    if (FailureHandler.clientGone(ctx, cid)) {
      return;
    }
    FailureHandler.Refusal refusal = FailureHandler.Refusal.of(ctx);
    FailureHandler.log(ctx, cid, refusal.code(), refusal.detail());
    metrics.rejected(name, refusal.code().code());
    if (ctx.response().headWritten()) {
      ctx.request().connection().close();
      return;
    }
    FailureHandler.headers(ctx, refusal.code(), retryAfterSeconds);
    send(
        ctx,
        render.apply(new Refusal(refusal.code(), refusal.detail(), cid, ctx.normalizedPath())));
  }

  private InboundRequest headOf(RoutingContext ctx) {
    HttpServerRequest r = ctx.request();
    Map<String, String> headers = new HashMap<>();
    r.headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
    Map<String, String> query = new HashMap<>();
    r.params().forEach(p -> query.putIfAbsent(p.getKey(), p.getValue()));
    return InboundRequest.head(
        r.method().name(),
        ctx.normalizedPath(),
        r.uri(),
        ctx.pathParams(),
        headers,
        query,
        clients.of(r),
        Correlation.of(ctx));
  }

  /** Refuses (413) a request whose declared Content-Length exceeds the limit. */
  static void refuseLongerThan(HttpServerRequest request, long limit) {
    String length = request.getHeader("Content-Length");
    if (length != null && isLongerThan(length, limit)) {
      throw new ChannelException(
          ErrorCode.BODY_TOO_LARGE, "The body is larger than " + limit + " bytes.");
    }
  }

  /**
   * Whether a declared Content-Length exceeds a limit (unreadable values are left to the body
   * limit).
   */
  static boolean isLongerThan(String contentLength, long limit) {
    try {
      return Long.parseLong(contentLength.trim()) > limit;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static byte[] body(RoutingContext ctx) {
    return BufferedBody.of(ctx);
  }

  /** The routes the endpoints of these channels claim, refusing two claims of one route. */
  public static List<String> routes(List<ChannelModule> modules) {
    Map<String, String> claimed = new java.util.LinkedHashMap<>();
    for (ChannelModule module : modules) {
      String name = module.channel().name();
      for (Endpoint<?, ?> e : module.channel().endpoints()) {
        String other = claimed.putIfAbsent(e.route(), name);
        if (other != null) {
          throw new IllegalStateException(
              "two endpoints claim "
                  + e.route()
                  + ": channel "
                  + other
                  + " and channel "
                  + name
                  + "; give one of them another path");
        }
      }
    }
    return List.copyOf(claimed.keySet());
  }
}
