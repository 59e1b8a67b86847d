package org.authnz;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The negative outcome of an operation, carrying everything the wire shows for it.
 *
 * @param code the stable reason for Java callers
 * @param failureReason the reference's exact {@code failure_reason} text, or null when the
 *     reference sends none for this outcome (e.g. {@code session-delete} of an unknown token)
 * @param messages the reference's exact user-facing {@code messages}
 * @param userId the user the wire names in this denial ({@code user_id}), when it names one
 */
public record Denial(
    DenialCode code, @Nullable String failureReason, List<String> messages, @Nullable Long userId) {

  public Denial {
    requireNonNull(code, "code");
    messages = List.copyOf(messages);
  }

  /** A denial that names no user. */
  public static Denial of(DenialCode code, @Nullable String failureReason, String... messages) {
    return new Denial(code, failureReason, List.of(messages), null);
  }

  /** Returns a copy naming {@code user}. */
  public Denial withUserId(@Nullable Long user) {
    return new Denial(code, failureReason, messages, user);
  }
}
