package cn.gov12345.intake.channel;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One HTTP endpoint of a channel: where it listens, how its body is read, what is checked before a
 * byte of the body is read, how the read request becomes the work {@code T} the gateway does
 * (appending a message, recording a call event…), and how the channel answers once that work
 * produced {@code R}. All four functions are pure and fail with a typed {@code ChannelException}.
 *
 * <p>Optional: {@link #refusals()} renders refusals in the channel's own format (Open311's error
 * array) instead of problem+json; {@link #fallback()} answers although the work failed (Twilio's
 * incoming-call webhook: a caller must never hear an application error).
 *
 * @param <T> what the request asks for
 * @param <R> what doing it produced
 */
public record Endpoint<T, R>(
    String method,
    String path,
    Body body,
    Consumer<InboundRequest> check,
    Function<InboundRequest, T> read,
    BiFunction<T, R, Ack> ack,
    Function<Refusal, Ack> refusals,
    Function<T, Ack> fallback) {

  /** The method of an endpoint that takes every method (a catch-all under a base path). */
  public static final String ANY_METHOD = "*";

  public Endpoint {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(read, "read");
    Objects.requireNonNull(ack, "ack");
  }

  /** An endpoint with problem+json refusals and no fallback. */
  public static <T, R> Endpoint<T, R> of(
      String method,
      String path,
      Body body,
      Consumer<InboundRequest> check,
      Function<InboundRequest, T> read,
      BiFunction<T, R, Ack> ack) {
    return new Endpoint<>(method, path, body, check, read, ack, null, null);
  }

  /** This endpoint, rendering refusals its own way. */
  public Endpoint<T, R> refusingWith(Function<Refusal, Ack> render) {
    return new Endpoint<>(method, path, body, check, read, ack, render, fallback);
  }

  /** This endpoint, answering {@code answer} when its work failed. */
  public Endpoint<T, R> fallingBackTo(Function<T, Ack> answer) {
    return new Endpoint<>(method, path, body, check, read, ack, refusals, answer);
  }

  /** The route's identity: method and path ({@code POST /channels/webhook/:source}). */
  public String route() {
    return method + " " + path;
  }

  /** A check that checks nothing. */
  public static void noCheck(InboundRequest head) {
    // nothing to check before the body
  }
}
