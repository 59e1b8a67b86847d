package org.authnz.transport.http.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.authnz.AccessCheckRequest;
import org.authnz.ApiKeyRequest;
import org.authnz.ApiKeys;
import org.authnz.AuthenticatedUser;
import org.authnz.AuthnzService;
import org.authnz.ChangePasswordRequest;
import org.authnz.CreateSessionRequest;
import org.authnz.CredentialsCheckRequest;
import org.authnz.DeleteUserRequest;
import org.authnz.DeleteUserSessionsRequest;
import org.authnz.Denial;
import org.authnz.DenialCode;
import org.authnz.EditSessionRequest;
import org.authnz.EditUserRequest;
import org.authnz.EmailSent;
import org.authnz.EmailSentRequest;
import org.authnz.EmailVerification;
import org.authnz.ForgotPasswordEmailRequest;
import org.authnz.InternalEditUserRequest;
import org.authnz.InternalLockUserRequest;
import org.authnz.InvalidConfigurationException;
import org.authnz.IssuedApiKey;
import org.authnz.LimitCheckRequest;
import org.authnz.LockUserRequest;
import org.authnz.LoginRequest;
import org.authnz.LogoutRequest;
import org.authnz.LookupUsersRequest;
import org.authnz.NewApiKeyRequest;
import org.authnz.NewNoSessionKeyRequest;
import org.authnz.NewSession;
import org.authnz.Outcome;
import org.authnz.PasswordCheckRequest;
import org.authnz.RefreshApiKeyRequest;
import org.authnz.ResetPasswordRequest;
import org.authnz.ResetPasswordWithoutSessionRequest;
import org.authnz.SessionInfo;
import org.authnz.SignupEmailRequest;
import org.authnz.SignupRequest;
import org.authnz.SignupResult;
import org.authnz.ValidatePasswordRequest;
import org.authnz.limits.FailedLoginThrottle;
import org.authnz.policy.PermissionPolicy;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredSession;
import org.authnz.spi.StoredUser;
import org.authnz.transport.http.protocol.Extensions;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.InvalidTokenException;
import org.authnz.transport.http.protocol.WireCodec;
import org.authnz.wire.WireCall;
import org.authnz.wire.WireCalls;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AuthnzService} over HTTP: every call goes to a sidecar ({@code authnzrv}, or authnzerver
 * itself) as the wire action the sidecar's dispatcher maps to the same service method, so that
 * moving from an in-process service to a sidecar changes only how the service is built:
 *
 * <pre>{@code
 * AuthnzService authnz =
 *     AuthnzClient.builder().url("http://127.0.0.1:13431/").secret(fernetKey).build();
 * }</pre>
 *
 * <p>Requests and answers use the {@link org.authnz.wire.WireCalls} mapping, encrypted with the
 * shared Fernet secret ({@link WireCodec}). Each request gets a fresh random {@code reqid}, and an
 * answer naming another one is refused. Denials come back as the same {@link Outcome}s an
 * in-process service returns, with the same {@link DenialCode}s (the client asks an authnz sidecar
 * for them; from authnzerver every denial reads as {@link DenialCode#INVALID_REQUEST}).
 *
 * <h2>Failures</h2>
 *
 * <ul>
 *   <li>HTTP 429 (rate limited) is a {@link DenialCode#RATE_LIMITED} denial, never retried.
 *   <li>HTTP 401 (the secrets differ, or the Host allow-list refuses us) throws {@link
 *       SidecarKeyRejectedException}.
 *   <li>A refused connection, or a time-out before the connection stood, is retried (the request
 *       cannot have taken effect); any other I/O failure or a time-out is retried only for
 *       read-only actions (lookups, session and access checks). When the retries are spent, {@link
 *       SidecarUnavailableException}.
 *   <li>HTTP 400, other statuses, and answers that do not decrypt or name another request throw
 *       {@link SidecarProtocolException}.
 * </ul>
 *
 * <p>Where authnzerver's result object lacks part of the typed result (the session count of {@code
 * sessions().deleteOfUser}, the user id of the password resets, the user of {@code
 * emails().setSent}, the expiry of an API key verification), the client asks an authnz sidecar for
 * it as well ({@link Extensions#ASK_TYPED_RESULTS}); authnzerver does not send it, so against
 * authnzerver these operations throw {@link SidecarProtocolException} on success.
 *
 * <p>The e-mail sending operations ({@code emails().sendSignupEmail}, {@code
 * emails().sendForgotPasswordEmail}) send through the sidecar's SMTP settings. A request with
 * {@link org.authnz.MailOverrides} of its own throws {@link IllegalArgumentException}: the client
 * does not send SMTP settings over the wire.
 *
 * <h2>Operations not available remotely</h2>
 *
 * {@link #initialize}, {@link #policy()} and {@link #piiSalt()} belong to the process that owns the
 * store and throw {@link UnsupportedOperationException}: set the sidecar up with {@code authnzrv
 * --autosetup}.
 *
 * <p>Thread-safe. {@link #close()} does not stop an executor passed to the builder.
 */
public final class AuthnzClient implements AuthnzService {
  private static final Logger logger = LoggerFactory.getLogger(AuthnzClient.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String RATE_LIMITED_MESSAGE =
      "Too many requests to the authentication server. Try again later.";

  private final URI url;
  private final URI health;
  private final WireCodec codec;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final int retries;
  private final Duration retryDelay;
  private final String clientAddress;
  private volatile boolean closed;

  private AuthnzClient(Builder builder, URI url, WireCodec codec) {
    this.url = url;
    this.health = url.resolve("/health");
    this.codec = codec;
    this.requestTimeout = builder.requestTimeout;
    this.retries = builder.retries;
    this.retryDelay = builder.retryDelay;
    this.clientAddress = builder.clientAddress;
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .connectTimeout(builder.connectTimeout)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER);
    if (builder.executor != null) {
      http.executor(builder.executor);
    }
    this.http = http.build();
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  // ---- the transport ---------------------------------------------------------------------

  /**
   * Sends one call and reads its answer, retrying where that is safe.
   *
   * @throws SidecarKeyRejectedException on HTTP 401
   * @throws SidecarUnavailableException when the sidecar cannot be reached in time
   * @throws SidecarProtocolException on any other answer the protocol does not allow
   */
  <T> T send(WireCall<T> call) {
    checkOpen();
    String reqid = newReqid();
    ObjectNode envelope = JSON.objectNode();
    envelope.put("request", call.action());
    envelope.set("body", call.body());
    envelope.put("reqid", reqid);
    envelope.put("client_ipaddr", clientAddress);
    envelope.put(Extensions.ASK_DENIAL_CODES, true);
    envelope.put(Extensions.ASK_TYPED_RESULTS, true);
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeoutFor(call.action()))
            .header("Content-Type", "text/plain; charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(codec.encode(envelope), UTF_8))
            .build();

    HttpResponse<String> response = exchange(request, call.action(), call.isReadOnly());
    return switch (response.statusCode()) {
      case 200 -> read(call, response.body(), reqid);
      case 429 -> call.denied(rateLimited(response.body()));
      case 401 ->
          throw new SidecarKeyRejectedException(
              "the sidecar refused the request (HTTP 401): the Fernet secrets differ, or the"
                  + " sidecar's Host allow-list refuses this client");
      case 400 ->
          throw new SidecarProtocolException(
              "the sidecar refused the request " + call.action() + " as malformed (HTTP 400)");
      default ->
          throw new SidecarProtocolException(
              "unexpected HTTP status " + response.statusCode() + " for " + call.action());
    };
  }

  /**
   * The request time-out, plus the longest failed-login delay for the actions the sidecar may hold
   * back ({@code spec/wire-protocol.md} section 11): a slowed-down wrong login is a denial, not an
   * unavailable sidecar.
   */
  private Duration timeoutFor(String action) {
    return FailedLoginThrottle.appliesTo(action)
        ? requestTimeout.plus(FailedLoginThrottle.MAX_DELAY)
        : requestTimeout;
  }

  private HttpResponse<String> exchange(HttpRequest request, String action, boolean readOnly) {
    for (int attempt = 0; ; attempt++) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SidecarUnavailableException("interrupted while waiting for the sidecar", e);
      } catch (IOException e) {
        boolean notSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
        if (attempt >= retries || !(notSent || readOnly)) {
          throw new SidecarUnavailableException(
              "no answer from the sidecar for " + action + ": " + why(e, action), e);
        }
        logger
            .atDebug()
            .addKeyValue("action", action)
            .addKeyValue("error", e.getClass().getSimpleName())
            .log("retrying a sidecar request");
        pause();
      }
    }
  }

  /** What went wrong, in words: the JDK's messages for these are often empty. */
  private String why(IOException e, String action) {
    if (e instanceof HttpConnectTimeoutException) {
      return "could not connect in time";
    }
    if (e instanceof ConnectException) {
      return "could not connect (refused or unreachable)";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + timeoutFor(action);
    }
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? "the connection failed (" + e.getClass().getSimpleName() + ")"
        : message;
  }

  private void pause() {
    try {
      Thread.sleep(retryDelay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SidecarUnavailableException("interrupted while waiting to retry", e);
    }
  }

  /**
   * The denial for HTTP 429: the sidecar's plain-text body as failure reason, as authnzerver's
   * Python client reports it, and a message fit for end users.
   */
  private static Denial rateLimited(String body) {
    String reason = body.isBlank() || body.length() > 200 ? null : body.strip();
    return new Denial(DenialCode.RATE_LIMITED, reason, List.of(RATE_LIMITED_MESSAGE), null);
  }

  private <T> T read(WireCall<T> call, String body, String reqid) {
    JsonNode answer;
    try {
      answer = codec.decode(body);
    } catch (InvalidTokenException e) {
      throw new SidecarProtocolException("the sidecar's answer does not decrypt");
    }
    JsonNode echoed = answer.get("reqid");
    if (echoed == null || !echoed.isTextual() || !echoed.textValue().equals(reqid)) {
      throw new SidecarProtocolException("the sidecar's answer names another request");
    }
    JsonNode result = answer.get("response");
    if (result == null || !result.isObject()) {
      throw new SidecarProtocolException("the sidecar's answer has no result object");
    }
    JsonNode code = answer.get(Extensions.DENIAL_CODE);
    JsonNode typed = answer.get(Extensions.TYPED_RESULT);
    try {
      return call.read(
          (ObjectNode) result,
          code == null ? null : denialCode(code.asText()),
          typed != null && typed.isObject() ? (ObjectNode) typed : null);
    } catch (RuntimeException e) {
      // A result without the keys the action writes: not a sidecar speaking this protocol.
      throw new SidecarProtocolException(
          "the sidecar's result for " + call.action() + " is not readable", e);
    }
  }

  private static @Nullable DenialCode denialCode(String name) {
    try {
      return DenialCode.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null; // a newer sidecar's code: read as INVALID_REQUEST
    }
  }

  private static String newReqid() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  // ---- AuthnzService ---------------------------------------------------------------------

  /**
   * Not available remotely: the sidecar's own process initialises its store ({@code authnzrv
   * --autosetup}).
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Optional<String> initialize(String adminEmail, @Nullable String adminPassword) {
    throw new UnsupportedOperationException(
        "initialize() runs where the store is: set the sidecar up with authnzrv --autosetup");
  }

  /**
   * Not available remotely: the policy is the sidecar's ({@code --permissions}).
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public PermissionPolicy policy() {
    throw new UnsupportedOperationException(
        "policy() is the sidecar's: read its --permissions file, or ask with access().check()");
  }

  /**
   * Not available remotely: the PII salt stays with the sidecar.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public String piiSalt() {
    throw new UnsupportedOperationException("piiSalt() is a secret of the sidecar");
  }

  /** Whether {@code GET /health} answers 200 with {@code Health-Ok: true}, in time. */
  @Override
  public boolean isHealthy() {
    checkOpen();
    HttpRequest request = HttpRequest.newBuilder(health).timeout(requestTimeout).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
      if (response.statusCode() != 200) {
        return false;
      }
      JsonNode status = WireCodec.json().readTree(response.body());
      return status != null && status.path("Health-Ok").asBoolean(false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Ends the use of this client: every later call throws {@link IllegalStateException}. Releases
   * nothing the caller passed in; the JDK client's own threads end when idle.
   */
  @Override
  public void close() {
    // java.net.http.HttpClient on Java 17 has no close(); its default executor's threads are
    // daemons that end when idle.
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("AuthnzService is closed");
    }
  }

  @Override
  public Sessions sessions() {
    return sessions;
  }

  @Override
  public Users users() {
    return users;
  }

  @Override
  public Passwords passwords() {
    return passwords;
  }

  @Override
  public Emails emails() {
    return emails;
  }

  @Override
  public Admin admin() {
    return admin;
  }

  @Override
  public Access access() {
    return access;
  }

  @Override
  public ApiKeys apiKeys() {
    return apiKeys;
  }

  private final Sessions sessions =
      new Sessions() {
        @Override
        public Outcome<NewSession> create(CreateSessionRequest request) {
          return send(WireCalls.createSession(request));
        }

        @Override
        public Outcome<SessionInfo> find(SessionToken token) {
          return send(WireCalls.findSession(token));
        }

        @Override
        public Outcome<Integer> delete(SessionToken token) {
          return send(WireCalls.deleteSession(token));
        }

        @Override
        public Outcome<Integer> deleteOfUser(DeleteUserSessionsRequest request) {
          return send(WireCalls.deleteSessionsOfUser(request));
        }

        @Override
        public Outcome<StoredSession> edit(EditSessionRequest request) {
          return send(WireCalls.editSession(request));
        }
      };

  private final Users users =
      new Users() {
        @Override
        public SignupResult create(SignupRequest request) {
          return send(WireCalls.createUser(request));
        }

        @Override
        public Outcome<StoredUser> findByEmail(String email) {
          return send(WireCalls.findUserByEmail(requireNonNull(email, "email")));
        }

        @Override
        public Outcome<AuthenticatedUser> login(LoginRequest request) {
          return send(WireCalls.login(request));
        }

        @Override
        public Outcome<Long> logout(LogoutRequest request) {
          return send(WireCalls.logout(request));
        }
      };

  private final Passwords passwords =
      new Passwords() {
        @Override
        public Outcome<AuthenticatedUser> check(PasswordCheckRequest request) {
          return send(WireCalls.checkPassword(request));
        }

        @Override
        public Outcome<AuthenticatedUser> checkWithoutSession(CredentialsCheckRequest request) {
          return send(WireCalls.checkCredentials(request));
        }

        @Override
        public Outcome<List<String>> validate(ValidatePasswordRequest request) {
          return send(WireCalls.validatePassword(request));
        }

        @Override
        public Outcome<Long> change(ChangePasswordRequest request) {
          return send(WireCalls.changePassword(request, true));
        }

        @Override
        public Outcome<Long> changeWithoutSession(ChangePasswordRequest request) {
          return send(WireCalls.changePassword(request, false));
        }

        @Override
        public Outcome<Long> reset(ResetPasswordRequest request) {
          return send(WireCalls.resetPassword(request));
        }

        @Override
        public Outcome<Long> resetWithoutSession(ResetPasswordWithoutSessionRequest request) {
          return send(WireCalls.resetPasswordWithoutSession(request));
        }
      };

  private final Emails emails =
      new Emails() {
        @Override
        public Outcome<EmailVerification> setVerified(String email) {
          return send(WireCalls.setEmailVerified(requireNonNull(email, "email")));
        }

        @Override
        public Outcome<StoredUser> setSent(EmailSentRequest request) {
          return send(WireCalls.setEmailSent(request));
        }

        @Override
        public Outcome<EmailSent> sendSignupEmail(SignupEmailRequest request) {
          return send(WireCalls.sendSignupEmail(request));
        }

        @Override
        public Outcome<EmailSent> sendForgotPasswordEmail(ForgotPasswordEmailRequest request) {
          return send(WireCalls.sendForgotPasswordEmail(request));
        }
      };

  private final Admin admin =
      new Admin() {
        @Override
        public Outcome<Long> delete(DeleteUserRequest request) {
          return send(WireCalls.deleteUser(request));
        }

        @Override
        public Outcome<Long> deleteInternal(long targetUserId) {
          return send(WireCalls.deleteUserInternal(targetUserId));
        }

        @Override
        public Outcome<List<StoredUser>> list() {
          return send(WireCalls.listUsers(null));
        }

        @Override
        public Outcome<List<StoredUser>> list(long userId) {
          return send(WireCalls.listUsers(userId));
        }

        @Override
        public Outcome<List<StoredUser>> lookUp(LookupUsersRequest request) {
          return send(WireCalls.lookUpUsers(request));
        }

        @Override
        public Outcome<StoredUser> edit(EditUserRequest request) {
          return send(WireCalls.editUser(request));
        }

        @Override
        public Outcome<StoredUser> editInternal(InternalEditUserRequest request) {
          return send(WireCalls.editUserInternal(request));
        }

        @Override
        public Outcome<StoredUser> lock(LockUserRequest request) {
          return send(WireCalls.lockUser(request));
        }

        @Override
        public Outcome<StoredUser> lockInternal(InternalLockUserRequest request) {
          return send(WireCalls.lockUserInternal(request));
        }
      };

  private final Access access =
      new Access() {
        @Override
        public Outcome<Boolean> check(AccessCheckRequest request) {
          return send(WireCalls.checkAccess(request));
        }

        @Override
        public Outcome<Boolean> checkLimit(LimitCheckRequest request) {
          return send(WireCalls.checkLimit(request));
        }
      };

  private final ApiKeys apiKeys =
      new ApiKeys() {
        @Override
        public Outcome<IssuedApiKey> create(NewApiKeyRequest request) {
          return send(WireCalls.createApiKey(request));
        }

        @Override
        public Outcome<Instant> verify(ApiKeyRequest request) {
          return send(WireCalls.verifyApiKey(request, false));
        }

        @Override
        public Outcome<Integer> revoke(ApiKeyRequest request) {
          return send(WireCalls.revokeApiKey(request, false));
        }

        @Override
        public Outcome<IssuedApiKey> createWithoutSession(NewNoSessionKeyRequest request) {
          return send(WireCalls.createApiKeyWithoutSession(request));
        }

        @Override
        public Outcome<Instant> verifyWithoutSession(ApiKeyRequest request) {
          return send(WireCalls.verifyApiKey(request, true));
        }

        @Override
        public Outcome<Integer> revokeWithoutSession(ApiKeyRequest request) {
          return send(WireCalls.revokeApiKey(request, true));
        }

        @Override
        public Outcome<Integer> revokeAllWithoutSession(ApiKeyRequest request) {
          return send(WireCalls.revokeAllApiKeys(request));
        }

        @Override
        public Outcome<IssuedApiKey> refreshWithoutSession(RefreshApiKeyRequest request) {
          return send(WireCalls.refreshApiKey(request));
        }
      };

  /** Builds an {@link AuthnzClient}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String url;
    private @Nullable String secret;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int retries = 2;
    private Duration retryDelay = Duration.ofMillis(200);
    private String clientAddress = "127.0.0.1";
    private @Nullable Executor executor;

    private Builder() {}

    /** The sidecar's base URL, e.g. {@code http://127.0.0.1:13431/} (required). */
    public Builder url(String url) {
      this.url = requireNonNull(url, "url");
      return this;
    }

    /** The shared Fernet secret, as the sidecar's {@code --secret} (required; never logged). */
    public Builder secret(String secret) {
      this.secret = requireNonNull(secret, "secret");
      return this;
    }

    /** How long to wait for a connection; 5 seconds by default. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * How long to wait for an answer; 30 seconds by default. Logins and {@code
     * passwords().checkWithoutSession} wait {@link FailedLoginThrottle#MAX_DELAY} (40 seconds)
     * longer, since the sidecar holds back the answer to repeated wrong passwords that long.
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * How often to retry a request where that is safe (see the class description), waiting {@code
     * delay} before each; 2 times, 200 ms by default. 0 turns retries off.
     */
    public Builder retries(int retries, Duration delay) {
      this.retries = retries;
      this.retryDelay = requireNonNull(delay, "delay");
      return this;
    }

    /**
     * The address sent as {@code client_ipaddr}, which a sidecar with rate limiting requires and
     * counts requests by; {@code 127.0.0.1} by default.
     */
    public Builder clientAddress(String address) {
      this.clientAddress = requireNonNull(address, "address");
      return this;
    }

    /** The executor of the JDK HTTP client; its own by default. */
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Validates the settings and builds the client. Does not contact the sidecar.
     *
     * @throws InvalidConfigurationException when the URL or secret is missing or invalid, or a
     *     time-out or the retry count is not positive
     */
    public AuthnzClient build() {
      if (url == null || secret == null) {
        throw new InvalidConfigurationException("the sidecar URL and the secret are required");
      }
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationException("the sidecar URL is invalid");
      }
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new InvalidConfigurationException("the sidecar URL must be http(s)://host:port/");
      }
      if (connectTimeout.isNegative()
          || connectTimeout.isZero()
          || requestTimeout.isNegative()
          || requestTimeout.isZero()
          || retries < 0
          || retryDelay.isNegative()) {
        throw new InvalidConfigurationException("time-outs must be positive, retries not negative");
      }
      Fernet fernet;
      try {
        fernet = Fernet.of(secret);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationException("the secret is no valid Fernet key");
      }
      URI base = uri.getPath() == null || uri.getPath().isEmpty() ? uri.resolve("/") : uri;
      return new AuthnzClient(this, base, WireCodec.of(fernet));
    }
  }
}
