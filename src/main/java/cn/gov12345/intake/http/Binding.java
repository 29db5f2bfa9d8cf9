package cn.gov12345.intake.http;

import cn.gov12345.intake.channel.Endpoint;
import cn.gov12345.intake.channel.InboundRequest;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A channel endpoint bound to its I/O on one event loop: the admission step before the body, the
 * work after it (or, for a streamed body, the step that streams it), the headers every answer of
 * the endpoint carries (tus's {@code Tus-Resumable}, even on refusals), and whether a POST with
 * {@code X-HTTP-Method-Override} may stand in for it.
 */
public record Binding<T, R>(
    Endpoint<T, R> endpoint,
    Gate gate,
    Work<T, R> work,
    StreamWork<T, R> stream,
    Map<String, String> headers,
    boolean overridable) {

  public Binding {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(gate, "gate");
    headers = Map.copyOf(headers);
    if ((work == null) == (stream == null)) {
      throw new IllegalArgumentException("a binding has exactly one of work and stream");
    }
  }

  /** The methods {@code X-HTTP-Method-Override} may name. */
  public static final Set<String> OVERRIDES = Set.of("PATCH", "DELETE", "HEAD");

  /** An endpoint whose work needs no admission step. */
  public static <T, R> Binding<T, R> of(Endpoint<T, R> endpoint, Work<T, R> work) {
    return new Binding<>(endpoint, Gate.open(), work, null, Map.of(), false);
  }

  /** An endpoint admitted by {@code gate} before its body is read. */
  public static <T, R> Binding<T, R> gated(Endpoint<T, R> endpoint, Gate gate, Work<T, R> work) {
    return new Binding<>(endpoint, gate, work, null, Map.of(), false);
  }

  /** An endpoint whose body its own step streams. */
  public static <T, R> Binding<T, R> streamed(
      Endpoint<T, R> endpoint, Gate gate, StreamWork<T, R> stream) {
    return new Binding<>(endpoint, gate, null, stream, Map.of(), false);
  }

  /** This binding, with headers on every answer. */
  public Binding<T, R> withHeaders(Map<String, String> always) {
    return new Binding<>(endpoint, gate, work, stream, always, overridable);
  }

  /** This binding, reachable by a POST naming its method in {@code X-HTTP-Method-Override}. */
  public Binding<T, R> reachableByOverride() {
    return new Binding<>(endpoint, gate, work, stream, headers, true);
  }

  /** Runs the gate and keeps its principal on the request. */
  io.vertx.core.Future<InboundRequest> admit(InboundRequest head) {
    try {
      return gate.admit(head).map(head::withPrincipal);
    } catch (RuntimeException e) {
      return io.vertx.core.Future.failedFuture(e);
    }
  }
}
