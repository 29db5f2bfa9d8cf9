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
   * Checks a map of named entries: every name is lower-case letters, digits and dashes, no entry is
   * empty, and each is validated with its path ({@code mapPath.name}).
   */
  <T> void named(Map<String, T> entries, String mapPath, String what, BiConsumer<String, T> each) {
    entries.forEach(
        (name, entry) -> {
          String path = mapPath + "." + name;
          require(
              name.matches("[a-z0-9][a-z0-9-]{0,62}"),
              path,
              what + " names are lower-case letters, digits and dashes");
          if (entry == null) {
            add(path, "is empty");
          } else {
            each.accept(path, entry);
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
