package org.authnz;

import java.util.Optional;
import org.authnz.internal.columns.TextColumns;
import org.authnz.spi.StoredUser;
import org.authnz.spi.UserStore;

/** The actions' lookup of a user by the exact e-mail text of a request. Stateless. */
final class UserLookup {

  private UserLookup() {}

  /**
   * The user whose stored e-mail is exactly {@code email}; none, without asking the store, for an
   * e-mail no user can have (empty, or with U+0000, which PostgreSQL cannot even compare).
   */
  static Optional<StoredUser> byEmail(UserStore store, String email) {
    if (!TextColumns.canBeStoredEmail(email)) {
      return Optional.empty();
    }
    return store.findUserByEmail(email);
  }
}
