package cn.gov12345.intake.k8s;

import cn.gov12345.intake.config.ConfigLoader;
import cn.gov12345.intake.config.GatewayConfig;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The environment a gateway pod of the base sees: the Deployment's literal values, and for every
 * variable it takes from the Secret a random value of the form the gateway expects (never a
 * development placeholder). {@link #config()} loads the base's config file with it, the way the pod
 * does.
 */
final class PodEnvironment {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final K8sManifests k8s;
  private final Map<String, String> values;

  private PodEnvironment(K8sManifests k8s, Map<String, String> values) {
    this.k8s = k8s;
    this.values = values;
  }

  static PodEnvironment of(K8sManifests k8s) {
    Map<String, String> values = new HashMap<>();
    k8s.env()
        .forEach(
            (name, entry) ->
                values.put(
                    name,
                    entry.has("valueFrom") ? realisticSecret(name) : entry.path("value").asText()));
    return new PodEnvironment(k8s, Map.copyOf(values));
  }

  Map<String, String> values() {
    return values;
  }

  /** The values of the variables the Deployment takes from a Secret. */
  Set<String> secretValues() {
    return k8s.env().entrySet().stream()
        .filter(e -> e.getValue().has("valueFrom"))
        .map(e -> values.get(e.getKey()))
        .collect(Collectors.toSet());
  }

  /** The base's config file loaded through the real {@link ConfigLoader} with this environment. */
  GatewayConfig config() {
    return new ConfigLoader(values::get).load(k8s.configFile());
  }

  private static String realisticSecret(String name) {
    if (name.endsWith("REDIS_URL")) {
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
      return "redis://:" + password + "@redis-master.redis.svc:6379/0";
    }
    if (name.startsWith("INTAKE_WEBHOOK_")) {
      return "whsec_" + base64(32);
    }
    return base64(name.contains("CONTACT_KEY") ? 32 : 48);
  }

  private static String base64(int bytes) {
    return Base64.getEncoder().encodeToString(randomBytes(bytes));
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
