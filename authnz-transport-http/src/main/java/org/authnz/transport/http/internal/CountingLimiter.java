package org.authnz.transport.http.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import org.authnz.limits.RequestRateLimiter;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RequestLimiter} backed by the core {@link RequestRateLimiter}: picks the e-mail key of
 * e-mail actions out of the envelope's body ({@code spec/rate-limits.md} section 3).
 *
 * <p>An e-mail action whose body is not an object is let through here, so that the pipeline answers
 * 400 for the body (the reference failed with 500).
 */
public final class CountingLimiter implements RequestLimiter {

  private final RequestRateLimiter limiter;

  /** Wraps the core limiter. */
  public CountingLimiter(RequestRateLimiter limiter) {
    this.limiter = requireNonNull(limiter, "limiter");
  }

  @Override
  public boolean tryAcquire(String action, String client, JsonNode body) {
    if (RequestRateLimiter.isEmailAction(action) && !body.isObject()) {
      return true;
    }
    return limiter.tryAcquire(action, client, emailKey(body));
  }

  private static @Nullable String emailKey(JsonNode body) {
    for (String field : new String[] {"email", "email_address"}) {
      JsonNode value = body.get(field);
      if (Truthiness.isTruthy(value)) {
        return value.isTextual() ? value.textValue() : value.toString();
      }
    }
    return null;
  }
}
