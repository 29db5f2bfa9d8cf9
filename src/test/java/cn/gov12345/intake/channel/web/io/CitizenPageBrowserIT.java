package cn.gov12345.intake.channel.web.io;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.HeadlessChromium;
import cn.gov12345.intake.support.StatusClient;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestImages;
import cn.gov12345.intake.support.TestRedis;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Acceptance of the citizen pages in a real browser (Debian's chromium and chromedriver, headless):
 * a citizen files an appeal with a photo, the page solves the proof-of-work itself, shows the
 * tracking number and query code; the 进度查询 page then shows "received", and after a department
 * reports progress through the status API it shows that too.
 *
 * <p>Without the browser the test is skipped with a message, unless {@code
 * INTAKE_BROWSER_TESTS=required} (CI), where a missing browser fails it.
 */
class CitizenPageBrowserIT {

  static TestGateway gateway;
  static WebDriver driver;
  static WebDriverWait wait;

  @BeforeAll
  static void start() throws IOException {
    HeadlessChromium.assumeInstalled();
    gateway = TestGateway.start(StatusClient.YAML, Clock.systemUTC());
    driver = HeadlessChromium.start("412,915");
    wait = new WebDriverWait(driver, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    HeadlessChromium.quit(driver, gateway);
  }

  @Test
  void aCitizenFilesAnAppealWithAPhotoAndFollowsItOnTheLookupPage() throws IOException {
    Path photo = Files.createTempFile("pothole", ".png");
    Files.write(photo, TestImages.png(42));

    driver.get(gateway.baseUrl() + "/");
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
    driver.findElement(By.cssSelector("input[name=appealType][value=complaint]")).click();
    driver.findElement(By.id("description")).sendKeys("路口的井盖丢了，晚上很危险");
    driver.findElement(By.id("address")).sendKeys("朝阳区建国路 88 号东门");
    driver.findElement(By.id("phone")).sendKeys("13800138000");
    driver.findElement(By.id("photos")).sendKeys(photo.toString());
    wait.until(ExpectedConditions.attributeToBe(By.id("pow-status"), "data-state", "pow.done"));
    driver.findElement(By.id("submit")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("receipt")));
    screenshot("receipt");
    String trackingNumber = driver.findElement(By.id("tracking-number")).getText();
    String queryCode = driver.findElement(By.id("query-code")).getText();
    assertThat(trackingNumber).matches("\\d{15}");
    assertThat(queryCode).matches("\\d{8}");
    assertThat(driver.findElement(By.id("download")).getAttribute("href")).startsWith("blob:");
    JsonObject ticket = ticketWith(trackingNumber);
    assertThat(ticket.getJsonObject("data").getJsonArray("attachments")).hasSize(1);

    driver.findElement(By.id("track")).click();
    wait.until(ExpectedConditions.urlContains("/lookup"));
    assertThat(driver.findElement(By.id("tracking")).getAttribute("value"))
        .isEqualTo(trackingNumber);
    driver.findElement(By.id("code")).sendKeys(queryCode);
    lookUp();
    assertThat(status().getAttribute("data-status")).isEqualTo("received");
    assertThat(status().getText()).isEqualTo("已受理");

    String ticketId = ticket.getJsonObject("data").getString("ticketId");
    HttpResponse<String> report =
        new StatusClient(gateway.baseUrl())
            .report(
                ticketId,
                "{\"status\":\"dispatched\",\"department\":\"朝阳区市政市容委\","
                    + "\"note\":\"已派单至市政部门\"}");
    assertThat(report.statusCode()).as(report.body()).isBetween(200, 202);

    lookUp();
    assertThat(status().getAttribute("data-status")).isEqualTo("dispatched");
    assertThat(status().getText()).isEqualTo("已派单");
    assertThat(driver.findElement(By.id("history")).getText()).contains("朝阳区市政市容委");

    driver.findElement(By.cssSelector("[data-lang-toggle]")).click();
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    assertThat(status().getText()).isEqualTo("Dispatched");
    screenshot("lookup-en");
  }

  private static void screenshot(String name) throws IOException {
    HeadlessChromium.screenshot(driver, name);
  }

  @Test
  void theFormTellsTheCitizenWhatIsMissingBeforeSending() {
    driver.get(gateway.baseUrl() + "/?lang=en");
    wait.until(ExpectedConditions.attributeToBe(By.id("pow-status"), "data-state", "pow.done"));
    driver.findElement(By.id("submit")).click();
    WebElement error = driver.findElement(By.id("form-error"));
    assertThat(error.isDisplayed()).isTrue();
    assertThat(error.getText()).isEqualTo("Choose the kind of appeal.");
  }

  /** Presses 查询 and waits for the answer (the button is disabled while the request runs). */
  private static void lookUp() {
    driver.findElement(By.id("lookup-submit")).click();
    wait.until(d -> d.findElement(By.id("lookup-submit")).isEnabled());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
  }

  private static WebElement status() {
    return driver.findElement(By.id("status"));
  }

  private static JsonObject ticketWith(String trackingNumber) {
    return TestRedis.events(gateway.keys().tickets(0)).stream()
        .filter(e -> e.contains(trackingNumber))
        .map(JsonObject::new)
        .findFirst()
        .orElseThrow();
  }
}
