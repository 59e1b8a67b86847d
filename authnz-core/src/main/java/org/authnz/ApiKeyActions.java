package org.authnz;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import org.authnz.internal.logging.LogSafe;
import org.authnz.internal.password.Argon2idHasher;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.StoredApiKey;
import org.authnz.spi.StoredNoSessionKey;
import org.authnz.spi.StoredSession;
import org.authnz.spi.StoredUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API key actions of {@code actions-apikeys.md} over an {@link AuthnzStore}. Thread-safe;
 * stateless apart from its collaborators.
 */
final class ApiKeyActions implements ApiKeys {
  static final String M_ISSUE_DENIED =
      "API key issuance failed. You are not allowed to issue an API key.";
  static final String M_OPERATE_DENIED = "You are not allowed to operate on this API key.";
  static final String R_OPERATE_DENIED =
      "originating user is not allowed to operate on this API key";
  static final String R_INVALID_KEY =
      "key validation failed, provided key does not match stored key or has expired";
  static final String R_BAD_SESSION = "invalid session for user requesting API key issuance";
  static final String M_REVOKED = "API key revocation processed.";
  static final String M_REFRESH_FAILED =
      "API key refresh failed. The API key presented does not have a valid refresh token. You may"
          + " need to login again to generate a new API key.";
  // The reference's text lacks the space after "token." here (spec 6.10).
  static final String M_REFRESH_FAILED_NOSPACE =
      "API key refresh failed. The API key presented does not have a valid refresh token.You may"
          + " need to login again to generate a new API key.";

  private static final Logger audit = LoggerFactory.getLogger("org.authnz.audit");
  private static final int TOKEN_BYTES = 32;
  private static final int MAX_YEAR = 9999;

  private final AuthnzStore store;
  private final OpenFlag open;
  private final Clock clock;
  private final Argon2idHasher hasher;
  private final LogSafe logSafe;
  private final ApiKeyAccess access;
  private final SecureRandom random = new SecureRandom();

  ApiKeyActions(
      AuthnzStore store,
      Clock clock,
      Argon2idHasher hasher,
      LogSafe logSafe,
      ApiKeyAccess access,
      OpenFlag open) {
    this.store = requireNonNull(store, "store");
    this.open = requireNonNull(open, "open");
    this.clock = requireNonNull(clock, "clock");
    this.hasher = requireNonNull(hasher, "hasher");
    this.logSafe = requireNonNull(logSafe, "logSafe");
    this.access = requireNonNull(access, "access");
  }

  // ---- session-tied keys -----------------------------------------------------------------

  @Override
  public Outcome<IssuedApiKey> create(NewApiKeyRequest request) {
    open.check();
    requireNonNull(request, "request");
    if (!access.allows(request.userId(), request.userRole(), "create", request.userId())) {
      return denied(DenialCode.ACCESS_DENIED, "user not allowed to issue API key", M_ISSUE_DENIED);
    }

    Instant now = now();
    Optional<StoredSession> session;
    Optional<StoredUser> sessionUser;
    try {
      session = store.findSession(request.session()).filter(s -> s.isLiveAt(now));
      sessionUser = session.flatMap(s -> store.findUser(s.userId()));
    } catch (RuntimeException e) {
      session = Optional.empty();
      sessionUser = Optional.empty();
    }
    if (session.isEmpty() || sessionUser.isEmpty()) {
      return denied(
          DenialCode.SESSION_NOT_FOUND,
          R_BAD_SESSION,
          "Invalid session token for API key issuance request.");
    }
    StoredSession live = session.get();
    if (live.userId() != request.userId()
        || !live.ipAddress().equals(request.ipAddress())
        || !live.userAgent().equals(request.userAgent())
        || !sessionUser.get().userRole().equals(request.userRole())) {
      return denied(
          DenialCode.SESSION_NOT_FOUND,
          R_BAD_SESSION,
          "DB session user_id, ip_address, user_agent, user_role does not match provided"
              + " session info.");
    }

    ApiKeyToken token = newToken();
    Instant expires = offset(now, request.lifetime());
    Instant notValidBefore = offset(now, request.notValidBefore());
    String json =
        new KeyDictionary()
            .put("iss", request.issuer())
            .put("ver", request.apiVersion())
            .put("uid", JsonNodeFactory.instance.numberNode(request.userId()))
            .put("rol", request.userRole())
            .put("usa", request.userAgent())
            .put("aud", request.audience())
            .put("sub", request.subject())
            .put("ipa", request.ipAddress())
            .put("tkn", token.reveal())
            .put("iat", WireTime.format(now))
            .put("nbf", WireTime.format(notValidBefore))
            .put("exp", WireTime.format(expires))
            .serialise();
    store.insertApiKey(
        new StoredApiKey(
            token,
            now,
            expires,
            notValidBefore,
            request.userId(),
            request.userRole(),
            request.session()));
    audit.atInfo().addKeyValue("user", logSafe.userId(request.userId())).log("apikey.issued");
    return Outcome.success(
        new IssuedApiKey(json, token, now, expires, notValidBefore, null, null),
        issuedMessage(expires));
  }

