package cn.gov12345.intake.config;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Open311 GeoReport v2 endpoint ({@code /open311/v2/}) for existing Open311 client apps.
 *
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param jurisdictionId when set, a request naming another {@code jurisdiction_id} is refused
 * @param clients client apps allowed to file and read requests, by name
 * @param services the appeal categories offered as Open311 services
 */
public record Open311ChannelConfig(
    int maxBodyBytes,
    String jurisdictionId,
    Map<String, Open311ClientConfig> clients,
    List<Open311ServiceConfig> services) {

  public Open311ChannelConfig {
    maxBodyBytes = maxBodyBytes == 0 ? 65536 : maxBodyBytes;
    jurisdictionId = jurisdictionId == null ? "" : jurisdictionId.trim();
    clients = clients == null ? Map.of() : Map.copyOf(new TreeMap<>(clients));
    services = services == null ? List.of() : List.copyOf(services);
  }

  /** No clients, no services: every request answers 403. */
  public static Open311ChannelConfig none() {
    return new Open311ChannelConfig(0, null, null, null);
  }

  void validate(Problems p, boolean production) {
    p.require(
        maxBodyBytes >= 1024 && maxBodyBytes <= 1024 * 1024,
        "channels.open311.maxBodyBytes",
        "must be 1 KiB .. 1 MiB");
    p.named(
        clients,
        "channels.open311.clients",
        "client",
        (path, c) -> c.validate(p, path, production));
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < services.size(); i++) {
      String path = "channels.open311.services[" + i + "]";
      Open311ServiceConfig s = services.get(i);
      if (s == null) {
        p.add(path, "is empty");
        continue;
      }
      s.validate(p, path);
      p.require(
          s.serviceCode() == null || codes.add(s.serviceCode()),
          path + ".serviceCode",
          "is used twice");
    }
  }
}
