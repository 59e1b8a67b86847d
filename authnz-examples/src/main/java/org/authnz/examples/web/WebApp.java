package org.authnz.examples.web;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.authnz.AuthenticatedUser;
import org.authnz.AuthnzService;
import org.authnz.CreateSessionRequest;
import org.authnz.LoginRequest;
import org.authnz.LogoutRequest;
import org.authnz.NewSession;
import org.authnz.Outcome;
import org.authnz.Password;
import org.authnz.SessionInfo;
import org.authnz.SignupRequest;
import org.authnz.SignupResult;
import org.authnz.WireTime;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredUser;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages of the web example, as one Jetty handler over an in-process {@link AuthnzService}.
 *
 * <p>Every visitor has a session: an anonymous one (authnz's user 2) until login, the user's own
 * after it. The session token lives only in the {@value #SESSION_COOKIE} cookie ({@code HttpOnly},
 * {@code SameSite=Lax}, {@code Secure} on TLS). Every form carries the session's CSRF token and
 * every POST is refused with 403 without it. Every value a user typed is escaped before it is
 * shown.
 *
 * <p>Thread-safe.
 */
final class WebApp extends Handler.Abstract {

  /** The name of the session cookie. */
  static final String SESSION_COOKIE = "authnz_session";

  private static final Logger logger = LoggerFactory.getLogger(WebApp.class);
  private static final long ANONYMOUS_USER_ID = 2;
  private static final Duration SESSION_LIFETIME = Duration.ofHours(12);

  private final AuthnzService authnz;
  private final Outbox outbox;
  private final CsrfTokens csrf = new CsrfTokens();
  private final Clock clock;
  private final Supplier<String> baseUrl;

  /**
   * Creates the pages; {@code baseUrl} gives the address for links in e-mails (configured, never
   * taken from the request's Host header, which the visitor controls).
   */
  WebApp(AuthnzService authnz, Outbox outbox, Clock clock, Supplier<String> baseUrl) {
    this.authnz = requireNonNull(authnz, "authnz");
    this.outbox = requireNonNull(outbox, "outbox");
    this.clock = requireNonNull(clock, "clock");
    this.baseUrl = requireNonNull(baseUrl, "baseUrl");
  }

  /** One request's view of the visitor: the live session and its user. */
  private record Visitor(SessionToken session, StoredUser user) {
    boolean isLoggedIn() {
      return user.userId() != ANONYMOUS_USER_ID;
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    try {
      route(request, response, callback);
    } catch (Exception e) {
      // The class is enough to investigate; the message may quote what the visitor typed.
      logger.atWarn().addKeyValue("error", e.getClass().getName()).log("page failed");
      if (!response.isCommitted()) {
        send(response, callback, 500, Html.page("Something went wrong", List.of(), ""));
      } else {
        callback.failed(e);
      }
    }
    return true;
  }

  private void route(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    boolean post = "POST".equals(request.getMethod());
    if (!post && !"GET".equals(request.getMethod())) {
      send(response, callback, 405, Html.page("Method not allowed", List.of(), ""));
      return;
    }
    Visitor visitor = visitor(request, response);
    Fields form;
    try {
      form = post ? Request.getParameters(request) : Request.extractQueryParameters(request);
    } catch (Exception e) {
      // Not form encoding, too large, or not UTF-8: the visitor's fault, not a server error.
      send(response, callback, 400, Html.page("Bad request", List.of(), ""));
      return;
    }
    if (post && !csrf.matches(visitor.session(), form.getValue("csrf"))) {
      String body = "<p>The form has expired. <a href=\"/\">Start again</a>.</p>";
      send(response, callback, 403, Html.page("Form refused", List.of(), body));
      return;
    }

    switch (path) {
      case "/" -> home(visitor, response, callback);
      case "/signup" -> {
        if (post) {
          signUp(visitor, form, response, callback);
        } else {
          signupForm(visitor, "", "", List.of(), 200, response, callback);
        }
      }
      case "/verify" -> {
        if (post) {
          verify(form, response, callback);
        } else {
          verifyForm(visitor, form, response, callback);
        }
      }
      case "/login" -> {
        if (post) {
          logIn(visitor, form, request, response, callback);
        } else {
          loginForm(visitor, "", List.of(), 200, response, callback);
        }
      }
      case "/private" -> privatePage(visitor, request, response, callback);
      case "/logout" -> {
        if (post) {
          logOut(visitor, request, response, callback);
        } else {
          Response.sendRedirect(request, response, callback, 303, "/", true);
        }
      }
      default -> send(response, callback, 404, Html.page("Not found", List.of(), ""));
    }
  }

  // ---- pages ---------------------------------------------------------------------------------

  private void home(Visitor visitor, Response response, Callback callback) {
    String body =
        visitor.isLoggedIn()
            ? "<p>You are logged in. See your <a href=\"/private\">private page</a>.</p>"
            : "<p><a href=\"/signup\">Sign up</a> or <a href=\"/login\">log in</a>.</p>";
    send(response, callback, 200, Html.page("authnz web example", List.of(), body));
  }

  private void signupForm(
      Visitor visitor,
      String fullName,
      String email,
      List<String> messages,
      int status,
      Response response,
      Callback callback) {
    String fields =
        Html.input("Full name", "full_name", "text", fullName)
            + Html.input("E-mail", "email", "email", email)
            + Html.input("Password", "password", "password", "");
    String body = Html.form("/signup", csrf.tokenFor(visitor.session()), fields, "Sign up");
    send(response, callback, status, Html.page("Sign up", messages, body));
  }

  private void signUp(Visitor visitor, Fields form, Response response, Callback callback) {
    String fullName = value(form, "full_name");
    String email = value(form, "email");
    Password password = Password.of(value(form, "password"));

    SignupResult result = authnz.users().create(SignupRequest.of(fullName, email, password));
    if (result instanceof SignupResult.Rejected rejected) {
      List<String> messages = rejected.denial().messages();
      signupForm(visitor, fullName, email, messages, 400, response, callback);
      return;
    }
    SignupResult.Created created = (SignupResult.Created) result;
    outbox.sendVerification(created.email(), baseUrl.get());
    String body =
        "<p>We sent a verification link to <strong>%s</strong>. Open it to activate your account.</p>"
            .formatted(Html.escape(created.email()));
    send(response, callback, 200, Html.page("Check your e-mail", created.messages(), body));
  }

  private void verifyForm(Visitor visitor, Fields query, Response response, Callback callback) {
    String code = value(query, "code");
    if (!outbox.isLive(code)) {
      send(response, callback, 400, invalidLinkPage());
      return;
    }
    // A form, not a change on GET: mail scanners and link previews fetch links, but do not post.
    String body =
        Html.form(
            "/verify",
            csrf.tokenFor(visitor.session()),
            Html.hidden("code", code),
            "Verify my e-mail address");
    send(response, callback, 200, Html.page("Verify your e-mail address", List.of(), body));
  }

  private void verify(Fields form, Response response, Callback callback) {
    Optional<String> email = outbox.redeem(value(form, "code"));
    if (email.isEmpty() || !authnz.emails().setVerified(email.get()).isSuccess()) {
      send(response, callback, 400, invalidLinkPage());
      return;
    }
    String body = "<p>Your account is active. You can <a href=\"/login\">log in</a> now.</p>";
    send(response, callback, 200, Html.page("E-mail address verified", List.of(), body));
  }

  private static String invalidLinkPage() {
    String body = "<p>This link is invalid, used or expired. <a href=\"/signup\">Sign up</a>.</p>";
    return Html.page("Link not valid", List.of(), body);
  }

  private void loginForm(
      Visitor visitor,
      String email,
      List<String> messages,
      int status,
      Response response,
      Callback callback) {
    String fields =
        Html.input("E-mail", "email", "email", email)
            + Html.input("Password", "password", "password", "");
    String body = Html.form("/login", csrf.tokenFor(visitor.session()), fields, "Log in");
    send(response, callback, status, Html.page("Log in", messages, body));
  }

  private void logIn(
      Visitor visitor, Fields form, Request request, Response response, Callback callback)
      throws Exception {
    String email = value(form, "email");
    Password password = Password.of(value(form, "password"));

    // The login uses up the presented session whatever the outcome; a new one follows either way.
    Outcome<AuthenticatedUser> login =
        authnz.users().login(new LoginRequest(visitor.session(), email, password));
    if (login instanceof Outcome.Success<AuthenticatedUser> ok) {
      openSession(ok.value().userId(), request, response);
      Response.sendRedirect(request, response, callback, 303, "/private", true);
      return;
    }
    Outcome.Denied<AuthenticatedUser> denied = (Outcome.Denied<AuthenticatedUser>) login;
    Visitor anonymous = new Visitor(openSession(null, request, response), visitor.user());
    List<String> messages = denied.denial().messages();
    loginForm(
        anonymous,
        email,
        messages.isEmpty() ? List.of("Login failed.") : messages,
        401,
        response,
        callback);
  }

  private void privatePage(Visitor visitor, Request request, Response response, Callback callback) {
    if (!visitor.isLoggedIn()) {
      Response.sendRedirect(request, response, callback, 303, "/login", true);
      return;
    }
    StoredUser user = visitor.user();
    String name = user.fullName() == null ? "" : user.fullName();
    String body =
        """
        <p>Only logged-in users see this page.</p>
        <dl><dt>Name</dt><dd id="full-name">%s</dd><dt>E-mail</dt><dd id="email">%s</dd>\
        <dt>Role</dt><dd>%s</dd></dl>
        """
                .formatted(
                    Html.escape(name), Html.escape(user.email()), Html.escape(user.userRole()))
            + Html.form("/logout", csrf.tokenFor(visitor.session()), "", "Log out");
    send(response, callback, 200, Html.page("Welcome, " + name, List.of(), body));
  }

  private void logOut(Visitor visitor, Request request, Response response, Callback callback) {
    if (visitor.isLoggedIn()) {
      authnz.users().logout(new LogoutRequest(visitor.session(), visitor.user().userId()));
    }
    Response.replaceCookie(response, cookie(request, "").maxAge(0).build());
    Response.sendRedirect(request, response, callback, 303, "/", true);
  }

  // ---- sessions ------------------------------------------------------------------------------

  /** The visitor's live session, or a new anonymous one (with its cookie set). */
  private Visitor visitor(Request request, Response response) {
    for (HttpCookie cookie : Request.getCookies(request)) {
      if (SESSION_COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
        SessionToken token = SessionToken.of(cookie.getValue());
        Outcome<SessionInfo> found = authnz.sessions().find(token);
        if (found instanceof Outcome.Success<SessionInfo> live) {
          return new Visitor(token, live.value().user());
        }
      }
    }
    SessionToken token = openSession(null, request, response);
    SessionInfo info = ((Outcome.Success<SessionInfo>) authnz.sessions().find(token)).value();
    return new Visitor(token, info.user());
  }

  /** Opens a session for {@code userId} (null: anonymous) and sets its cookie. */
  private SessionToken openSession(@Nullable Long userId, Request request, Response response) {
    String userAgent = request.getHeaders().get(HttpHeader.USER_AGENT);
    CreateSessionRequest create =
        new CreateSessionRequest(
            Request.getRemoteAddr(request),
            userAgent == null ? "" : userAgent,
            userId,
            WireTime.format(clock.instant().plus(SESSION_LIFETIME)),
            null);
    Outcome<NewSession> opened = authnz.sessions().create(create);
    if (!(opened instanceof Outcome.Success<NewSession> ok)) {
      throw new IllegalStateException("the store did not open a session");
    }
    SessionToken token = ok.value().token();
    Response.replaceCookie(response, cookie(request, token.reveal()).build());
    return token;
  }

  private static HttpCookie.Builder cookie(Request request, String value) {
    return HttpCookie.build(SESSION_COOKIE, value)
        .path("/")
        .httpOnly(true)
        .secure(request.isSecure())
        .sameSite(HttpCookie.SameSite.LAX);
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private static String value(Fields fields, String name) {
    String value = fields.getValue(name);
    return value == null ? "" : value;
  }

  private static void send(Response response, Callback callback, int status, String html) {
    response.setStatus(status);
    var headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    headers.put("X-Content-Type-Options", "nosniff");
    // The verification link carries a code: no Referer header may take it elsewhere.
    headers.put("Referrer-Policy", "no-referrer");
    headers.put(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    Content.Sink.write(response, true, html, callback);
  }
}
