package org.authnz;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.authnz.internal.logging.LogSafe;
import org.authnz.internal.password.Argon2idHasher;
import org.authnz.internal.password.PasswordChecker;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.PasswordHash;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredUser;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password change and reset ({@code actions-passwords-email.md} sections 7 and 8), for {@link
 * DefaultAuthnzService}. Thread-safe (stateless beyond its collaborators).
 */
final class PasswordActions {
  static final String M_CURPASS = "Your current password did not match the stored password.";
  static final String M_CHANGED = "Password changed successfully.";
  static final String M_LOGGED_OUT =
      "For security purposes, you have been logged out of all other sessions.";
  static final String M_NOT_CHANGED = "Password could not be changed.";
  static final String M_INSECURE_CHANGE =
      "The new password you entered is insecure. It must be at least 12 characters long and be"
          + " sufficiently complex.";

  private static final Logger logger = LoggerFactory.getLogger(PasswordActions.class);
  private static final Logger audit = LoggerFactory.getLogger("org.authnz.audit");

  private final AuthnzStore store;
  private final Clock clock;
  private final Argon2idHasher hasher;
  private final PasswordChecker checker;
  private final LogSafe logSafe;

  PasswordActions(
      AuthnzStore store,
      Clock clock,
      Argon2idHasher hasher,
      PasswordChecker checker,
      LogSafe logSafe) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.hasher = requireNonNull(hasher, "hasher");
    this.checker = requireNonNull(checker, "checker");
    this.logSafe = requireNonNull(logSafe, "logSafe");
  }

  /**
   * Section 7: verify the current password, refuse an unchanged or insecure new one, store the new
   * hash, and, when {@code deleteOtherSessions}, delete the user's sessions but the kept one.
   */
  Outcome<Long> change(ChangePasswordRequest request, boolean deleteOtherSessions) {
    requireNonNull(request, "request");
    long userId = request.userId();
    String email = request.email();
    Predicate<StoredUser> target = u -> u.active() && u.email().equals(email);
    Optional<StoredUser> user = store.findUser(userId).filter(target);
    if (user.isEmpty()) {
      return changeDenied(
          DenialCode.USER_NOT_FOUND, "user does not exist", List.of(M_CURPASS), request);
    }

    String current = DefaultAuthnzService.truncate(request.currentPassword().reveal());
    String replacement = DefaultAuthnzService.truncate(request.newPassword().reveal());
    PasswordHash stored = user.get().password();
    if (!hasher.verify(current, stored)) {
      return changeDenied(
          DenialCode.INVALID_CREDENTIALS,
          "user password does not match",
          List.of(M_CURPASS),
          request);
    }
    if (hasher.verify(replacement, stored)) {
      return changeDenied(
          DenialCode.PASSWORD_UNCHANGED,
          "password did not change",
          List.of("Your new password cannot be the same as your old password."),
          request);
    }

    PasswordHash hash = hasher.hash(replacement); // before validating: same cost either way
    List<String> problems = checker.check(replacement, email, request.fullName());
    if (!problems.isEmpty()) {
      return changeDenied(
          DenialCode.WEAK_PASSWORD,
          "new password is insecure",
          plus(problems, M_INSECURE_CHANGE),
          request);
    }

    if (!store(userId, target, hash)) {
      return changeDenied(
          DenialCode.STORE_ERROR,
          "DB error when updating password",
          plus(problems, M_NOT_CHANGED),
          request);
    }
    List<String> messages = plus(problems, M_CHANGED);
    if (deleteOtherSessions) {
      int deleted = store.deleteSessionsOfUser(userId, request.keepSession());
      messages.add(M_LOGGED_OUT);
      audit
          .atInfo()
          .addKeyValue("user", logSafe.userId(userId))
          .addKeyValue("sessions_deleted", deleted)
          .log("password.changed");
    } else {
      audit.atInfo().addKeyValue("user", logSafe.userId(userId)).log("password.changed");
    }
    return new Outcome.Success<>(userId, messages);
  }

  private static <T> Outcome<T> changeDenied(
      DenialCode code, String reason, List<String> messages, ChangePasswordRequest request) {
    return Outcome.denied(new Denial(code, reason, messages, request.userId()));
  }

  /** Section 8.1: any live session will do; the user must be active. */
  Outcome<Long> reset(ResetPasswordRequest request) {
    requireNonNull(request, "request");
    if (!isLive(request.session())) {
      return Outcome.denied(
          Denial.of(
              DenialCode.SESSION_NOT_FOUND,
              "session does not exist",
              "Invalid session token for password reset request."));
    }
    return reset(
        request.email(),
        request.newPassword(),
        true,
        "user does not exist",
        "invalid password",
        "Insecure password for password reset request.");
  }

  /** Section 8.2: the user's activity must equal {@code requiredActive}. */
  Outcome<Long> resetWithoutSession(ResetPasswordWithoutSessionRequest request) {
    requireNonNull(request, "request");
    return reset(
        request.email(),
        request.newPassword(),
        request.requiredActive(),
        "user does not exist or is_active was not as required",
        "invalid new password",
        "Insecure new password for password reset request.");
  }

  private Outcome<Long> reset(
      String email,
      Password newPassword,
      boolean requiredActive,
      String noUserReason,
      String insecureReason,
      String insecureMessage) {
    Predicate<StoredUser> target = u -> u.active() == requiredActive && u.email().equals(email);
    Optional<StoredUser> user = UserLookup.byEmail(store, email).filter(target);
    if (user.isEmpty()) {
      audit.atInfo().addKeyValue("user", logSafe.email(email)).log("password.reset.denied");
      return Outcome.denied(
          Denial.of(
              DenialCode.USER_NOT_FOUND, noUserReason, "Invalid user for password reset request."));
    }

    String replacement = DefaultAuthnzService.truncate(newPassword.reveal());
    if (hasher.verify(replacement, user.get().password())) {
      // The reference allows reusing the current password here and only notes it.
      logger.atDebug().addKeyValue("user", logSafe.email(email)).log("reset to the same password");
    }
    PasswordHash hash = hasher.hash(replacement);
    // The reference validates with the stored full name and the given e-mail.
    @Nullable String fullName = user.get().fullName();
    List<String> problems = checker.check(replacement, email, fullName == null ? "" : fullName);
    if (!problems.isEmpty()) {
      List<String> messages = new ArrayList<>();
      messages.add(insecureMessage);
      messages.addAll(problems);
      return Outcome.denied(new Denial(DenialCode.WEAK_PASSWORD, insecureReason, messages, null));
    }

    long userId = user.get().userId();
    if (!store(userId, target, hash)) {
      return Outcome.denied(
          new Denial(
              DenialCode.STORE_ERROR,
              "password update failed in DB",
              plus(problems, M_NOT_CHANGED),
              null));
    }
    audit.atInfo().addKeyValue("user", logSafe.userId(userId)).log("password.reset");
    return new Outcome.Success<>(userId, plus(problems, M_CHANGED));
  }

  /** Writes the hash if the user still matches {@code target}; true when it was stored. */
  private boolean store(long userId, Predicate<StoredUser> target, PasswordHash hash) {
    Optional<StoredUser> written =
        store.updateUser(userId, now(), u -> target.test(u) ? u.withPassword(hash) : u);
    return written.isPresent() && written.get().password().equals(hash);
  }

  private boolean isLive(SessionToken token) {
    Instant now = now();
    return store
        .findSession(token)
        .filter(s -> s.isLiveAt(now))
        .flatMap(s -> store.findUser(s.userId()))
        .isPresent();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static List<String> plus(List<String> messages, String last) {
    List<String> all = new ArrayList<>(messages);
    all.add(last);
    return all;
  }
}
