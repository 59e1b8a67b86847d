package org.authnz.wire;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.authnz.ApiKeyClaims;
import org.authnz.ApiKeyRequest;
import org.authnz.AuthnzService;
import org.authnz.Denial;
import org.authnz.DenialCode;
import org.authnz.IssuedApiKey;
import org.authnz.NewApiKeyRequest;
import org.authnz.NewNoSessionKeyRequest;
import org.authnz.Outcome;
import org.authnz.RefreshApiKeyRequest;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.SessionToken;
import org.jspecify.annotations.Nullable;

/**
 * The wire mapping of the eight API key actions: schema-valid bodies to typed requests, outcomes to
 * the reference's result objects. A malformed {@code apikey_dict} (a member the action reads is
 * missing, or {@code uid} is no integer) throws, which the dispatcher answers with HTTP 400 as the
 * reference does. Thread-safe.
 */
final class ApiKeyWire {
  private static final List<String> VERIFY_MEMBERS =
      List.of("uid", "tkn", "rol", "aud", "sub", "ver", "exp");
  private static final List<String> REVOKE_MEMBERS = List.of("uid", "tkn", "rol");
  private static final List<String> REFRESH_MEMBERS =
      List.of("tkn", "uid", "rol", "iss", "ver", "aud", "sub");

  private final AuthnzService service;

  ApiKeyWire(AuthnzService service) {
    this.service = requireNonNull(service, "service");
  }

  ObjectNode apikeyNew(ObjectNode body) {
    NewApiKeyRequest request =
        new NewApiKeyRequest(
            text(body, "issuer"),
            text(body, "audience"),
            text(body, "subject"),
            body.get("apiversion").deepCopy(),
            Duration.ofDays(integer(body.get("expires_days"))),
            seconds(body.get("not_valid_before")),
            integer(body.get("user_id")),
            text(body, "user_role"),
            text(body, "ip_address"),
            text(body, "user_agent"),
            SessionToken.of(text(body, "session_token")));
    Outcome<IssuedApiKey> outcome = service.apiKeys().create(request);
    return writeIssued(outcome, denial -> denial.code() == DenialCode.SESSION_NOT_FOUND);
  }

  ObjectNode apikeyVerify(ObjectNode body) {
    return writeVerified(service.apiKeys().verify(keyRequest(body, VERIFY_MEMBERS)));
  }

  ObjectNode apikeyRevoke(ObjectNode body) {
    return writePlain(service.apiKeys().revoke(keyRequest(body, REVOKE_MEMBERS)));
  }

  ObjectNode apikeyNewNosession(ObjectNode body) {
    NewNoSessionKeyRequest request =
        new NewNoSessionKeyRequest(
            text(body, "issuer"),
            text(body, "audience"),
            text(body, "subject"),
            body.get("apiversion").deepCopy(),
            seconds(body.get("expires_seconds")),
            seconds(body.get("not_valid_before")),
            integer(body.get("user_id")),
            text(body, "user_role"),
            text(body, "ip_address"),
            seconds(body.get("refresh_expires")),
            seconds(body.get("refresh_nbf")));
    return writeIssued(service.apiKeys().createWithoutSession(request), denial -> false);
  }

  ObjectNode apikeyVerifyNosession(ObjectNode body) {
    return writeVerified(service.apiKeys().verifyWithoutSession(keyRequest(body, VERIFY_MEMBERS)));
  }

  ObjectNode apikeyRevokeNosession(ObjectNode body) {
    return writePlain(service.apiKeys().revokeWithoutSession(keyRequest(body, REVOKE_MEMBERS)));
  }

  ObjectNode apikeyRevokeallNosession(ObjectNode body) {
    Outcome<Integer> outcome =
        service.apiKeys().revokeAllWithoutSession(keyRequest(body, VERIFY_MEMBERS));
    if (outcome instanceof Outcome.Success<Integer> success) {
      ObjectNode result = WireResults.success(success.messages());
      result.put("revoked_keys", success.value());
      return result;
    }
    return WireResults.failure(((Outcome.Denied<Integer>) outcome).denial());
  }

  ObjectNode apikeyRefreshNosession(ObjectNode body) {
    ApiKeyRequest key = keyRequest(body, REFRESH_MEMBERS);
    RefreshApiKeyRequest request =
        new RefreshApiKeyRequest(
            key.key(),
            key.userId(),
            key.userRole(),
            ApiKeyToken.of(text(body, "refresh_token")),
            text(body, "ip_address"),
            seconds(body.get("expires_seconds")),
            seconds(body.get("not_valid_before")),
            seconds(body.get("refresh_expires")),
            seconds(body.get("refresh_nbf")));
    return writeIssued(service.apiKeys().refreshWithoutSession(request), denial -> false);
  }