  @Override
  public Outcome<Instant> verify(ApiKeyRequest request) {
    open.check();
    requireNonNull(request, "request");
    ApiKeyClaims key = request.key();
    if (!access.allows(request.userId(), request.userRole(), "view", key.userId())) {
      return denied(
          DenialCode.ACCESS_DENIED,
          R_OPERATE_DENIED,
          "API key verification failed. " + M_OPERATE_DENIED);
    }
    Instant now = now();
    Optional<StoredApiKey> found =
        store
            .findApiKey(key.token())
            .filter(k -> k.userId() == key.userId() && k.userRole().equals(key.userRole()))
            .filter(k -> k.isValidAt(now));
    if (found.isEmpty()) {
      return denied(DenialCode.INVALID_API_KEY, R_INVALID_KEY, "API key could not be verified.");
    }
    Instant expires = found.get().expires();
    return Outcome.success(
        expires, "API key verified successfully. Expires: " + WireTime.format(expires) + ".");
  }

  @Override
  public Outcome<Integer> revoke(ApiKeyRequest request) {
    open.check();
    requireNonNull(request, "request");
    ApiKeyClaims key = request.key();
    if (!access.allows(request.userId(), request.userRole(), "delete", key.userId())) {
      return revokeDenied();
    }
    boolean deleted = store.deleteApiKey(key.token(), key.userId(), key.userRole());
    return revoked(deleted, key.userId());
  }

  // ---- no-session keys -------------------------------------------------------------------

  @Override
  public Outcome<IssuedApiKey> createWithoutSession(NewNoSessionKeyRequest request) {
    open.check();
    requireNonNull(request, "request");
    if (!access.allows(request.userId(), request.userRole(), "create", request.userId())) {
      return denied(
          DenialCode.ACCESS_DENIED,
          "originating user is not allowed to issue an API key",
          M_ISSUE_DENIED);
    }
    NoSessionIssue issue =
        prepareNoSessionKey(
            TextNode.valueOf(request.issuer()),
            request.apiVersion(),
            TextNode.valueOf(request.audience()),
            TextNode.valueOf(request.subject()),
            request.userId(),
            request.userRole(),
            request.ipAddress(),
            request.lifetime(),
            request.notValidBefore(),
            request.refreshLifetime(),
            request.refreshNotValidBefore());
    store.insertNoSessionKey(issue.row());
    audit.atInfo().addKeyValue("user", logSafe.userId(request.userId())).log("apikey.issued");
    return Outcome.success(issue.key(), issuedMessage(issue.key().expires()));
  }

  @Override
  public Outcome<Instant> verifyWithoutSession(ApiKeyRequest request) {
    open.check();
    requireNonNull(request, "request");
    ApiKeyClaims key = request.key();
    if (!access.allows(request.userId(), request.userRole(), "view", key.userId())) {
      return denied(
          DenialCode.ACCESS_DENIED,
          R_OPERATE_DENIED,
          "API key verification failed. " + M_OPERATE_DENIED);
    }
    Instant now = now();
    Optional<StoredNoSessionKey> found =
        store
            .findNoSessionKey(key.token())
            .filter(k -> k.userId() == key.userId() && k.userRole().equals(key.userRole()))
            .filter(k -> k.isValidAt(now));
    if (found.isEmpty()) {
      return denied(DenialCode.INVALID_API_KEY, R_INVALID_KEY, "API key could not be verified.");
    }
    Instant expires = found.get().expires();
    return Outcome.success(
        expires,
        "No-session API key verified successfully. Expires: " + WireTime.format(expires) + ".");
  }

