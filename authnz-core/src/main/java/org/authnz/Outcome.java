package org.authnz;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The result of an {@link AuthnzService} operation: a success value with the reference's
 * user-facing messages, or a {@link Denial}.
 *
 * <p>Outcomes that an attacker can drive (wrong password, unknown session, ...) are denials, never
 * exceptions.
 *
 * @param <T> the success value
 */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Denied {

  /** Whether this is a {@link Success}. */
  boolean isSuccess();

  /** The operation succeeded. */
  record Success<T>(T value, List<String> messages) implements Outcome<T> {
    public Success {
      requireNonNull(value, "value");
      messages = List.copyOf(messages);
    }

    @Override
    public boolean isSuccess() {
      return true;
    }
  }

  /** The operation was denied. */
  record Denied<T>(Denial denial) implements Outcome<T> {
    public Denied {
      requireNonNull(denial, "denial");
    }

    @Override
    public boolean isSuccess() {
      return false;
    }
  }

  /** A success with messages. */
  static <T> Outcome<T> success(T value, String... messages) {
    return new Success<>(value, List.of(messages));
  }

  /** A denial. */
  static <T> Outcome<T> denied(Denial denial) {
    return new Denied<>(denial);
  }
}
