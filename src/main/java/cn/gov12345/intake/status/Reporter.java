package cn.gov12345.intake.status;

/**
 * Who reported a status: a push destination (signed with its webhook secret) or a pull consumer
 * (its API key).
 *
 * @param kind {@code destinations} or {@code consumers}
 * @param name the configured name
 */
public record Reporter(String kind, String name) {

  public static Reporter destination(String name) {
    return new Reporter("destinations", name);
  }

  public static Reporter consumer(String name) {
    return new Reporter("consumers", name);
  }

  /** Whether it proved itself with a body signature (a destination), not a bearer key. */
  public boolean signed() {
    return "destinations".equals(kind);
  }

  /** The CloudEvent {@code source} of its status events, e.g. {@code /destinations/work-orders}. */
  public String source() {
    return "/" + kind + "/" + name;
  }
}