  @Override
  public Outcome<Integer> revokeWithoutSession(ApiKeyRequest request) {
    open.check();
    requireNonNull(request, "request");
    ApiKeyClaims key = request.key();
    if (!access.allows(request.userId(), request.userRole(), "delete", key.userId())) {
      return revokeDenied();
    }
    boolean deleted = store.deleteNoSessionKey(key.token(), key.userId(), key.userRole());
    return revoked(deleted, key.userId());
  }

  @Override
  public Outcome<Integer> revokeAllWithoutSession(ApiKeyRequest request) {
    open.check();
    requireNonNull(request, "request");
    ApiKeyClaims key = request.key();
    if (!access.allows(request.userId(), request.userRole(), "delete", key.userId())) {
      return denied(
          DenialCode.ACCESS_DENIED,
          "originating user is not allowed to delete API keys",
          "All API keys revocation failed. You are not allowed to delete API keys.");
    }
    if (!verifyWithoutSession(request).isSuccess()) {
      return denied(
          DenialCode.INVALID_API_KEY,
          "provided API key is invalid, revoke-all operation requires a valid key to start with",
          "All API keys revocation failed. The API key presented is invalid.");
    }
    // Decision (docs/compatibility.md): every no-session key of the owner goes, whatever its
    // role; the reference spares keys stored under another role.
    int deleted = store.deleteNoSessionKeysOfUser(key.userId());
    audit
        .atInfo()
        .addKeyValue("user", logSafe.userId(key.userId()))
        .addKeyValue("count", deleted)
        .log("apikey.revoked_all");
    return Outcome.success(deleted, "All API keys revocation processed.");
  }

  @Override
  public Outcome<IssuedApiKey> refreshWithoutSession(RefreshApiKeyRequest request) {
    open.check();
    requireNonNull(request, "request");
    ApiKeyClaims key = request.key();
    Instant now = now();
    Optional<StoredNoSessionKey> found =
        store
            .findNoSessionKey(key.token())
            .filter(k -> k.userId() == key.userId() && k.userRole().equals(key.userRole()))
            .filter(k -> k.isRefreshableAt(now));
    if (found.isEmpty()) {
      return denied(
          DenialCode.INVALID_API_KEY,
          "provided API key has no stored refresh token, probably invalid",
          M_REFRESH_FAILED);
    }
    if (!hasher.verify(request.refreshToken().reveal(), found.get().refreshTokenHash())) {
      audit.atInfo().addKeyValue("user", logSafe.userId(key.userId())).log("apikey.refresh.denied");
      return denied(
          DenialCode.INVALID_API_KEY,
          "provided refresh token does not match stored refresh token",
          M_REFRESH_FAILED);
    }

    if (!access.allows(request.userId(), request.userRole(), "delete", key.userId())) {
      return refreshDenied("user from provided API key not allowed to revoke old key");
    }
    // Decision (docs/compatibility.md): the new key belongs to the old key's owner and role, not
    // to the requester; the requester must be allowed to create keys for that owner.
    if (!access.allows(request.userId(), request.userRole(), "create", key.userId())) {
      // The reference has deleted the old key by now; so do we.
      store.deleteNoSessionKey(key.token(), key.userId(), key.userRole());
      return refreshDenied("user from provided API key not allowed to issue new key");
    }
    NoSessionIssue issue =
        prepareNoSessionKey(
            orEmpty(key.issuer()),
            orEmpty(key.apiVersion()),
            orEmpty(key.audience()),
            orEmpty(key.subject()),
            key.userId(),
            key.userRole(),
            request.ipAddress(),
            request.lifetime(),
            request.notValidBefore(),
            request.refreshLifetime(),
            request.refreshNotValidBefore());
    if (!store.rotateNoSessionKey(key.token(), key.userId(), key.userRole(), issue.row())) {
      // A concurrent refresh with the same pair won.
      return refreshDenied("user from provided API key not allowed to revoke old key");
    }
    audit.atInfo().addKeyValue("user", logSafe.userId(key.userId())).log("apikey.refreshed");
    return Outcome.success(issue.key(), issuedMessage(issue.key().expires()));
  }