  // ---- reading ---------------------------------------------------------------------------

  private static ApiKeyRequest keyRequest(ObjectNode body, List<String> members) {
    JsonNode dict = body.get("apikey_dict");
    for (String member : members) {
      if (!dict.has(member)) {
        throw new IllegalArgumentException("apikey_dict lacks a member the action reads");
      }
    }
    ApiKeyClaims claims =
        new ApiKeyClaims(
            pythonInt(dict.get("uid")),
            loose(dict.get("rol")),
            ApiKeyToken.of(loose(dict.get("tkn"))),
            copy(dict.get("iss")),
            copy(dict.get("ver")),
            copy(dict.get("aud")),
            copy(dict.get("sub")));
    return new ApiKeyRequest(claims, integer(body.get("user_id")), text(body, "user_role"));
  }

  private static @Nullable JsonNode copy(@Nullable JsonNode value) {
    return value == null ? null : value.deepCopy();
  }

  /** A string member as it is; any other value as its JSON text, which matches no stored value. */
  private static String loose(JsonNode value) {
    return value.isTextual() ? value.textValue() : value.toString();
  }

  /** Python's {@code int()} of a key member: integers, booleans, floats, integer strings. */
  static long pythonInt(JsonNode value) {
    if (value.isBoolean()) {
      return value.booleanValue() ? 1 : 0;
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().longValueExact();
    }
    if (value.isFloatingPointNumber() && Double.isFinite(value.doubleValue())) {
      return new BigDecimal(value.doubleValue()).toBigInteger().longValueExact();
    }
    if (value.isTextual()) {
      return Long.parseLong(value.textValue().strip());
    }
    throw new IllegalArgumentException("uid is not an integer");
  }

  /** An {@code int} schema value: an integer, or a boolean as 0/1. */
  private static long integer(JsonNode value) {
    if (value.isBoolean()) {
      return value.booleanValue() ? 1 : 0;
    }
    return value.bigIntegerValue().longValueExact();
  }

  /**
   * A number of seconds (integer, float or boolean) as a duration rounded to the nearest
   * microsecond, ties to even, as the reference's timedelta does.
   */
  static Duration seconds(JsonNode value) {
    if (value.isBoolean() || value.isIntegralNumber()) {
      return Duration.ofSeconds(integer(value));
    }
    double raw = value.doubleValue();
    if (!Double.isFinite(raw)) {
      throw new IllegalArgumentException("offset is not a finite number");
    }
    long micros =
        new BigDecimal(raw).movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    return Duration.of(micros, ChronoUnit.MICROS);
  }

  private static String text(ObjectNode body, String key) {
    return body.get(key).textValue();
  }

  // ---- writing ---------------------------------------------------------------------------

  private interface DenialTest {
    boolean test(Denial denial);
  }

  /**
   * Writes an issued key ({@code apikey}, {@code expires} and for a no-session key the refresh
   * token and its expiry); a denial gets {@code apikey: null, expires: null} when {@code nullKeys}
   * says so.
   */
  private static ObjectNode writeIssued(Outcome<IssuedApiKey> outcome, DenialTest nullKeys) {
    if (outcome instanceof Outcome.Success<IssuedApiKey> success) {
      IssuedApiKey key = success.value();
      ObjectNode result = WireResults.success(success.messages());
      result.put("apikey", key.reveal());
      result.put("expires", WireResults.time(key.expires()));
      key.refreshToken().ifPresent(t -> result.put("refresh_token", t.reveal()));
      key.refreshExpires().ifPresent(t -> result.put("refresh_token_expires", WireResults.time(t)));
      return result;
    }
    Denial denial = ((Outcome.Denied<IssuedApiKey>) outcome).denial();
    ObjectNode result = WireResults.failure(denial);
    if (nullKeys.test(denial)) {
      result.putNull("apikey").putNull("expires");
    }
    return result;
  }

  private static ObjectNode writeVerified(Outcome<Instant> outcome) {
    if (outcome instanceof Outcome.Success<Instant> success) {
      ObjectNode typed =
          JsonNodeFactory.instance.objectNode().put("expires", WireResults.time(success.value()));
      return WireResults.typed(WireResults.success(success.messages()), typed);
    }
    return WireResults.failure(((Outcome.Denied<Instant>) outcome).denial());
  }

  private static ObjectNode writePlain(Outcome<Integer> outcome) {
    if (outcome instanceof Outcome.Success<Integer> success) {
      return WireResults.success(success.messages());
    }
    return WireResults.failure(((Outcome.Denied<Integer>) outcome).denial());
  }
}
