package org.authnz.examples.walk;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.authnz.AccessCheckRequest;
import org.authnz.AuthenticatedUser;
import org.authnz.AuthnzService;
import org.authnz.CreateSessionRequest;
import org.authnz.Denial;
import org.authnz.LoginRequest;
import org.authnz.LogoutRequest;
import org.authnz.NewSession;
import org.authnz.Outcome;
import org.authnz.Password;
import org.authnz.SessionInfo;
import org.authnz.SignupRequest;
import org.authnz.SignupResult;
import org.authnz.spi.SessionToken;

/**
 * What a web frontend does with authnz for one visitor: sign-up, e-mail verification, login, a
 * session check, an access check and logout. It takes any {@link AuthnzService}, so the in-process
 * and the sidecar example run the very same code and differ only in how they build the service.
 *
 * <p>Not thread-safe (it prints as it goes).
 */
public final class AccountWalk {
  private static final DateTimeFormatter EXPIRY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  private final AuthnzService authnz;
  private final PrintStream out;

  /** A walk over {@code authnz} that prints each step to {@code out}. */
  public AccountWalk(AuthnzService authnz, PrintStream out) {
    this.authnz = requireNonNull(authnz, "authnz");
    this.out = requireNonNull(out, "out");
  }

  /**
   * Walks the account lifecycle for a new user with this e-mail.
   *
   * @throws UnexpectedResultException when a step does not answer as it should
   */
  public void run(String email) {
    Password password = Password.of("correct-Horse-battery-st4ple");

    // [signup]
    SignupResult signup = authnz.users().create(SignupRequest.of("Ada Lovelace", email, password));
    if (!(signup instanceof SignupResult.Created created)) {
      throw unexpected("sign-up", ((SignupResult.Rejected) signup).denial());
    }
    step("signed up user %d (%s); the account is inactive until verified", created.userId(), email);
    // [end]

    // [login-unverified]
    Outcome<AuthenticatedUser> early = login(email, password);
    if (early instanceof Outcome.Denied<AuthenticatedUser> denied) {
      step("login before verification is denied: %s", denied.denial().code());
    } else {
      throw new UnexpectedResultException("an unverified user could log in");
    }
    // [end]

    // [verify]
    // The frontend e-mails a link; when the user opens it, it marks the address verified.
    require("verification", authnz.emails().setVerified(email));
    step("e-mail verified; the account is active");
    // [end]

    // [login]
    AuthenticatedUser user = require("login", login(email, password));
    NewSession session =
        require(
            "session",
            authnz
                .sessions()
                .create(
                    new CreateSessionRequest(
                        "203.0.113.7", "example-browser/1.0", user.userId(), inOneWeek(), null)));
    step("logged in as user %d with role %s; new session opened", user.userId(), user.userRole());
    // [end]

    // [session-check]
    SessionInfo info = require("session check", authnz.sessions().find(session.token()));
    step("the session cookie belongs to %s", info.user().email());
    // [end]

    // [access]
    Outcome<Boolean> view =
        authnz
            .access()
            .check(
                new AccessCheckRequest(
                    user.userId(), user.userRole(), "view", "object", 1, "public", ""));
    Outcome<Boolean> edit =
        authnz
            .access()
            .check(
                new AccessCheckRequest(
                    user.userId(), user.userRole(), "edit", "object", 1, "public", ""));
    step("may view another user's public object: %s", view.isSuccess());
    step("may edit another user's public object: %s", edit.isSuccess());
    if (!view.isSuccess() || edit.isSuccess()) {
      throw new UnexpectedResultException("the default policy decided otherwise");
    }
    // [end]

    // [logout]
    require("logout", authnz.users().logout(new LogoutRequest(session.token(), user.userId())));
    boolean stillThere = authnz.sessions().find(session.token()).isSuccess();
    step("logged out; the session is %s", stillThere ? "still live" : "gone");
    if (stillThere) {
      throw new UnexpectedResultException("the session outlived the logout");
    }
    // [end]
  }

  // [login-helper]
  /** Logs in as a frontend does: a visitor has an anonymous session, which the login replaces. */
  private Outcome<AuthenticatedUser> login(String email, Password password) {
    SessionToken anonymous =
        require(
                "anonymous session",
                authnz
                    .sessions()
                    .create(
                        new CreateSessionRequest(
                            "203.0.113.7", "example-browser/1.0", null, inOneWeek(), null)))
            .token();
    return authnz.users().login(new LoginRequest(anonymous, email, password));
  }

  // [end]

  private static String inOneWeek() {
    return LocalDateTime.now(ZoneOffset.UTC).plusDays(7).format(EXPIRY);
  }

  private void step(String format, Object... args) {
    out.println("- " + String.format(format, args));
  }

  private static <T> T require(String step, Outcome<T> outcome) {
    if (outcome instanceof Outcome.Success<T> success) {
      return success.value();
    }
    throw unexpected(step, ((Outcome.Denied<T>) outcome).denial());
  }

  private static UnexpectedResultException unexpected(String step, Denial denial) {
    return new UnexpectedResultException(
        step + " was denied: " + denial.code() + " (" + denial.failureReason() + ")");
  }

  /** A step of the walk did not answer as it should. */
  public static final class UnexpectedResultException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnexpectedResultException(String message) {
      super(message);
    }
  }
}