  // ---- building blocks -------------------------------------------------------------------

  private record NoSessionIssue(IssuedApiKey key, StoredNoSessionKey row) {}

  private NoSessionIssue prepareNoSessionKey(
      JsonNode issuer,
      JsonNode apiVersion,
      JsonNode audience,
      JsonNode subject,
      long userId,
      String userRole,
      String ipAddress,
      Duration lifetime,
      Duration notValidBefore,
      Duration refreshLifetime,
      Duration refreshNotValidBefore) {
    Instant now = now();
    ApiKeyToken token = newToken();
    Instant expires = offset(now, lifetime);
    Instant nbf = offset(now, notValidBefore);
    ApiKeyToken refreshToken = newToken();
    Instant refreshExpires = offset(now, refreshLifetime);
    Instant refreshNbf = offset(now, refreshNotValidBefore);
    String json =
        new KeyDictionary()
            .put("iss", issuer)
            .put("ver", apiVersion)
            .put("uid", JsonNodeFactory.instance.numberNode(userId))
            .put("rol", userRole)
            .put("aud", audience)
            .put("sub", subject)
            .put("ipa", ipAddress)
            .put("tkn", token.reveal())
            .put("iat", WireTime.format(now))
            .put("nbf", WireTime.format(nbf))
            .put("exp", WireTime.format(expires))
            .serialise();
    StoredNoSessionKey row =
        new StoredNoSessionKey(
            token,
            now,
            expires,
            nbf,
            hasher.hash(refreshToken.reveal()),
            now,
            refreshExpires,
            refreshNbf,
            userId,
            userRole);
    IssuedApiKey key =
        new IssuedApiKey(json, token, now, expires, nbf, refreshToken, refreshExpires);
    return new NoSessionIssue(key, row);
  }

  private static JsonNode orEmpty(@org.jspecify.annotations.Nullable JsonNode value) {
    if (value == null) {
      throw new IllegalArgumentException("the key lacks a member a refresh copies");
    }
    return value;
  }

  private static Outcome<Integer> revokeDenied() {
    return denied(
        DenialCode.ACCESS_DENIED,
        R_OPERATE_DENIED,
        "API key revocation failed. " + M_OPERATE_DENIED);
  }

  private Outcome<Integer> revoked(boolean deleted, long owner) {
    if (!deleted) {
      return Outcome.denied(Denial.of(DenialCode.NOTHING_DELETED, null, M_REVOKED));
    }
    audit.atInfo().addKeyValue("user", logSafe.userId(owner)).log("apikey.revoked");
    return Outcome.success(1, M_REVOKED);
  }

  private static Outcome<IssuedApiKey> refreshDenied(String reason) {
    return denied(DenialCode.ACCESS_DENIED, reason, M_REFRESH_FAILED_NOSPACE);
  }

  private static <T> Outcome<T> denied(DenialCode code, String reason, String message) {
    return Outcome.denied(Denial.of(code, reason, message));
  }

  private static String issuedMessage(Instant expires) {
    return "API key generated successfully, expires: " + WireTime.format(expires) + ".";
  }

  /**
   * {@code base + offset}, which must stay within the years 1 to 9999 as in the reference (whose
   * datetimes overflow there); beyond that the caller's request is invalid.
   */
  private static Instant offset(Instant base, Duration offset) {
    Instant result;
    try {
      result = base.plus(offset).truncatedTo(ChronoUnit.MICROS);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw new IllegalArgumentException("API key time offset out of range", e);
    }
    int year = LocalDateTime.ofInstant(result, ZoneOffset.UTC).getYear();
    if (year < 1 || year > MAX_YEAR) {
      throw new IllegalArgumentException("API key time offset out of range");
    }
    return result;
  }

  private ApiKeyToken newToken() {
    byte[] raw = new byte[TOKEN_BYTES];
    random.nextBytes(raw);
    return ApiKeyToken.of(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
