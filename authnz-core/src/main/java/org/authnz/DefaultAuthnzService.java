package org.authnz;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.authnz.internal.columns.TextColumns;
import org.authnz.internal.logging.LogSafe;
import org.authnz.internal.password.Argon2idHasher;
import org.authnz.internal.password.BreachLookup;
import org.authnz.internal.password.EmailValidator;
import org.authnz.internal.password.PasswordChecker;
import org.authnz.internal.policy.PolicyFile;
import org.authnz.policy.PermissionPolicy;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.NewUser;
import org.authnz.spi.PasswordHash;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredSession;
import org.authnz.spi.StoredUser;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process {@link AuthnzService}: the action logic of {@code actions-users-sessions.md} and
 * {@code actions-passwords-email.md} over an {@link AuthnzStore}. Thread-safe; holds no mutable
 * state besides lazily created helpers.
 */
final class DefaultAuthnzService
    implements AuthnzService,
        AuthnzService.Sessions,
        AuthnzService.Users,
        AuthnzService.Passwords,
        AuthnzService.Emails {

  static final long ANONYMOUS_USER_ID = 2;
  static final long LOCKED_USER_ID = 3;

  static final String M_BADPASS = "Sorry, that user ID and password combination didn't work.";
  static final String M_CREATED =
      "User account created. Please verify your email address to log in.";
  static final String M_BADEMAIL =
      "The email address provided doesn't seem to be a valid email address and cannot be used"
          + " to sign up for an account on this server.";
  static final String M_BADNAME =
      "The full name provided appears to contain an HTTP link, and cannot be used to sign up"
          + " for an account on this server.";
  static final String M_LOGOUT_FAILED = "Logout failed. Invalid session_token for user_id.";

  private static final String ADMIN_FULL_NAME = "Superuser account";
  private static final int MAX_PASSWORD_CODE_POINTS = 256;
  private static final int DEFAULT_VERIFY_RETRY_WAIT_HOURS = 6;
  private static final SessionToken DUMMY_TOKEN = SessionToken.of("nope");
  private static final Logger logger = LoggerFactory.getLogger(DefaultAuthnzService.class);
  private static final Logger audit = LoggerFactory.getLogger("org.authnz.audit");

  private final AuthnzStore store;
  private final Clock clock;
  private final String piiSalt;
  private final LogSafe logSafe;
  private final String serverFqdn;
  private final Supplier<List<String>> publicSuffixes;
  private final SecureRandom random = new SecureRandom();
  private final OpenFlag open = new OpenFlag();
  private final Argon2idHasher hasher;
  private final BreachLookup breachLookup;
  private final PasswordChecker checker;
  private final EmailValidator emailValidator;
  private final Supplier<PasswordHash> dummyHash;
  private final UserAdminActions admin;
  private final PasswordActions passwordActions;
  private final EmailActions emailActions;
  private final Supplier<PermissionPolicy> permissionPolicy;
  private final AccessActions accessActions;
  private final ApiKeyActions apiKeyActions;

  DefaultAuthnzService(AuthnzService.Builder builder) {
    this.store = requireNonNull(builder.store, "store");
    this.clock = builder.clock;
    this.piiSalt = builder.piiSalt;
    this.logSafe = LogSafe.create(builder.piiSalt);
    this.serverFqdn = builder.serverFqdn;
    List<String> suffixes = builder.publicSuffixes;
    @Nullable List<String> configured = suffixes == null ? null : List.copyOf(suffixes);
    // The JDK's list is read on the first sign-up, not at start (it takes a noticeable moment).
    this.publicSuffixes = configured == null ? memoize(PublicSuffixes::fromJdk) : () -> configured;
    PasswordPolicy policy = builder.passwordPolicy;
    @Nullable Path disposable = builder.disposableDomainsFile;
    this.hasher =
        Argon2idHasher.of(
            builder.argon2MemoryKib, builder.argon2Iterations, builder.argon2Parallelism);
    this.breachLookup = builder.breachLookup;
    this.checker = PasswordChecker.create(policy, serverFqdn, breachLookup);
    this.emailValidator = EmailValidator.create(disposable);
    // Made on first use: it costs one hash, which services that never check passwords skip.
    this.dummyHash = memoize(hasher::dummyHash);
    this.passwordActions = new PasswordActions(store, clock, hasher, checker, logSafe);
    this.emailActions = new EmailActions(store, clock, builder.mail, logSafe);
    Path permissionsFile = builder.permissionsFile;
    this.permissionPolicy =
        permissionsFile == null
            ? PermissionPolicy::bundledDefault
            : PolicyFile.open(permissionsFile);
    this.accessActions = new AccessActions(store, permissionPolicy, logSafe, open);
    // Every API key action runs the whole user-check-access logic (permissions.md section 6).
    ApiKeyAccess apiKeyAccess =
        (userId, role, action, owner) ->
            accessActions
                .check(new AccessCheckRequest(userId, role, action, "apikey", owner, "private", ""))
                .isSuccess();
    this.apiKeyActions = new ApiKeyActions(store, clock, hasher, logSafe, apiKeyAccess, open);
    // a role is valid in user-edit when the policy in use has it (custom policies add roles)
    this.admin =
        new UserAdminActions(
            store, clock, hasher, logSafe, () -> List.copyOf(permissionPolicy.get().roles()), open);
  }

  // ---- lifecycle -------------------------------------------------------------------------

  @Override
  public Optional<String> initialize(String adminEmail, @Nullable String adminPassword) {
    open.check();
    requireNonNull(adminEmail, "adminEmail");
    if (!store.roles().isEmpty()) {
      return Optional.empty();
    }
    checkAdminAccount(adminEmail, adminPassword);
    String password = adminPassword != null ? adminPassword : randomToken(16);
    Instant now = now();
    ObjectNode system = json().put("provenance", "auto-created").put("type", "system-user");
    ObjectNode locked = json().put("provenance", "auto-created").put("type", "locked-user");
    List<NewUser> users =
        List.of(
            systemUser(ADMIN_FULL_NAME, password, adminEmail, true, system, now, "superuser"),
            systemUser(
                "The systemwide anonymous user",
                randomToken(32),
                "anonuser@localhost",
                true,
                system,
                now,
                "anonymous"),
            systemUser(
                "The systemwide locked user",
                randomToken(32),
                "dummyuser@localhost",
                false,
                locked,
                now,
                "locked"));
    boolean inserted = store.initializeIfEmpty(seedRoles(), users);
    if (inserted) {
      logger.info("initialised the store with roles and system users");
    }
    return inserted && adminPassword == null ? Optional.of(password) : Optional.empty();
  }

  /**
   * Refuses a superuser no one could sign in as, or with a password the policy would refuse: the
   * reference takes any text for either.
   */
  private void checkAdminAccount(String email, @Nullable String password) {
    // Syntax only: the reserved local parts (admin, root) are fine for the operator's own account.
    if (!TextColumns.fits(email, TextColumns.EMAIL) || !EmailValidator.hasValidSyntax(email)) {
      throw new InvalidConfigurationException(
          "the admin e-mail address is not a valid e-mail address of at most "
              + TextColumns.EMAIL
              + " characters");
    }
    if (password != null) {
      List<String> problems = checker.check(truncate(password), email, ADMIN_FULL_NAME);
      if (!problems.isEmpty()) {
        throw new InvalidConfigurationException(
            "the admin password does not pass the password policy: " + String.join(" ", problems));
      }
    }
  }

  /** The roles of the configured policy, which must include those of the system users. */
  private List<String> seedRoles() {
    List<String> roles = List.copyOf(policy().roles());
    if (!roles.containsAll(List.of("superuser", "anonymous", "locked"))) {
      throw new InvalidConfigurationException(
          "the permissions policy's roles must include superuser, anonymous and locked");
    }
    return roles;
  }

  private NewUser systemUser(
      String name,
      String password,
      String email,
      boolean active,
      ObjectNode extra,
      Instant now,
      String role) {
    return new NewUser(
        UUID.randomUUID().toString(),
        name,
        hasher.hash(password),
        email,
        true,
        active,
        extra.deepCopy(),
        now,
        role);
  }

  @Override
  public Sessions sessions() {
    return this;
  }

  @Override
  public Users users() {
    return this;
  }

  @Override
  public Passwords passwords() {
    return this;
  }

  @Override
  public Emails emails() {
    return this;
  }

  @Override
  public Admin admin() {
    return admin;
  }

  @Override
  public Access access() {
    return accessActions;
  }

  @Override
  public PermissionPolicy policy() {
    open.check();
    return permissionPolicy.get();
  }

  @Override
  public ApiKeys apiKeys() {
    return apiKeyActions;
  }

  @Override
  public String piiSalt() {
    return piiSalt;
  }

  @Override
  public boolean isHealthy() {
    open.check();
    try {
      return store.isHealthy();
    } catch (RuntimeException e) {
      logger.atError().addKeyValue("error", e.getClass().getSimpleName()).log("store unhealthy");
      return false;
    }
  }

  @Override
  public void close() {
    if (open.close()) {
      store.close();
    }
  }

  // ---- sessions --------------------------------------------------------------------------

  @Override
  public Outcome<NewSession> create(CreateSessionRequest request) {
    open.check();
    requireNonNull(request, "request");
    try {
      Optional<String> ip = IpAddresses.canonical(request.ipAddress());
      Optional<Instant> expires = WireTime.parseSessionExpiry(request.expires());
      JsonNode extra = request.extraInfoJson();
      boolean extraOk =
          extra == null || extra.isNull() || (extra.isObject() && TextColumns.fitsJson(extra));
      // A user agent longer than its column fails the insert on PostgreSQL and MariaDB (and the
      // reference with them); every store refuses it here, before any work.
      boolean agentOk = TextColumns.fits(request.userAgent(), TextColumns.USER_AGENT);
      if (ip.isEmpty() || expires.isEmpty() || !extraOk || !agentOk) {
        // The reference answers a bad argument as a failed insert; the typed code tells the
        // caller that the request, not the database, is at fault.
        return Outcome.denied(
            Denial.of(
                DenialCode.INVALID_REQUEST,
                "DB error when making new session",
                "Could not create a new session."));
      }
      Long requested = request.userId();
      long userId = requested == null || requested == 0 ? ANONYMOUS_USER_ID : requested;
      SessionToken token = SessionToken.of(randomToken(32));
      Instant expiry = expires.get().truncatedTo(ChronoUnit.MICROS);
      store.insertSession(
          new StoredSession(
              token,
              ip.get(),
              request.userAgent(),
              userId,
              now(),
              expiry,
              extra != null && extra.isObject() ? (ObjectNode) extra.deepCopy() : null));
      logger.atDebug().addKeyValue("user", () -> logSafe.userId(userId)).log("session created");
      return Outcome.success(
          new NewSession(token, expiry),
          "Generated session_token successfully. Session initiated.");
    } catch (RuntimeException e) {
      logger.atDebug().addKeyValue("error", e.getClass().getSimpleName()).log("session-new failed");
    }
    return Outcome.denied(
        Denial.of(
            DenialCode.STORE_ERROR,
            "DB error when making new session",
            "Could not create a new session."));
  }

  @Override
  public Outcome<SessionInfo> find(SessionToken token) {
    open.check();
    requireNonNull(token, "token");
    Optional<SessionInfo> live;
    try {
      live = lookUpLive(token);
    } catch (RuntimeException e) {
      return Outcome.denied(
          Denial.of(
              DenialCode.STORE_ERROR,
              "DB error when retrieving session info",
              "Session look up failed."));
    }
    if (live.isEmpty()) {
      return Outcome.denied(
          Denial.of(
              DenialCode.SESSION_NOT_FOUND,
              "session does not exist or expired",
              "Session look up failed."));
    }
    return Outcome.success(live.get(), "Session look up successful.");
  }

  @Override
  public Outcome<Integer> delete(SessionToken token) {
    open.check();
    requireNonNull(token, "token");
    boolean deleted;
    try {
      deleted = store.deleteSession(token);
    } catch (RuntimeException e) {
      return Outcome.denied(
          Denial.of(
              DenialCode.STORE_ERROR,
              "DB error when deleting session",
              "Session could not be deleted."));
    }
    if (!deleted) {
      return Outcome.denied(
          Denial.of(DenialCode.NOTHING_DELETED, null, "Session delete processed, success: False."));
    }
    return Outcome.success(1, "Session delete processed, success: True.");
  }

  @Override
  public Outcome<Integer> deleteOfUser(DeleteUserSessionsRequest request) {
    open.check();
    requireNonNull(request, "request");
    int deleted;
    try {
      deleted = store.deleteSessionsOfUser(request.userId(), request.keep());
    } catch (RuntimeException e) {
      return Outcome.denied(
          Denial.of(
              DenialCode.STORE_ERROR,
              "DB error when updating session info",
              "Sessions could not be deleted."));
    }
    logger
        .atDebug()
        .addKeyValue("user", logSafe.userId(request.userId()))
        .addKeyValue("keep_current_session", request.keepCurrentSession())
        .addKeyValue("deleted", deleted)
        .log("sessions of user deleted");
    if (deleted == 0) {
      return Outcome.denied(
          Denial.of(
              DenialCode.NOTHING_DELETED, null, "Sessions delete processed. Success: False."));
    }
    return Outcome.success(deleted, "Sessions delete processed. Success: True.");
  }

  @Override
  public Outcome<StoredSession> edit(EditSessionRequest request) {
    open.check();
    requireNonNull(request, "request");
    if (request.updates().isEmpty()) {
      return Outcome.denied(
          Denial.of(
              DenialCode.INVALID_REQUEST,
              "invalid request: missing 'update_dict' in request",
              "Invalid session edit request: missing or invalid parameters."));
    }
    try {
      Optional<StoredSession> current =
          store.findSession(request.token()).filter(s -> s.isLiveAt(now()));
      if (current.isEmpty()) {
        return Outcome.denied(
            Denial.of(
                DenialCode.SESSION_NOT_FOUND,
                "no such session",
                "Session extra_info update failed."));
      }
      if (!TextColumns.fitsJson(request.updates())) {
        throw new IllegalArgumentException("extra_info_json cannot hold U+0000");
      }
      store.updateSession(
          request.token(), s -> s.withExtraInfoJson(merge(s.extraInfoJson(), request.updates())));
      Optional<StoredSession> written =
          store.findSession(request.token()).filter(s -> s.isLiveAt(now()));
      if (written.isEmpty()) {
        return Outcome.denied(
            Denial.of(
                DenialCode.SESSION_NOT_FOUND,
                "session requested for update doesn't exist or expired",
                "Session extra_info update failed."));
      }
      return Outcome.success(written.get(), "Session extra_info update successful.");
    } catch (RuntimeException e) {
      return Outcome.denied(
          Denial.of(
              DenialCode.STORE_ERROR,
              "DB error when updating session info",
              "Session info update failed."));
    }
  }

  /** The reference's merge: {@code "__delete__"} removes a present key, else the value is set. */
  private static ObjectNode merge(@Nullable ObjectNode stored, ObjectNode updates) {
    ObjectNode merged = stored == null ? json() : stored.deepCopy();
    for (Map.Entry<String, JsonNode> entry : updates.properties()) {
      JsonNode value = entry.getValue();
      if (value.isTextual()
          && value.textValue().equals("__delete__")
          && merged.has(entry.getKey())) {
        merged.remove(entry.getKey());
      } else {
        merged.set(entry.getKey(), value.deepCopy());
      }
    }
    return merged;
  }

  // ---- users -----------------------------------------------------------------------------

  @Override
  public SignupResult create(SignupRequest request) {
    open.check();
    requireNonNull(request, "request");
    // Over-long text is refused first, before any costly check: a column of the reference schema
    // could not hold it on PostgreSQL or MariaDB.
    if (!TextColumns.fits(request.email(), TextColumns.EMAIL)
        || !emailValidator.isValid(request.email())) {
      audit.atInfo().log("signup.denied.email");
      return rejected(DenialCode.INVALID_EMAIL, "invalid email", List.of(M_BADEMAIL), null);
    }
    String email = EmailValidator.normalize(request.email());

    // Decision (spec G121): a name with two or more '@' makes the reference raise; we deny it as
    // an invalid full name instead.
    if (request.fullName().chars().filter(c -> c == '@').count() >= 2) {
      return rejected(DenialCode.INVALID_FULL_NAME, "invalid full name", List.of(M_BADNAME), null);
    }
    String fullName = FullNames.normalize(request.fullName());
    if (!TextColumns.fits(fullName, TextColumns.FULL_NAME)) {
      audit.atInfo().log("signup.denied.name");
      return rejected(DenialCode.INVALID_FULL_NAME, "invalid full name", List.of(M_BADNAME), null);
    }
    String foldedName = FullNames.casefold(fullName);
    if (foldedName.contains("http") || fullName.contains("://")) {
      return rejected(DenialCode.INVALID_FULL_NAME, "invalid full name", List.of(M_BADNAME), null);
    }
    List<String> known = publicSuffixes.get();
    List<String> suffixes = !known.isEmpty() ? known : request.publicSuffixList();
    if (suffixes.isEmpty()) {
      return rejected(
          DenialCode.NO_PUBLIC_SUFFIX_LIST,
          "public suffix list not present",
          List.of("Full name could not be validated because of an internal server error"),
          null);
    }
    if (suffixes.stream().anyMatch(foldedName::contains)) {
      return rejected(DenialCode.INVALID_FULL_NAME, "invalid full name", List.of(M_BADNAME), null);
    }

    int retryWait =
        Math.max(
            1,
            request.verifyRetryWait() == null
                ? DEFAULT_VERIFY_RETRY_WAIT_HOURS
                : request.verifyRetryWait());
    String systemId =
        request.systemId() != null ? request.systemId() : UUID.randomUUID().toString();
    String password = truncate(request.password().reveal());
    PasswordHash hash = hasher.hash(password); // before validating: same cost either way
    List<String> problems = checker.check(password, email, fullName);
    if (!problems.isEmpty()) {
      return new SignupResult.Rejected(
          new Denial(DenialCode.WEAK_PASSWORD, "invalid password", problems, null),
          email,
          null,
          null,
          false);
    }

    @Nullable ObjectNode extraInfo = signupExtraInfo(request.extraInfo(), retryWait);
    Instant now = now();
    List<String> messages = new ArrayList<>(problems);
    messages.add(M_CREATED);
    Optional<StoredUser> inserted = Optional.empty();
    // As in the reference, a system_id or extra_info the table cannot hold fails the insert.
    if (extraInfo != null && TextColumns.fits(systemId, TextColumns.SYSTEM_ID)) {
      try {
        inserted =
            store.insertUser(
                new NewUser(
                    systemId, fullName, hash, email, false, false, extraInfo, now, "locked"));
        if (inserted.isPresent()) {
          inserted =
              store.updateUser(inserted.get().userId(), now, u -> u.withEmailVerifySentAt(now));
        }
      } catch (RuntimeException e) {
        logger.atDebug().addKeyValue("error", e.getClass().getSimpleName()).log("insert failed");
      }
    }
    if (inserted.isPresent()) {
      StoredUser user = inserted.get();
      audit.atInfo().addKeyValue("user", logSafe.userId(user.userId())).log("signup.created");
      return new SignupResult.Created(user.userId(), user.email(), user.systemId(), messages);
    }

    Optional<StoredUser> existing = UserLookup.byEmail(store, email);
    if (existing.isEmpty()) {
      return rejected(DenialCode.STORE_ERROR, "DB issue with user creation", messages, null);
    }
    StoredUser user = existing.get();
    // Decision (spec G119): a row without a verification time (a system user) never resends;
    // the reference raises there.
    Instant sentAt = user.emailVerifySentAt();
    boolean resend =
        !user.active()
            && sentAt != null
            && Duration.between(sentAt, now).compareTo(Duration.ofHours(retryWait)) > 0;
    if (resend) {
      @Nullable ObjectNode newExtra = extraInfo;
      user =
          store
              .updateUser(
                  user.userId(),
                  now,
                  u ->
                      u.withFullName(fullName)
                          .withPassword(hash)
                          .withExtraInfo(newExtra != null ? newExtra : u.extraInfo())
                          .withEmailVerified(false)
                          .withActive(false)
                          .withUserRole("locked")
                          .withEmailVerifySentAt(now))
              .orElse(user);
    }
    audit.atInfo().addKeyValue("user", logSafe.userId(user.userId())).log("signup.exists");
    return new SignupResult.Rejected(
        new Denial(DenialCode.USER_EXISTS, "user exists", messages, user.userId()),
        user.email(),
        user.userId(),
        user.systemId(),
        resend);
  }

  /** The client's extra info with the reference's keys set; null when it is not usable. */
  private static @Nullable ObjectNode signupExtraInfo(@Nullable JsonNode client, int retryWait) {
    ObjectNode extra;
    if (client == null || !isTruthy(client)) {
      extra = json();
    } else if (client.isObject() && TextColumns.fitsJson(client)) {
      extra = (ObjectNode) client.deepCopy();
    } else {
      return null; // the reference fails here (or at the insert) and treats it as a failed insert
    }
    extra.put("provenance", "request-created");
    extra.put("type", "normal-user");
    extra.put("verify_retry_wait", retryWait);
    return extra;
  }

  private static SignupResult rejected(
      DenialCode code, String reason, List<String> messages, @Nullable String email) {
    return new SignupResult.Rejected(
        new Denial(code, reason, messages, null), email, null, null, false);
  }

  @Override
  public Outcome<StoredUser> findByEmail(String email) {
    open.check();
    requireNonNull(email, "email");
    Optional<StoredUser> user;
    try {
      user = UserLookup.byEmail(store, email);
    } catch (RuntimeException e) {
      return Outcome.denied(
          Denial.of(
              DenialCode.STORE_ERROR, "exception when checking the DB", "User look up failed."));
    }
    return user.<Outcome<StoredUser>>map(u -> Outcome.success(u, "User look up successful."))
        .orElseGet(
            () ->
                Outcome.denied(
                    Denial.of(
                        DenialCode.USER_NOT_FOUND,
                        "user email not found in DB",
                        "User look up failed.")));
  }

  @Override
  public Outcome<AuthenticatedUser> login(LoginRequest request) {
    open.check();
    requireNonNull(request, "request");
    // Decision (docs/compatibility.md): every path costs exactly one Argon2 verification, a
    // dummy one when there is no live session or no such user, where the reference spends two
    // (one when the user is unknown). The paths stay alike in time; a login costs half as much.
    if (lookUpLiveQuietly(request.session()).isEmpty()) {
      dummyVerify();
      store.deleteSession(DUMMY_TOKEN);
      audit.atInfo().addKeyValue("user", logSafe.email(request.email())).log("login.denied");
      return Outcome.denied(
          Denial.of(
              DenialCode.SESSION_NOT_FOUND,
              "session does not exist",
              "No session token provided."));
    }
    store.deleteSession(DUMMY_TOKEN);

    Optional<StoredUser> user =
        UserLookup.byEmail(store, request.email()).filter(u -> u.active() && u.emailVerified());
    String password = truncate(request.password().reveal());
    boolean matches = verifyOrDummy(user, password);
    // The login consumes the session: of concurrent logins on one token only the one whose
    // delete removed the row may succeed.
    boolean consumed = store.deleteSession(request.session());
    if (!consumed) {
      return Outcome.denied(
          Denial.of(
              DenialCode.SESSION_NOT_FOUND,
              "session does not exist",
              "No session token provided."));
    }
    if (user.isEmpty() || !matches) {
      audit.atInfo().addKeyValue("user", logSafe.email(request.email())).log("login.denied");
      return Outcome.denied(
          Denial.of(
              DenialCode.INVALID_CREDENTIALS,
              "user does not exist or password doesn't match",
              M_BADPASS));
    }

    StoredUser found = user.get();
    if (hasher.needsRehash(found.password())) {
      PasswordHash rehashed = hasher.hash(password);
      store.updateUser(found.userId(), now(), u -> u.withPassword(rehashed));
      logger.atDebug().addKeyValue("user", logSafe.userId(found.userId())).log("password rehashed");
    }
    return activeUser(found, "Login successful.");
  }

  @Override
  public Outcome<Long> logout(LogoutRequest request) {
    open.check();
    requireNonNull(request, "request");
    Long given = request.userId();
    Optional<SessionInfo> live = lookUpLiveQuietly(request.session());
    if (live.isEmpty()) {
      return Outcome.denied(
          new Denial(
              DenialCode.SESSION_NOT_FOUND,
              "session does not exist",
              List.of(M_LOGOUT_FAILED),
              given));
    }
    if (live.get().session().userId() != request.userId()) {
      return Outcome.denied(
          new Denial(
              DenialCode.USER_NOT_FOUND, "user does not exist", List.of(M_LOGOUT_FAILED), given));
    }
    if (!store.deleteSession(request.session())) {
      return Outcome.denied(
          new Denial(
              DenialCode.STORE_ERROR, "delete session failed", List.of(M_LOGOUT_FAILED), given));
    }
    audit.atInfo().addKeyValue("user", logSafe.userId(request.userId())).log("logout");
    return Outcome.success(given, "Logout successful.");
  }

  // ---- passwords -------------------------------------------------------------------------

  @Override
  public Outcome<AuthenticatedUser> check(PasswordCheckRequest request) {
    open.check();
    requireNonNull(request, "request");
    Optional<SessionInfo> live = lookUpLiveQuietly(request.session());
    if (live.isEmpty()) {
      dummyVerify();
      dummyVerify();
      return Outcome.denied(
          Denial.of(
              DenialCode.SESSION_NOT_FOUND,
              "session does not exist",
              "No session token provided."));
    }
    dummyVerify();
    Optional<StoredUser> user = store.findUser(live.get().session().userId());
    return verifiedUser(user, request.password());
  }

  @Override
  public Outcome<AuthenticatedUser> checkWithoutSession(CredentialsCheckRequest request) {
    open.check();
    requireNonNull(request, "request");
    dummyVerify();
    Optional<StoredUser> user = UserLookup.byEmail(store, request.email());
    Outcome<AuthenticatedUser> outcome = verifiedUser(user, request.password());
    if (!outcome.isSuccess()) {
      audit.atInfo().addKeyValue("user", logSafe.email(request.email())).log("passcheck.denied");
    }
    return outcome;
  }

  private Outcome<AuthenticatedUser> verifiedUser(Optional<StoredUser> user, Password candidate) {
    boolean matches = verifyOrDummy(user, truncate(candidate.reveal()));
    if (user.isEmpty() || !matches) {
      return Outcome.denied(
          Denial.of(
              DenialCode.INVALID_CREDENTIALS,
              "user does not exist or password doesn't match",
              M_BADPASS));
    }
    return activeUser(user.get(), "Verification successful.");
  }

  private static Outcome<AuthenticatedUser> activeUser(StoredUser user, String message) {
    if (user.active() && !user.userRole().equals("locked")) {
      return Outcome.success(new AuthenticatedUser(user.userId(), user.userRole()), message);
    }
    return Outcome.denied(
        new Denial(
            DenialCode.INACTIVE_USER,
            "user exists but is inactive",
            List.of(M_BADPASS),
            user.userId()));
  }

  @Override
  public Outcome<List<String>> validate(ValidatePasswordRequest request) {
    open.check();
    requireNonNull(request, "request");
    PasswordPolicy policy = request.policy();
    PasswordChecker used =
        policy == null ? checker : PasswordChecker.create(policy, serverFqdn, breachLookup);
    List<String> messages =
        List.copyOf(used.check(request.password().reveal(), request.email(), request.fullName()));
    if (!messages.isEmpty()) {
      return Outcome.denied(
          new Denial(DenialCode.WEAK_PASSWORD, "password is insecure or invalid", messages, null));
    }
    return new Outcome.Success<>(messages, messages);
  }

  @Override
  public Outcome<Long> change(ChangePasswordRequest request) {
    open.check();
    return passwordActions.change(request, true);
  }

  @Override
  public Outcome<Long> changeWithoutSession(ChangePasswordRequest request) {
    open.check();
    return passwordActions.change(request, false);
  }

  @Override
  public Outcome<Long> reset(ResetPasswordRequest request) {
    open.check();
    return passwordActions.reset(request);
  }

  @Override
  public Outcome<Long> resetWithoutSession(ResetPasswordWithoutSessionRequest request) {
    open.check();
    return passwordActions.resetWithoutSession(request);
  }

  // ---- e-mail ----------------------------------------------------------------------------

  @Override
  public Outcome<EmailSent> sendSignupEmail(SignupEmailRequest request) {
    open.check();
    return emailActions.sendSignup(request);
  }

  @Override
  public Outcome<EmailSent> sendForgotPasswordEmail(ForgotPasswordEmailRequest request) {
    open.check();
    return emailActions.sendForgotPassword(request);
  }

  @Override
  public Outcome<EmailVerification> setVerified(String email) {
    open.check();
    requireNonNull(email, "email");
    Optional<StoredUser> found = UserLookup.byEmail(store, email);
    if (found.isEmpty()) {
      return Outcome.denied(
          Denial.of(
              DenialCode.USER_NOT_FOUND,
              "could not find user in DB by email",
              "Email verification toggle request failed."));
    }
    StoredUser user = found.get();
    String role = roleAfterVerification(user);
    if (!user.active()) {
      user =
          store
              .updateUser(
                  user.userId(),
                  now(),
                  u ->
                      u.active()
                          ? u
                          : u.withActive(true).withEmailVerified(true).withUserRole(role))
              .orElse(user);
    }
    audit.atInfo().addKeyValue("user", logSafe.userId(user.userId())).log("email.verified");
    return Outcome.success(
        new EmailVerification(user.userId(), user.active(), user.userRole()),
        "Email verification toggle request succeeded.");
  }

  /** The stored role, or for a locked user the last saved role, else {@code authenticated}. */
  private static String roleAfterVerification(StoredUser user) {
    if (!user.userRole().equals("locked")) {
      return user.userRole();
    }
    String previous = "locked";
    ObjectNode extra = user.extraInfo();
    JsonNode saved = extra == null ? null : extra.get("previous_user_roles");
    if (saved != null && saved.isArray() && saved.size() > 0) {
      previous = saved.get(saved.size() - 1).asText();
    }
    return previous.equals("locked") ? "authenticated" : previous;
  }

  @Override
  public Outcome<StoredUser> setSent(EmailSentRequest request) {
    open.check();
    requireNonNull(request, "request");
    boolean signup = request.emailType().equals("signup");
    if (!signup && !request.emailType().equals("forgotpass")) {
      return Outcome.denied(
          Denial.of(
              DenialCode.INVALID_REQUEST,
              "invalid request: invalid email_type requested",
              "Invalid email sent notification request."));
    }
    Instant now = now();
    // Decision (spec G124): the reference raises for an unknown address; we return its coded
    // failure instead.
    Optional<StoredUser> updated =
        UserLookup.byEmail(store, request.email())
            .flatMap(
                u ->
                    store.updateUser(
                        u.userId(),
                        now,
                        v ->
                            signup
                                ? v.withEmailVerifySentAt(now)
                                : v.withEmailForgotpassSentAt(now)));
    if (updated.isEmpty()) {
      return Outcome.denied(
          Denial.of(
              DenialCode.USER_NOT_FOUND,
              "could not update the email sent status in DB",
              "Email sent notification request failed."));
    }
    return Outcome.success(updated.get(), "Email sent notification request succeeded.");
  }

  // ---- shared building blocks ------------------------------------------------------------

  /** The live-session lookup: token exists, expires later than now, and its user exists. */
  private Optional<SessionInfo> lookUpLive(SessionToken token) {
    Instant now = now();
    return store
        .findSession(token)
        .filter(s -> s.isLiveAt(now))
        .flatMap(s -> store.findUser(s.userId()).map(u -> new SessionInfo(s, u)));
  }

  private Optional<SessionInfo> lookUpLiveQuietly(SessionToken token) {
    try {
      return lookUpLive(token);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Verifies against the user's hash, or, for an unknown user, against a dummy hash, so that both
   * cost one Argon2 verification.
   */
  private boolean verifyOrDummy(Optional<StoredUser> user, String password) {
    if (user.isEmpty()) {
      dummyVerify();
      return false;
    }
    return hasher.verify(password, user.get().password());
  }

  /** One Argon2 verification whose result is ignored (timing equalisation, spec 0.7). */
  private void dummyVerify() {
    PasswordHash hash;
    try {
      hash = store.findUser(LOCKED_USER_ID).map(StoredUser::password).orElseGet(dummyHash);
    } catch (RuntimeException e) {
      hash = dummyHash.get();
    }
    hasher.verify("nope", hash);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private String randomToken(int bytes) {
    byte[] raw = new byte[bytes];
    random.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  private static ObjectNode json() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** The first 256 code points, as every action verifies and hashes. */
  static String truncate(String password) {
    if (password.codePointCount(0, password.length()) <= MAX_PASSWORD_CODE_POINTS) {
      return password;
    }
    return password.substring(0, password.offsetByCodePoints(0, MAX_PASSWORD_CODE_POINTS));
  }

  /** Python truthiness of a JSON value. */
  static boolean isTruthy(@Nullable JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return false;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().signum() != 0;
    }
    if (node.isNumber()) {
      return node.doubleValue() != 0.0;
    }
    if (node.isTextual()) {
      return !node.textValue().isEmpty();
    }
    if (node.isContainerNode()) {
      return node.size() > 0;
    }
    return true;
  }

  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    return new Supplier<>() {
      private volatile @Nullable T value;

      @Override
      public T get() {
        T result = value;
        if (result == null) {
          synchronized (this) {
            result = value;
            if (result == null) {
              result = supplier.get();
              value = result;
            }
          }
        }
        return result;
      }
    };
  }
}
