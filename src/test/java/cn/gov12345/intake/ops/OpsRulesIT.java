package cn.gov12345.intake.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.WebhookClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alert rules and the dashboard in {@code ops/} query only what the gateway exports: every
 * metric name in a rule's {@code expr} or a panel's query appears on a running gateway's {@code
 * /metrics} (after traffic that touches every meter). With promtool (Debian's {@code prometheus};
 * required when {@code INTAKE_OPS_TESTS=required}, as {@code .ci/run} sets), the rules pass {@code
 * promtool check rules} and their unit tests, and every dashboard query parses.
 */
class OpsRulesIT {

  static final Path RULES = Path.of("ops/prometheus/intake-alerts.yaml");
  static final Path RULE_TESTS = Path.of("ops/prometheus/intake-alerts.test.yaml");
  static final Path DASHBOARD = Path.of("ops/grafana/intake-gateway.json");
  static final Pattern METRIC = Pattern.compile("\\b(?:intake|jvm|process|system)_[a-z0-9_]+\\b");
  static final String TICKET =
      "{\"appealType\":\"投诉\",\"text\":\"小区停水三天了\","
          + "\"location\":{\"address\":\"朝阳区某街道\",\"regionCode\":\"110105\"}}";

  @RegisterExtension static WireMockExtension sink = TestDestinations.sink();

  static Set<String> exported;

  @Test
  void everyAlertRuleQueriesMetricsTheGatewayExports() throws Exception {
    JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
    List<String> alerts = new ArrayList<>();
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        alerts.add(rule.path("alert").asText());
        assertNamesExported(rule.path("alert").asText(), rule.path("expr").asText());
        assertThat(rule.path("labels").path("severity").asText()).isIn("warning", "critical");
      }
    }
    assertThat(alerts)
        .contains(
            "IntakeDeliveryBacklogGrowing",
            "IntakeDeadLetters",
            "IntakeReadinessFlapping",
            "IntakeHigh5xxRate",
            "IntakeRedisSlow",
            "IntakeDiskReserveNear");
  }

  @Test
  void everyDashboardPanelQueriesMetricsTheGatewayExports() throws Exception {
    List<String> queries = panelQueries();
    assertThat(queries).hasSizeGreaterThan(10);
    queries.add(
        new ObjectMapper()
            .readTree(DASHBOARD.toFile())
            .path("templating")
            .path("list")
            .get(1)
            .path("query")
            .path("query")
            .asText());
    for (String query : queries) {
      assertNamesExported("dashboard", query);
    }
  }

  @Test
  void promtoolAcceptsTheRulesAndTheirUnitTests() throws Exception {
    String promtool = promtool();
    assertThat(run(promtool, "check", "rules", RULES.toString())).contains("SUCCESS");
    assertThat(run(promtool, "test", "rules", RULE_TESTS.toString())).contains("SUCCESS");
  }

  @Test
  void promtoolParsesEveryDashboardQuery() throws Exception {
    String promtool = promtool();
    StringBuilder yaml = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    int i = 0;
    for (String query : panelQueries()) {
      String expr = query.replace("$instance", ".*").replace("'", "''");
      yaml.append("      - record: dashboard:query")
          .append(i++)
          .append("\n        expr: '")
          .append(expr)
          .append("'\n");
    }
    Path file = Files.createTempFile("dashboard-queries", ".yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    assertThat(run(promtool, "check", "rules", file.toString())).contains("SUCCESS");
  }

  private static List<String> panelQueries() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(target.path("expr").asText());
      }
    }
    return queries;
  }

  private static void assertNamesExported(String where, String expr) throws Exception {
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(expr);
    while (m.find()) {
      names.add(m.group());
    }
    assertThat(names).as("metrics named in %s: %s", where, expr).isNotEmpty();
    assertThat(exported()).as("exported metrics (%s)", where).containsAll(names);
  }

  /** The sample names of a gateway's /metrics after traffic that touches every meter. */
  private static synchronized Set<String> exported() throws Exception {
    if (exported != null) {
      return exported;
    }
    sink.stubFor(post("/ok").willReturn(aResponse().withStatus(204)));
    String yaml =
        TestDestinations.delivery(
                TestDestinations.destination("ok", sink.baseUrl() + "/ok"),
                TestDestinations.destination("down", "http://127.0.0.1:9/down"))
            .replace("delivery:\n", "delivery:\n  gaugeInterval: 100ms\n");
    try (TestGateway gateway = TestGateway.start(yaml, Clock.systemUTC())) {
      String id = WebhookClient.newId();
      gateway.webhooks().post(id, TICKET);
      gateway.webhooks().post(id, TICKET);
      TestDestinations.get(gateway.baseUrl() + "/no-such-page", null);
      TestDestinations.get(gateway.managementUrl() + "/health/ready", null);
      Set<String> names = new TreeSet<>();
      Eventually.await(
          Duration.ofSeconds(20),
          () -> {
            names.clear();
            names.addAll(sampleNames(gateway));
            assertThat(names)
                .contains(
                    "intake_delivery_delivered_total",
                    "intake_delivery_failed_total",
                    "intake_delivery_backlog");
          });
      exported = names;
    }
    return exported;
  }

  private static Set<String> sampleNames(TestGateway gateway) {
    Set<String> names = new TreeSet<>();
    String body = TestDestinations.get(gateway.managementUrl() + "/metrics", null).body();
    for (String line : body.split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }

  /** promtool's path; skips the test without it, unless CI requires it. */
  private static String promtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    if ("required".equals(System.getenv("INTAKE_OPS_TESTS"))) {
      throw new IllegalStateException("INTAKE_OPS_TESTS=required but promtool is not installed");
    }
    assumeTrue(false, "promtool not installed (apt-get install prometheus)");
    return null;
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
    return out;
  }
}
