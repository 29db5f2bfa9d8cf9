package cn.gov12345.intake.config;

import java.util.ArrayList;
import java.util.List;

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

  public List<String> messages() {
    return List.copyOf(messages);
  }

  public boolean isEmpty() {
    return messages.isEmpty();
  }
}
