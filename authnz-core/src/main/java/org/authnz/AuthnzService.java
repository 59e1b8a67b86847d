package org.authnz;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.authnz.internal.password.Argon2idHasher;
import org.authnz.internal.password.BreachLookup;
import org.authnz.policy.PermissionPolicy;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredSession;
import org.authnz.spi.StoredUser;
import org.jspecify.annotations.Nullable;

/**
 * The one entry point of authnz: users, sessions, passwords, e-mail, API keys and access checks.
 *
 * <p>Thread-safe. Built once with {@link #builder()}.
 */
public interface AuthnzService extends AutoCloseable {

  /** Returns a new builder. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Creates the roles and the system users 1 (superuser, {@code adminEmail}), 2 (anonymous) and 3
   * (locked dummy) on an empty store; does nothing on an initialised one.
   *
   * @param adminEmail the superuser's e-mail: valid address syntax, at most 280 characters
   * @param adminPassword the superuser's password, which must pass the password policy, or null to
   *     generate one
   * @return the generated superuser password, when one was generated
   * @throws InvalidConfigurationException on an empty store, if the e-mail is not a valid address
   *     or the password does not pass the policy (the message lists the policy's complaints, never
   *     the password)
   */
  Optional<String> initialize(String adminEmail, @Nullable String adminPassword);

  /** The session operations. */
  Sessions sessions();

  /** The user operations: sign-up, lookups, login and logout. */
  Users users();

  /** The password checks. */
  Passwords passwords();

  /** The e-mail bookkeeping operations. */
  Emails emails();

  /** The user administration operations: deletion, listing and lookups, edits and locks. */
  Admin admin();

  /** The access and limit checks. */
  Access access();

  /**
   * The permission policy that decisions use now: the configured file as it is on disk (re-read
   * when it changed), or the bundled default.
   *
   * @throws InvalidConfigurationException while the configured file, edited since the start, is
   *     unreadable or invalid
   */
  PermissionPolicy policy();

  /** The API key operations: session-tied and no-session keys. */
  ApiKeys apiKeys();

  /**
   * The secret key for hashing personal data in log lines, as configured. For the dispatcher's log
   * correlation; never log or send it.
   */
  String piiSalt();

  /** Whether the store answers, as {@code GET /health} reports. */
  boolean isHealthy();

  /**
   * Closes the store. Idempotent. Afterwards every operation, of this object and of the groups it
   * handed out, throws {@link IllegalStateException}: calling a closed service is a caller's bug.
   */
  @Override
  void close();

  /** Sessions: open, look up, edit and delete. Thread-safe. */
  interface Sessions {

    /** Opens a session ({@code session-new}). */
    Outcome<NewSession> create(CreateSessionRequest request);

    /** Looks up a live session and its user ({@code session-exists}). */
    Outcome<SessionInfo> find(SessionToken token);

    /**
     * Deletes one session, live or expired ({@code session-delete}).
     *
     * @return success with the count 1, or a {@link DenialCode#NOTHING_DELETED} denial without
     *     failure reason
     */
    Outcome<Integer> delete(SessionToken token);

    /**
     * Deletes the sessions of a user ({@code session-delete-userid}).
     *
     * @return success with the count deleted, or {@link DenialCode#NOTHING_DELETED} when none
     */
    Outcome<Integer> deleteOfUser(DeleteUserSessionsRequest request);

    /** Merges values into a live session's extra info ({@code internal-session-edit}). */
    Outcome<StoredSession> edit(EditSessionRequest request);
  }

  /** Users: sign-up, lookup, login and logout. Thread-safe. */
  interface Users {

    /** Signs a user up ({@code user-new}); the account stays inactive until verified. */
    SignupResult create(SignupRequest request);

    /** Finds a user by exact e-mail ({@code user-lookup-email}). */
    Outcome<StoredUser> findByEmail(String email);

    /**
     * Logs in ({@code user-login}). The presented session is deleted whatever the outcome once it
     * was found live; on success the caller opens a new session for the returned user. Unknown
     * users and wrong passwords cost the same hashing work. Rehashes an outdated hash.
     */
    Outcome<AuthenticatedUser> login(LoginRequest request);

    /** Ends a session of a user ({@code user-logout}); success carries the user id. */
    Outcome<Long> logout(LogoutRequest request);
  }

  /** Password checks. Thread-safe. */
  interface Passwords {

    /** Verifies the password of a live session's user ({@code user-passcheck}). */
    Outcome<AuthenticatedUser> check(PasswordCheckRequest request);

    /** Verifies an e-mail and password ({@code user-passcheck-nosession}). */
    Outcome<AuthenticatedUser> checkWithoutSession(CredentialsCheckRequest request);

    /**
     * Checks a password against the policy ({@code user-validatepass}); success and denial both
     * carry the policy messages.
     */
    Outcome<List<String>> validate(ValidatePasswordRequest request);

