package cn.gov12345.intake.outbound;

/**
 * A request that got no HTTP answer, typed by how far it came: whether the other side may have
 * acted on it decides whether it may be repeated. Stackless: these are expected outcomes.
 */
public final class ExchangeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** How far the request came. */
  public enum Phase {
    /**
     * No connection was made (refused, unresolvable host, connect timeout, TLS handshake): nothing
     * was sent, a repeat is safe.
     */
    CONNECT,
    /**
     * The connection was made and the request (possibly) written, but no complete answer came in
     * time or the connection dropped: the other side may have acted on it.
     */
    NO_ANSWER
  }

  private final Phase phase;

  public ExchangeException(Phase phase, Throwable cause) {
    super(phase + ": " + cause.getClass().getSimpleName(), cause, false, false);
    this.phase = phase;
  }

  public Phase phase() {
    return phase;
  }

  /** Whether nothing was sent (the connection could not be made). */
  public boolean nothingSent() {
    return phase == Phase.CONNECT;
  }
}
