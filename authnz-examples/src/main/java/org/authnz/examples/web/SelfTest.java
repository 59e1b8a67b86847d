package org.authnz.examples.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The web example's self-test: starts the example on a free port with a fresh database and walks
 * the journey with the JDK's HTTP client, checking each answer: sign-up, verification link, login,
 * the private page, a form without its CSRF token refused, logout, and the private page refused
 * after it.
 */
final class SelfTest {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final Pattern CODE = Pattern.compile("name=\"code\" value=\"([^\"]+)\"");

  private final String base;
  private final Outbox outbox;
  private final HttpClient http;

  private SelfTest(String base, Outbox outbox) {
    this.base = base;
    this.outbox = outbox;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** Runs the journey against a fresh example; prints each step and returns whether all passed. */
  static boolean run() throws Exception {
    try (WebExample.Running app = WebExample.startFresh(false)) {
      new SelfTest(app.baseUrl(), app.outbox()).walk();
      System.out.println("self-test passed");
      return true;
    } catch (StepFailed e) {
      System.out.println("self-test FAILED: " + e.getMessage());
      return false;
    }
  }

  /** A step of the journey did not behave; the message says which and how. */
  static final class StepFailed extends Exception {
    private static final long serialVersionUID = 1L;

    StepFailed(String message) {
      super(message);
    }
  }

  private void walk() throws IOException, InterruptedException, StepFailed {
    String suffix = Integer.toHexString(new SecureRandom().nextInt());
    String email = "ada-" + suffix + "@example.com";
    String fullName = "Ada <em>Lovelace</em> & co";
    String password = "analytical engine punch cards " + suffix;

    HttpResponse<String> page = get("/signup");
    expect(page, 200, "sign-up form");
    String setCookie = page.headers().firstValue("set-cookie").orElse("");
    check(
        setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"),
        "the session cookie is HttpOnly and SameSite=Lax");
    page =
        post(
            "/signup",
            form("csrf", csrf(page), "full_name", fullName, "email", email, "password", password));
    expect(page, 200, "sign-up");
    check(page.body().contains("Check your e-mail"), "sign-up asks to check the mail");

    String link = outbox.lastMailTo(email).orElseThrow(() -> fail("no verification mail")).link();
    page = get(link.substring(base.length()));
    expect(page, 200, "verification link");
    page = post("/verify", form("csrf", csrf(page), "code", code(page)));
    expect(page, 200, "verification");

    page = get("/login");
    expect(page, 200, "login form");
    String loginCsrf = csrf(page);
    expect(
        post("/login", form("email", email, "password", password)),
        403,
        "login without CSRF token");
    page = post("/login", form("csrf", loginCsrf, "email", email, "password", password));
    expect(page, 303, "login");
    check(page.headers().firstValue("location").orElse("").endsWith("/private"), "to /private");

    page = get("/private");
    expect(page, 200, "private page");
    check(page.body().contains("Lovelace"), "the private page shows the user's name");
    check(!page.body().contains("<em>"), "no user value reaches the page unescaped");

    expect(post("/logout", form("csrf", csrf(page))), 303, "logout");
    page = get("/private");
    expect(page, 303, "private page after logout");
    check(page.headers().firstValue("location").orElse("").endsWith("/login"), "to /login");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String form(String... namesAndValues) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return fields.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static String csrf(HttpResponse<String> page) throws StepFailed {
    return field(CSRF, page, "CSRF token");
  }

  private static String code(HttpResponse<String> page) throws StepFailed {
    return field(CODE, page, "verification code");
  }

  private static String field(Pattern pattern, HttpResponse<String> page, String what)
      throws StepFailed {
    Matcher matcher = pattern.matcher(page.body());
    if (!matcher.find()) {
      throw fail("no " + what + " in the page of " + page.uri().getPath());
    }
    return matcher.group(1);
  }

  private static void expect(HttpResponse<String> page, int status, String step) throws StepFailed {
    if (page.statusCode() != status) {
      throw fail(step + ": status " + page.statusCode() + ", expected " + status);
    }
    System.out.println("ok: " + step + " (" + status + ")");
  }

  private static void check(boolean condition, String what) throws StepFailed {
    if (!condition) {
      throw fail(what + ": not so");
    }
    System.out.println("ok: " + what);
  }

  private static StepFailed fail(String message) {
    return new StepFailed(message);
  }
}
