package cn.gov12345.intake.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Collects every configuration problem so they can all be reported at once. */
public final class Problems {

  private final List<String> messages = new ArrayList<>();

  public void add(String path, String message) {
    messages.add(path + ": " + message);
  }

  public void require(boolean ok, String path, String message) {
    if (!ok) {
      add(path, message);
    }
  }

  public void port(int port, String path) {
    require(port >= 0 && port <= 65535, path, "must be a TCP port (0-65535), got " + port);
  }

  /**
   * Checks a map of named entries ({@code channels.webhook.sources}, {@code pull.consumers}): names
   * are lower-case letters, digits and dashes, an entry is not empty, and each entry passes its own
   * checks.
   *
   * @param validate checks one entry, given its path
   */
  public <T> void namedEntries(
      Map<String, T> entries, String path, String what, BiConsumer<T, String> validate) {
    entries.forEach(
        (name, entry) -> {
          String at = path + "." + name;
          require(
              name.matches("[a-z0-9][a-z0-9-]{0,62}"),
              at,
              what + " names are lower-case letters, digits and dashes");
          if (entry == null) {
            add(at, "is empty");
          } else {
            validate.accept(entry, at);
          }
        });
  }

  public List<String> messages() {
    return List.copyOf(messages);
  }

  public boolean isEmpty() {
    return messages.isEmpty();
  }
}
