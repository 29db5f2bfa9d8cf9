package cn.gov12345.intake.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and chromedriver, headless, for the browser tests. Without them a test is
 * skipped with a message, unless {@code INTAKE_BROWSER_TESTS=required} (CI), where a missing
 * browser fails it.
 */
public final class HeadlessChromium {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  /** Skips the calling test class (or fails it, when required) unless the browser is installed. */
  public static void assumeInstalled() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String missing =
        "chromium and chromedriver are not installed (/usr/bin/chromium, /usr/bin/chromedriver):"
            + " apt-get install -y chromium chromium-driver";
    if (!present && "required".equals(System.getenv("INTAKE_BROWSER_TESTS"))) {
      throw new IllegalStateException("INTAKE_BROWSER_TESTS=required but " + missing);
    }
    Assumptions.assumeTrue(present, "browser test skipped: " + missing);
  }

  /** A fresh headless browser with its own profile, in a window of {@code size} ("412,915"). */
  public static WebDriver start(String size) throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=" + size,
        "--user-data-dir=" + Files.createTempDirectory("intake-chromium"));
    // an explicit driver binary: Selenium Manager never runs (it would try to download one)
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  /** Quits the browser and stops the gateway, either of which may not have started. */
  public static void quit(WebDriver driver, TestGateway gateway) {
    if (driver != null) {
      driver.quit();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  /** Keeps what the browser showed under target/browser/ (for a person to look at). */
  public static void screenshot(WebDriver driver, String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "browser"));
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(dir.resolve(name + ".png"), png);
  }
}
