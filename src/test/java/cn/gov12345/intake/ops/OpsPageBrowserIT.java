package cn.gov12345.intake.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.signing.StandardWebhooks;
import cn.gov12345.intake.support.Eventually;
import cn.gov12345.intake.support.HeadlessChromium;
import cn.gov12345.intake.support.TestDestinations;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The ops page in a real browser (headless chromium, {@link HeadlessChromium}): an operator is
 * refused with a wrong token, logs in with the admin token, sees the webhook channel's accepted
 * count and a destination with one dead letter, inspects the dead letter's event and replays it;
 * the department (WireMock: a 500 first, then 200) then receives the event again and the
 * dead-letter list is empty. The token lives in {@code sessionStorage}, never in a cookie.
 */
class OpsPageBrowserIT {

  static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension static WireMockExtension sink = TestDestinations.sink();

  static TestGateway gateway;
  static WebDriver driver;
  static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled();
    driver = HeadlessChromium.start("1280,1000");
    wait = new WebDriverWait(driver, WAIT);
  }

  @AfterAll
  static void stop() {
    HeadlessChromium.quit(driver, gateway);
  }

  @Test
  void anOperatorLogsInSeesADeadLetterInspectsItAndReplaysIt() throws Exception {
    startWithOneDeadLetter();

    driver.get(gateway.managementUrl() + "/ops");
    logIn("not-the-token");
    wait.until(
        ExpectedConditions.textToBe(By.id("message"), "A valid admin bearer token is required."));
    assertThat(driver.findElement(By.id("dashboard")).isDisplayed()).isFalse();

    logIn(TestDestinations.ADMIN_TOKEN);
    wait.until(ExpectedConditions.attributeToBe(By.id("dashboard"), "data-loaded", "true"));
    assertThat(driver.findElement(By.id("login")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("redis-status")).getText()).isEqualTo("UP");
    assertThat(cells("#channels tr[data-channel=webhook] td").get(1).getText()).isEqualTo("1");
    wait.until(
        d ->
            "1"
                .equals(
                    d.findElement(
                            By.cssSelector("tr[data-destination=dept] td[data-field=deadLetters]"))
                        .getText()));
    assertThat(driver.manage().getCookies()).as("no cookie carries the token").isEmpty();
    assertThat(sessionToken()).isEqualTo(TestDestinations.ADMIN_TOKEN);
    HeadlessChromium.screenshot(driver, "ops-overview");

    driver
        .findElement(By.cssSelector("tr[data-destination=dept] button[data-action=dead-letters]"))
        .click();
    wait.until(ExpectedConditions.attributeToBe(By.id("dlq"), "data-loaded", "dept"));
    WebElement row = driver.findElement(By.cssSelector("#dead-letters tbody tr"));
    String eventId = row.getAttribute("data-event-id");
    assertThat(row.getText()).contains("cn.gov12345.intake.ticket.opened.v1");

    row.findElement(By.cssSelector("button[data-action=inspect]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("inspect-event")));
    assertThat(driver.findElement(By.id("inspect-event")).getText())
        .contains("\"id\": \"" + eventId + "\"")
        .contains("路灯不亮");
    HeadlessChromium.screenshot(driver, "ops-dead-letter");

    row.findElement(By.cssSelector("button[data-action=replay]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Replayed 1"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dlq-empty")));
    assertThat(driver.findElements(By.cssSelector("#dead-letters tbody tr"))).isEmpty();
    assertThat(TestRedis.streamLength(gateway.keys().deadLetters(0, "dept"))).isZero();
    Eventually.await(WAIT, () -> assertThat(TestDestinations.received(sink, "/dept")).hasSize(2));
    assertThat(
            TestDestinations.received(sink, "/dept").get(1).getHeader(StandardWebhooks.HEADER_ID))
        .as("the replayed event, once more")
        .isEqualTo(eventId);

    driver.findElement(By.id("logout")).click();
    assertThat(sessionToken()).isNull();
    assertThat(driver.findElement(By.id("login")).isDisplayed()).isTrue();
  }

  /** A gateway whose destination answered the one attempt with 500: one dead letter. */
  private static void startWithOneDeadLetter() throws Exception {
    sink.stubFor(
        post("/dept")
            .inScenario("dept")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("back"));
    sink.stubFor(
        post("/dept").inScenario("dept").whenScenarioStateIs("back").willReturn(aResponse()));
    gateway =
        TestGateway.start(
            TestDestinations.delivery(
                    TestDestinations.destination(
                        "dept", sink.baseUrl() + "/dept", "retrySchedule: [0s]"))
                .replace("delivery:\n", "delivery:\n  gaugeInterval: 100ms\n"),
            Clock.systemUTC());
    // one attempt, answered 500: the event is a dead letter
    gateway.webhooks().post("{\"text\":\"路灯不亮\"}");
    Eventually.await(
        WAIT,
        () -> assertThat(TestRedis.streamLength(gateway.keys().deadLetters(0, "dept"))).isOne());
  }

  private static void logIn(String token) {
    WebElement field = driver.findElement(By.id("token"));
    field.clear();
    field.sendKeys(token);
    driver.findElement(By.id("login-submit")).click();
  }

  private static java.util.List<WebElement> cells(String css) {
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    return driver.findElements(By.cssSelector(css));
  }

  private static Object sessionToken() {
    return ((JavascriptExecutor) driver)
        .executeScript("return sessionStorage.getItem('intake.ops.token');");
  }
}