    /**
     * Changes the password of an active user after checking the current one ({@code
     * user-changepass}), then deletes the user's other sessions (all but {@link
     * ChangePasswordRequest#keepSession()}, which need not be live). Success carries the user id.
     */
    Outcome<Long> change(ChangePasswordRequest request);

    /** As {@link #change} but deletes no session ({@code user-changepass-nosession}). */
    Outcome<Long> changeWithoutSession(ChangePasswordRequest request);

    /**
     * Sets a new password for an active user, given any live session ({@code user-resetpass}).
     * Deletes no session. Success carries the user id.
     */
    Outcome<Long> reset(ResetPasswordRequest request);

    /**
     * Sets a new password for a user whose activity is as required ({@code
     * user-resetpass-nosession}). Success carries the user id.
     */
    Outcome<Long> resetWithoutSession(ResetPasswordWithoutSessionRequest request);
  }

  /** E-mail bookkeeping. Thread-safe. */
  interface Emails {

    /**
     * Marks the user with this exact e-mail verified and active ({@code user-set-emailverified}),
     * restoring a saved role of a locked user as the reference does.
     */
    Outcome<EmailVerification> setVerified(String email);

    /**
     * Records that a sign-up or forgot-password e-mail was sent ({@code user-set-emailsent}).
     *
     * @return the updated user
     */
    Outcome<StoredUser> setSent(EmailSentRequest request);

    /**
     * Sends the sign-up verification e-mail through the configured SMTP server ({@code
     * user-sendemail-signup}) and records when. Without mail settings (neither configured nor in
     * the request) it is denied, as in the reference.
     */
    Outcome<EmailSent> sendSignupEmail(SignupEmailRequest request);

    /**
     * Sends the forgot-password e-mail ({@code user-sendemail-forgotpass}), at most one a day per
     * user, and records when.
     */
    Outcome<EmailSent> sendForgotPasswordEmail(ForgotPasswordEmailRequest request);
  }

  /**
   * User administration: deletion, lists and lookups, edits, locks. None of the lookups and none of
   * the {@code *Internal} operations checks who is asking: the caller must. Thread-safe.
   */
  interface Admin {

    /** Deletes a user who gives their e-mail and password ({@code user-delete}); not superusers. */
    Outcome<Long> delete(DeleteUserRequest request);

    /** Deletes any user with its sessions ({@code internal-user-delete}); success for no user. */
    Outcome<Long> deleteInternal(long targetUserId);

    /** Lists every user ordered by id ({@code user-list} with a null id). */
    Outcome<List<StoredUser>> list();

    /** Lists the user with this id: one or no user ({@code user-list}). */
    Outcome<List<StoredUser>> list(long userId);

    /** Finds users by a column value or by extra info entries ({@code user-lookup-match}). */
    Outcome<List<StoredUser>> lookUp(LookupUsersRequest request);

    /** A user edits themselves, or a superuser edits anyone ({@code user-edit}). */
    Outcome<StoredUser> edit(EditUserRequest request);

    /** Edits any user without checks ({@code internal-user-edit}). */
    Outcome<StoredUser> editInternal(InternalEditUserRequest request);

    /**
     * A superuser locks or unlocks another user ({@code user-lock}); locking deletes the user's
     * sessions and remembers the role in {@code extra_info.previous_user_roles}.
     */
    Outcome<StoredUser> lock(LockUserRequest request);

    /** Locks or unlocks a user without a session check ({@code internal-user-lock}). */
    Outcome<StoredUser> lockInternal(InternalLockUserRequest request);
  }

  /** Access and limit checks against the permission policy and the store. Thread-safe. */
  interface Access {

    /**
     * Checks access ({@code user-check-access}): the requester must be active with exactly the
     * claimed role, the owner and every shared-with user active, and the policy must allow it.
     *
     * @return success (value true) when allowed; otherwise a denial: {@link
     *     DenialCode#ACCESS_DENIED} when the policy refuses, {@link DenialCode#USER_NOT_FOUND} when
     *     a user check fails, {@link DenialCode#POLICY_ERROR} when the policy cannot decide
     *     (unknown role, malformed shared-with list, unreadable policy file)
     */
    Outcome<Boolean> check(AccessCheckRequest request);

    /**
     * Checks a limit ({@code user-check-limit}): the requester must be active with exactly the
     * claimed role and the value under the role's limit.
     *
     * @return success (value true) when under the limit; otherwise a denial: {@link
     *     DenialCode#OVER_LIMIT}, {@link DenialCode#USER_NOT_FOUND} or {@link
     *     DenialCode#POLICY_ERROR}
     */
    Outcome<Boolean> checkLimit(LimitCheckRequest request);
  }

