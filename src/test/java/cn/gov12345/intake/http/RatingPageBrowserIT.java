package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.support.HeadlessChromium;
import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TicketStream;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The rating page in a real browser (headless Chromium, phone-sized): the citizen opens the link of
 * a closed ticket, rates it, sees the result; the same link later shows the rating and takes no
 * second one; a forged link shows that it is not valid.
 */
class RatingPageBrowserIT {

  static WebDriver driver;
  static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled();
    RatingPageIT.start();
    driver = HeadlessChromium.start("412,915");
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    HeadlessChromium.quit(driver, RatingPageIT.gateway);
  }

  @Test
  void aCitizenRatesAClosedTicketOnThePhoneAndTheLinkThenShowsTheRating() throws Exception {
    JsonObject ticket = RatingPageIT.closedTicket();
    String url =
        gateway().baseUrl()
            + "/rate/"
            + RatingPageIT.token(ticket, Instant.now().plus(Duration.ofDays(1)));

    driver.get(url);
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
    assertThat(driver.findElement(By.tagName("main")).getText())
        .contains(ticket.getString("trackingNumber"));
    driver.findElement(By.id("rate-submit")).click();
    assertThat(driver.getCurrentUrl())
        .as("the browser's own check keeps an empty form")
        .isEqualTo(url);
    driver.findElement(By.cssSelector("input[name=rating][value='1']")).click();
    driver.findElement(By.cssSelector("input[name=solved][value=yes]")).click();
    driver.findElement(By.id("comment")).sendKeys("处理及时，谢谢");
    driver.findElement(By.id("rate-submit")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rate-result")));
    HeadlessChromium.screenshot(driver, "rating");
    assertThat(driver.findElement(By.id("rate-result")).getText()).contains("感谢您的评价", "满意", "已解决");
    JsonObject rated =
        TicketStream.first(gateway(), ticket.getString("ticketId"), EventTypes.TICKET_RATED);
    assertThat(rated.getJsonObject("data").getString("rating")).isEqualTo("satisfied");
    assertThat(rated.getJsonObject("data").getString("comment")).isEqualTo("处理及时，谢谢");

    driver.get(url + "?lang=en");
    assertThat(driver.findElement(By.id("rate-result")).getText())
        .contains("already been rated", "Satisfied");
    assertThat(driver.findElements(By.id("rate-submit"))).isEmpty();

    driver.get(url.substring(0, url.length() - 3) + "AAA");
    assertThat(driver.findElement(By.id("rate-error")).getText()).contains("评价链接无效");
  }

  @Test
  void aCitizenWithoutARouteFindsTheRatingLinkOnTheLookupPage() throws Exception {
    JsonObject ticket = RatingPageIT.closedTicket();
    String code =
        new cn.gov12345.intake.identity.QueryCodes(
                gateway().config().identity().pseudonymKey().utf8())
            .codeFor(ticket.getString("trackingNumber"), ticket.getString("ticketId"));

    driver.get(gateway().baseUrl() + "/lookup");
    driver.findElement(By.id("tracking")).sendKeys(ticket.getString("trackingNumber"));
    driver.findElement(By.id("code")).sendKeys(code);
    driver.findElement(By.id("lookup-submit")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rate-link")));
    driver.findElement(By.id("rate-link")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rate-submit")));
    assertThat(driver.getCurrentUrl()).contains("/rate/");
    assertThat(driver.findElement(By.tagName("main")).getText())
        .contains(ticket.getString("trackingNumber"));
  }

  static TestGateway gateway() {
    return RatingPageIT.gateway;
  }
}
