package org.authnz.limits;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.StoredUser;

/**
 * The lock and unlock steps of {@code internal-user-lock} ({@code spec/actions-admin.md} section
 * 10) as the failed-login throttle uses them: the role history in {@code
 * extra_info.previous_user_roles}, no-op when already in the wanted state, sessions deleted on
 * lock. Replace with the admin action's code once it exists.
 */
final class AccountLock {

  static final String LOCKED = "locked";
  private static final String HISTORY = "previous_user_roles";

  private final AuthnzStore store;
  private final Clock clock;

  AccountLock(AuthnzStore store, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Locks the user; true when the user is locked afterwards (already locked counts). */
  boolean lock(long userId) {
    return toggle(userId, true);
  }

  /** Unlocks the user, restoring the last saved role; true on success or when not locked. */
  boolean unlock(long userId) {
    return toggle(userId, false);
  }

  private boolean toggle(long userId, boolean lock) {
    if (userId == 2 || userId == 3) {
      return false; // anonymous and locked system users are never edited
    }
    Optional<StoredUser> current = store.findUser(userId);
    if (current.isEmpty() || current.get().extraInfo() == null) {
      return false;
    }
    boolean isLocked = current.get().userRole().equals(LOCKED);
    if (isLocked == lock) {
      return true;
    }
    Optional<StoredUser> written =
        store.updateUser(userId, clock.instant(), user -> lock ? locked(user) : unlocked(user));
    if (written.isEmpty()) {
      return false;
    }
    if (lock) {
      store.deleteSessionsOfUser(userId, null);
    }
    return true;
  }

  private static StoredUser locked(StoredUser user) {
    ObjectNode extra = user.extraInfo() == null ? null : user.extraInfo().deepCopy();
    if (extra == null || user.userRole().equals(LOCKED)) {
      return user;
    }
    List<String> history = history(extra);
    history.add(user.userRole());
    ArrayNode saved = extra.putArray(HISTORY);
    history.forEach(saved::add);
    return user.withExtraInfo(extra).withActive(false).withUserRole(LOCKED);
  }

  private static StoredUser unlocked(StoredUser user) {
    ObjectNode extra = user.extraInfo();
    if (extra == null || !user.userRole().equals(LOCKED)) {
      return user;
    }
    List<String> history = history(extra);
    return user.withActive(true).withUserRole(history.get(history.size() - 1));
  }

  private static List<String> history(ObjectNode extra) {
    List<String> history = new ArrayList<>();
    JsonNode saved = extra.get(HISTORY);
    if (saved != null && saved.isArray() && !saved.isEmpty()) {
      saved.forEach(role -> history.add(role.asText()));
    } else {
      history.add(LOCKED);
    }
    return history;
  }
}