  /** Builds an {@link AuthnzService}. Not thread-safe. */
  final class Builder {
    @Nullable AuthnzStore store;
    Clock clock = Clock.systemUTC();
    String piiSalt = "";
    PasswordPolicy passwordPolicy = PasswordPolicy.SERVER_DEFAULT;
    String serverFqdn = "localhost";
    @Nullable Path disposableDomainsFile;
    @Nullable Path permissionsFile;
    int sessionExpiryDays = 30;
    int userLockTries = 10;
    Duration userLockTime = Duration.ofHours(1);
    @Nullable List<String> publicSuffixes;
    BreachLookup breachLookup = BreachLookup.NONE;
    int argon2MemoryKib = Argon2idHasher.DEFAULT_MEMORY_KIB;
    int argon2Iterations = Argon2idHasher.DEFAULT_ITERATIONS;
    int argon2Parallelism = Argon2idHasher.DEFAULT_PARALLELISM;
    @Nullable MailSettings mail;

    Builder() {}

    /** The store (required). The service closes it when closed. */
    public Builder store(AuthnzStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /** The clock for every timestamp and expiry; UTC system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The secret key for hashing personal data in log lines. */
    public Builder piiSalt(String piiSalt) {
      this.piiSalt = requireNonNull(piiSalt, "piiSalt");
      return this;
    }

    /** The password policy; {@link PasswordPolicy#SERVER_DEFAULT} by default. */
    public Builder passwordPolicy(PasswordPolicy passwordPolicy) {
      this.passwordPolicy = requireNonNull(passwordPolicy, "passwordPolicy");
      return this;
    }

    /** The server's domain name that passwords must not resemble; {@code localhost} by default. */
    public Builder serverFqdn(String serverFqdn) {
      this.serverFqdn = requireNonNull(serverFqdn, "serverFqdn");
      return this;
    }

    /** A file of disposable e-mail domains, one a line; none by default. */
    public Builder disposableDomainsFile(Path file) {
      this.disposableDomainsFile = requireNonNull(file, "file");
      return this;
    }

    /**
     * The permission policy file ({@code permissions.md}); null, the default, means the bundled
     * default policy. The file is validated when the service is built and re-read when it changes
     * on disk, so an edit takes effect without a restart.
     */
    public Builder permissions(@Nullable Path file) {
      this.permissionsFile = file;
      return this;
    }

    /** Days after expiry when the sweeper deletes a session; 30 by default. */
    public Builder sessionExpiryDays(int days) {
      this.sessionExpiryDays = days;
      return this;
    }

    /** Failed logins before an automatic lock; 10 by default. */
    public Builder userLockTries(int tries) {
      this.userLockTries = tries;
      return this;
    }

    /** How long an automatic lock lasts; one hour by default. */
    public Builder userLockTime(Duration time) {
      this.userLockTime = requireNonNull(time, "time");
      return this;
    }

    /**
     * The public suffix rules for the sign-up full-name check, each with a leading dot ({@code
     * .com}, {@code .co.uk}, {@code .*.ck}, {@code .!www.ck}). Without them every sign-up is denied
     * with {@link DenialCode#NO_PUBLIC_SUFFIX_LIST}, unless the request brings its own. An empty
     * collection means no list at all.
     */
    public Builder publicSuffixes(Collection<String> rules) {
      this.publicSuffixes = new ArrayList<>(rules);
      return this;
    }

    /**
     * The Argon2id parameters of new hashes (and the target of the rehash at login); by default the
     * RFC 9106 low-memory profile, m=65536 KiB, t=3, p=4. Lower values only for tests.
     */
    public Builder argon2(int memoryKib, int iterations, int parallelism) {
      this.argon2MemoryKib = memoryKib;
      this.argon2Iterations = iterations;
      this.argon2Parallelism = parallelism;
      return this;
    }

    /** The SMTP server for the e-mail actions; none by default (sending is then denied). */
    public Builder mail(MailSettings mail) {
      this.mail = requireNonNull(mail, "mail");
      return this;
    }

    /**
     * The source of the password policy's breach ("pwned") check; none by default. Package-private
     * until the breach lookup has a public home.
     */
    Builder breachLookup(BreachLookup lookup) {
      this.breachLookup = requireNonNull(lookup, "lookup");
      return this;
    }

    /**
     * Validates the settings and builds the service.
     *
     * @throws InvalidConfigurationException when a setting is missing or invalid
     */
    public AuthnzService build() {
      if (store == null) {
        throw new InvalidConfigurationException("a store is required");
      }
      if (sessionExpiryDays < 0 || userLockTries < 1 || userLockTime.isNegative()) {
        throw new InvalidConfigurationException("session expiry, lock tries or lock time invalid");
      }
      try {
        Argon2idHasher.of(argon2MemoryKib, argon2Iterations, argon2Parallelism);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationException("invalid Argon2id parameters", e);
      }
      return new DefaultAuthnzService(this);
    }
  }
}
