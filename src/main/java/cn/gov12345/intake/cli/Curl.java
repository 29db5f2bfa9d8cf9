package cn.gov12345.intake.cli;

/** A ready-to-run curl line, every argument single-quoted for a POSIX shell. */
final class Curl {

  private final StringBuilder line = new StringBuilder("curl -i -X POST");

  private Curl(String url) {
    line.append(' ').append(quote(url));
  }

  static Curl post(String url) {
    return new Curl(url);
  }

  Curl header(String name, String value) {
    line.append(" -H ").append(quote(name + ": " + value));
    return this;
  }

  Curl dataFile(String file) {
    line.append(" --data-binary @").append(file);
    return this;
  }

  Curl data(String body) {
    line.append(" --data-binary ").append(quote(body));
    return this;
  }

  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  @Override
  public String toString() {
    return line.toString();
  }
}
