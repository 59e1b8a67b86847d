package org.authnz;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The result of a sign-up: the account was created, or it was not, with the wire's details. */
public sealed interface SignupResult permits SignupResult.Created, SignupResult.Rejected {

  /** Whether the account was created. */
  boolean isSuccess();

  /**
   * A new, inactive account ({@code send_verification} is true).
   *
   * @param email the stored, normalised address
   */
  record Created(long userId, String email, String systemId, List<String> messages)
      implements SignupResult {
    public Created {
      requireNonNull(email, "email");
      requireNonNull(systemId, "systemId");
      messages = List.copyOf(messages);
    }

    @Override
    public boolean isSuccess() {
      return true;
    }
  }

  /**
   * No account was created.
   *
   * @param userEmail the {@code user_email} the wire shows (the normalised address for a weak
   *     password, the stored one for an existing user, else null)
   * @param userId the existing user's id ({@link DenialCode#USER_EXISTS} only)
   * @param systemId the existing user's system id ({@link DenialCode#USER_EXISTS} only)
   * @param sendVerification whether the frontend should send a new verification e-mail: true only
   *     for an existing inactive user whose last verification is older than the retry wait
   */
  record Rejected(
      Denial denial,
      @Nullable String userEmail,
      @Nullable Long userId,
      @Nullable String systemId,
      boolean sendVerification)
      implements SignupResult {
    public Rejected {
      requireNonNull(denial, "denial");
    }

    @Override
    public boolean isSuccess() {
      return false;
    }
  }
}
