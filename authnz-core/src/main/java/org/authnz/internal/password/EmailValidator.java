package org.authnz.internal.password;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The e-mail address checks of {@code spec/actions-passwords-email.md} section 4.
 *
 * <p>Thread-safe.
 */
public final class EmailValidator {

  private EmailValidator() {}

  /** A validator with the disposable domains read from a file (one a line), or none. */
  public static EmailValidator create(@Nullable Path disposableDomainsFile) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Whether the raw address passes syntax, reserved-name, homoglyph and disposable checks. */
  public boolean isValid(String rawEmail) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The normalised form (NFKC and case folding of each part) that {@code user-new} stores. */
  public static String normalize(String email) {
    throw new UnsupportedOperationException("not yet");
  }
}
