package org.authnz.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Drives the web example in Debian's headless Chromium through sign-up, verification and login, and
 * saves a screenshot of the logged-in page to {@code target/screenshots/logged-in.png}.
 *
 * <p>Skips when {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is missing, but fails
 * then under {@code AUTHNZ_REQUIRE_SERVICES=true} ({@code .ci/run} installs both).
 */
class WebExampleChromiumTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOT = Path.of("target", "screenshots", "logged-in.png");

  @TempDir Path profile;

  @Test
  void journey_inHeadlessChromium_reachesThePrivatePageAndSavesAScreenshot() throws Exception {
    requireChromium();
    String email = "grace@example.com";
    String password = "compiler moth in relay seventy";

    try (WebExample.Running app = WebExample.startFresh(false)) {
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .build();
      WebDriver browser = new ChromeDriver(service, options());
      try {
        // Element lookups wait for the page a click started to load, up to this long.
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(30));
        browser.get(app.baseUrl() + "/signup");
        type(browser, "full_name", "Grace Hopper");
        type(browser, "email", email);
        type(browser, "password", password);
        submit(browser);
        awaitHeading(browser, "Check your e-mail");

        browser.get(app.outbox().lastMailTo(email).orElseThrow().link());
        awaitHeading(browser, "Verify your e-mail address");
        submit(browser);
        awaitHeading(browser, "E-mail address verified");

        browser.get(app.baseUrl() + "/login");
        type(browser, "email", email);
        type(browser, "password", password);
        submit(browser);

        awaitHeading(browser, "Welcome, Grace Hopper");
        assertThat(browser.getCurrentUrl()).isEqualTo(app.baseUrl() + "/private");
        assertThat(browser.findElement(By.id("full-name")).getText()).isEqualTo("Grace Hopper");
        Cookie session = browser.manage().getCookieNamed(WebApp.SESSION_COOKIE);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");

        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, png);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
      } finally {
        browser.quit();
        service.stop();
      }
    }
  }

  private ChromeOptions options() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // Flags that work on this machine: no sandbox as root, and no background connections, which
    // the closed network refuses.
    options.addArguments(
        List.of(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=900,700",
            "--user-data-dir=" + profile.toAbsolutePath()));
    return options;
  }

  private static void requireChromium() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equals(System.getenv("AUTHNZ_REQUIRE_SERVICES"))) {
      fail("Chromium is required: apt-get install -y chromium chromium-driver");
    }
    assumeTrue(present, "no /usr/bin/chromium or /usr/bin/chromedriver; skipped");
  }

  private static void type(WebDriver browser, String field, String text) {
    browser.findElement(By.name(field)).sendKeys(text);
  }

  /** Waits (the implicit wait) for the page whose heading is {@code heading}. */
  private static void awaitHeading(WebDriver browser, String heading) {
    browser.findElement(By.xpath("//h1[normalize-space(.) = '" + heading + "']"));
  }

  private static void submit(WebDriver browser) {
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }
}
