package cn.gov12345.intake.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The OCI image Jib builds (pom.xml's {@code jib-maven-plugin}, {@code jib:buildTar}) is the one
 * the k8s base deploys: the same name and tag, a non-root user that is the pod's {@code runAsUser},
 * a Temurin 17 JRE or distroless java17 base, the image's own entrypoint (the Deployment sets only
 * arguments), the production profile; and no build phase pulls a base image.
 */
class K8sImageTest {

  private static final String JIB = "/project/build/plugins/plugin[artifactId='jib-maven-plugin']";

  private static Document pom;
  private static XPath xpath;
  private static K8sManifests k8s;

  @BeforeAll
  static void read() throws Exception {
    pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile());
    xpath = XPathFactory.newInstance().newXPath();
    k8s = K8sManifests.load(K8sManifests.DIR);
  }

  /** A value of the jib plugin's element, its {@code ${property}} references resolved. */
  private static String jib(String path) throws Exception {
    String value = xpath.evaluate(JIB + path, pom).strip();
    Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String property = xpath.evaluate("/project/properties/" + m.group(1), pom).strip();
      m.appendReplacement(out, property.isEmpty() ? m.group() : Matcher.quoteReplacement(property));
    }
    return m.appendTail(out).toString();
  }

  @Test
  void theImageIsTheOneTheDeploymentRuns() throws Exception {
    assertThat(k8s.container().path("image").asText()).isEqualTo(jib("/configuration/to/image"));
  }

  @Test
  void theImageRunsAsTheNonRootUserOfThePod() throws Exception {
    String user = jib("/configuration/container/user");
    JsonNode pod = k8s.only("Deployment").at("/spec/template/spec/securityContext");

    assertThat(user)
        .isEqualTo(pod.path("runAsUser").asText() + ":" + pod.path("runAsGroup").asText());
    assertThat(user).doesNotStartWith("0:").isNotEqualTo("root").isNotEmpty();
  }

  @Test
  void theBaseIsAJava17RuntimeImage() throws Exception {
    assertThat(jib("/configuration/from/image"))
        .matches(
            "(docker\\.io/)?(library/)?eclipse-temurin:17(\\.[0-9.+_]+)?-jre.*"
                + "|gcr\\.io/distroless/java17.*");
  }

  @Test
  void theDeploymentUsesTheImageEntrypointAndPassesOnlyArguments() throws Exception {
    assertThat(k8s.container().has("command")).as("no command over Jib's entrypoint").isFalse();
    assertThat(jib("/configuration/container/mainClass")).isEqualTo("cn.gov12345.intake.Main");
  }

  @Test
  void theImageStartsInTheProductionProfileSoTheBundledRedisIsRefused() throws Exception {
    assertThat(jib("/configuration/container/environment/INTAKE_PROFILE")).isEqualTo("production");
    assertThat(jib("/configuration/container/environment/INTAKE_DATA_DIR"))
        .isEqualTo(k8s.configDocument().path("dataDir").asText());
  }

  @Test
  void noBuildPhasePullsABaseImage() throws Exception {
    assertThat(xpath.evaluate("count(" + JIB + "/executions)", pom))
        .as("jib runs only when asked: jib:buildTar")
        .isEqualTo("0");
  }
}
