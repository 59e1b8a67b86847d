package org.authnz;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.authnz.internal.columns.TextColumns;
import org.authnz.internal.logging.LogSafe;
import org.authnz.internal.password.Argon2idHasher;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.DuplicateValueException;
import org.authnz.spi.StoredUser;
import org.authnz.spi.UserMatchStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user administration actions of {@code actions-users-sessions.md} 4.2-7 and {@code
 * actions-admin.md} 4-10: deletion, listing and lookups, edits, locks. Thread-safe (stateless
 * besides its collaborators).
 */
final class UserAdminActions implements AuthnzService.Admin {
  static final long ANONYMOUS_USER_ID = 2;
  static final long LOCKED_USER_ID = 3;

  private static final String M_LOOKUP_OK = "User look up successful.";
  private static final String M_LOOKUP_FAILED = "User look up failed.";
  private static final String M_BAD_MATCH = "Invalid match condition provided.";
  private static final String M_DELETED = "User successfully deleted from DB.";
  private static final String M_DELETE_FAILED = "Could not delete user from DB.";
  private static final String M_BAD_CREDENTIALS =
      "We could not verify your email address or password.";
  private static final String M_SYSTEM_USERS =
      "Editing anonymous/locked user accounts not allowed.";
  private static final String M_EXTRA_ELEMENTS = "extra elements in update_dict not allowed";
  private static final String M_EDIT_FAILED = "User update failed.";
  private static final String M_INTERNAL_EDIT_FAILED = "User info update failed.";
  private static final String M_LOCK_OK = "User lock toggle successful.";
  private static final String M_LOCK_FAILED = "User lock toggle failed.";
  private static final String M_UNKNOWN_LOCK_ACTION =
      "Unknown action requested for toggle_user_lock.";
  private static final String M_SUPERUSER_SESSION =
      "Superuser session info not available for this user edit attempt.";

  /** The columns {@code internal-user-edit} refuses to write. */
  private static final Set<String> PROTECTED_COLUMNS =
      Set.of(
          "user_id",
          "system_id",
          "password",
          "emailverify_sent_datetime",
          "emailforgotpass_sent_datetime",
          "emailchangepass_sent_datetime",
          "last_login_success",
          "last_login_try",
          "failed_login_tries",
          "created_on",
          "last_updated");

  private static final Set<String> SELF_EDITABLE = Set.of("full_name", "email");
  private static final Set<String> SUPERUSER_EDITABLE =
      Set.of("full_name", "email", "is_active", "user_role", "email_verified");

  private static final Logger audit = LoggerFactory.getLogger("org.authnz.audit");

  private final AuthnzStore store;
  private final OpenFlag open;
  private final Clock clock;
  private final Argon2idHasher hasher;
  private final LogSafe logSafe;
  private final Supplier<List<String>> policyRoles;

  UserAdminActions(
      AuthnzStore store,
      Clock clock,
      Argon2idHasher hasher,
      LogSafe logSafe,
      Supplier<List<String>> policyRoles,
      OpenFlag open) {
    this.store = requireNonNull(store, "store");
    this.open = requireNonNull(open, "open");
    this.clock = requireNonNull(clock, "clock");
    this.hasher = requireNonNull(hasher, "hasher");
    this.logSafe = requireNonNull(logSafe, "logSafe");
    this.policyRoles = requireNonNull(policyRoles, "policyRoles");
  }

  // ---- deletion --------------------------------------------------------------------------

  @Override
  public Outcome<Long> delete(DeleteUserRequest request) {
    open.check();
    requireNonNull(request, "request");
    long id = request.userId();
    Optional<StoredUser> user = store.findUser(id).filter(u -> u.email().equals(request.email()));
    if (user.isEmpty()) {
      return deleteDenied(DenialCode.INVALID_CREDENTIALS, "invalid email", M_BAD_CREDENTIALS, id);
    }
    String password = DefaultAuthnzService.truncate(request.password().reveal());
    if (!hasher.verify(password, user.get().password())) {
      return deleteDenied(
          DenialCode.INVALID_CREDENTIALS, "invalid password", M_BAD_CREDENTIALS, id);
    }
    if (user.get().userRole().equals("superuser")) {
      return deleteDenied(
          DenialCode.NOT_PERMITTED, "can't delete superusers", "Can't delete superusers.", id);
    }
    return deleteAndCheck(id, true);
  }

  @Override
  public Outcome<Long> deleteInternal(long targetUserId) {
    open.check();
    return deleteAndCheck(targetUserId, false);
  }

  private Outcome<Long> deleteAndCheck(long id, boolean namesUser) {
    store.deleteUser(id);
    if (store.findUser(id).isPresent()) {
      return deleteDenied(
          DenialCode.STORE_ERROR,
          "user deletion failed in DB",
          M_DELETE_FAILED,
          namesUser ? id : null);
    }
    audit.atInfo().addKeyValue("user", logSafe.userId(id)).log("user.deleted");
    return Outcome.success(id, M_DELETED);
  }

  private static Outcome<Long> deleteDenied(
      DenialCode code, String reason, String message, @Nullable Long userId) {
    return Outcome.denied(new Denial(code, reason, List.of(message), userId));
  }

  // ---- lookups ---------------------------------------------------------------------------

  @Override
  public Outcome<List<StoredUser>> list() {
    open.check();
    try {
      return Outcome.success(store.listUsers(), M_LOOKUP_OK);
    } catch (RuntimeException e) {
      return Outcome.denied(Denial.of(DenialCode.STORE_ERROR, null, M_LOOKUP_FAILED));
    }
  }

  @Override
  public Outcome<List<StoredUser>> list(long userId) {
    open.check();
    try {
      return Outcome.success(store.findUser(userId).stream().toList(), M_LOOKUP_OK);
    } catch (RuntimeException e) {
      return Outcome.denied(Denial.of(DenialCode.STORE_ERROR, null, M_LOOKUP_FAILED));
    }
  }

  @Override
  public Outcome<List<StoredUser>> lookUp(LookupUsersRequest request) {
    open.check();
    requireNonNull(request, "request");
    boolean byExtraInfo = request.by().equals("extra_info");
    if (byExtraInfo != request.match().isObject()) {
      return Outcome.denied(
          Denial.of(
              DenialCode.INVALID_REQUEST,
              "invalid request: 'by' is 'extra_info' but 'match' is not a dict or 'match' is a"
                  + " dict and 'by' is not 'extra_info'",
              M_BAD_MATCH));
    }
    try {
      List<StoredUser> found;
      if (byExtraInfo) {
        found = byExtraInfo((ObjectNode) request.match());
      } else {
        Optional<Predicate<StoredUser>> equal = UserColumns.equalTo(request.by(), request.match());
        if (equal.isEmpty()) {
          return Outcome.denied(
              Denial.of(DenialCode.STORE_ERROR, "exception in DB access", M_LOOKUP_FAILED));
        }
        // TODO(#3): a column match reads every user; a store-side query would scale better.
        found = store.listUsers().stream().filter(equal.get()).toList();
      }
      return Outcome.success(found, M_LOOKUP_OK);
    } catch (RuntimeException e) {
      return Outcome.denied(
          Denial.of(DenialCode.STORE_ERROR, "exception in DB access", M_LOOKUP_FAILED));
    }
  }

  private List<StoredUser> byExtraInfo(ObjectNode match) {
    if (!TextColumns.fitsJson(match)) {
      return List.of(); // no stored extra_info holds U+0000, and PostgreSQL cannot compare it
    }
    Map<String, String> entries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : match.properties()) {
      if (!entry.getValue().isTextual()) {
        return List.of(); // only string values can match (the portable core of the reference)
      }
      entries.put(entry.getKey(), entry.getValue().textValue());
    }
    if (store instanceof UserMatchStore searchable) {
      return searchable.findUsersByExtraInfo(entries);
    }
    return UserMatchStore.matching(store.listUsers(), entries);
  }

  // ---- edits -----------------------------------------------------------------------------

  @Override
  public Outcome<StoredUser> edit(EditUserRequest request) {
    open.check();
    requireNonNull(request, "request");
    ObjectNode updates = request.updates();
    long target = request.targetUserId();
    if (target == ANONYMOUS_USER_ID || target == LOCKED_USER_ID) {
      return editDenied(
          DenialCode.NOT_PERMITTED,
          "invalid request: can't edit anonymous/locked users",
          M_SYSTEM_USERS);
    }

    String role = request.userRole();
    boolean self =
        target == request.userId() && (role.equals("authenticated") || role.equals("staff"));
    if (self) {
      if (!hasValidSession(request.session(), request.userId(), role)) {
        return editDenied(
            DenialCode.SESSION_NOT_FOUND,
            "no valid session found for originating user_id",
            "User session info not available for this user edit attempt.");
      }
      if (!SELF_EDITABLE.containsAll(keys(updates))) {
        return editDenied(
            DenialCode.NOT_PERMITTED,
            "role '" + role + "' can't edit anything other than 'full_name', 'email'",
            M_EXTRA_ELEMENTS);
      }
    } else if (role.equals("superuser")) {
      if (!hasValidSession(request.session(), request.userId(), role)) {
        return editDenied(
            DenialCode.SESSION_NOT_FOUND, "invalid session for edit attempt", M_SUPERUSER_SESSION);
      }
      if (!SUPERUSER_EDITABLE.containsAll(keys(updates))) {
        return editDenied(
            DenialCode.NOT_PERMITTED,
            "role: 'superuser' is not allowed to edit items: '"
                + PythonRepr.list(keys(updates))
                + "'",
            M_EXTRA_ELEMENTS);
      }
      JsonNode newRole = updates.get("user_role");
      if (newRole != null
          && !(newRole.isTextual() && policyRoles.get().contains(newRole.textValue()))) {
        return editDenied(
            DenialCode.INVALID_REQUEST,
            "role change requested is not valid",
            "unknown role change request in update_dict");
      }
    } else {
      return editDenied(
          DenialCode.SESSION_NOT_FOUND,
          "invalid session for edit attempt",
          "user_id or session info not available for this user edit attempt.");
    }

    try {
      UnaryOperator<StoredUser> change = columnChanges(updates, null);
      Optional<StoredUser> written = store.updateUser(target, now(), change);
      if (written.isPresent()) {
        audit
            .atInfo()
            .addKeyValue("user", logSafe.userId(target))
            .addKeyValue("editor", logSafe.userId(request.userId()))
            .log("user.edited");
        return Outcome.success(written.get(), "User update successful.");
      }
    } catch (IllegalArgumentException | DuplicateValueException | StoreUnavailableException e) {
      // a value of the wrong type, an unknown role, a duplicate e-mail, or a store failure
    }
    return editDenied(
        DenialCode.STORE_ERROR, "exception when trying to update user", M_EDIT_FAILED);
  }

  @Override
  public Outcome<StoredUser> editInternal(InternalEditUserRequest request) {
    open.check();
    requireNonNull(request, "request");
    ObjectNode updates = request.updates();
    if (updates.isEmpty()) {
      return editDenied(
          DenialCode.INVALID_REQUEST,
          "invalid request: missing 'update_dict' in request",
          "Invalid user-edit request: missing or invalid parameters.");
    }
    List<String> refused = keys(updates).stream().filter(PROTECTED_COLUMNS::contains).toList();
    if (!refused.isEmpty()) {
      return editDenied(
          DenialCode.NOT_PERMITTED,
          "invalid request: disallowed keys in update_dict: " + PythonRepr.set(refused),
          "Invalid edit-user request: invalid update parameters.");
    }

    long target = request.targetUserId();
    try {
      if (store.findUser(target).isEmpty()) {
        return editDenied(DenialCode.USER_NOT_FOUND, "no such user", M_INTERNAL_EDIT_FAILED);
      }
      JsonNode extra = updates.get("extra_info");
      ObjectNode merge = null;
      if (extra != null && !extra.isNull()) {
        if (!extra.isObject() || !TextColumns.fitsJson(extra)) {
          throw new IllegalArgumentException("extra_info is not an object a store can hold");
        }
        merge = (ObjectNode) extra;
      }
      Optional<StoredUser> written = store.updateUser(target, now(), columnChanges(updates, merge));
      if (written.isEmpty()) {
        return editDenied(
            DenialCode.USER_NOT_FOUND,
            "user requested for update doesn't exist",
            M_INTERNAL_EDIT_FAILED);
      }
      audit.atInfo().addKeyValue("user", logSafe.userId(target)).log("user.edited.internal");
      return Outcome.success(written.get(), "User-info update successful.");
    } catch (IllegalArgumentException | DuplicateValueException | StoreUnavailableException e) {
      return editDenied(
          DenialCode.STORE_ERROR, "DB error when updating user info", M_INTERNAL_EDIT_FAILED);
    }
  }

  /**
   * The change that writes {@code updates} as given, column by column, with {@code extra_info}
   * merged from {@code extraMerge} (null: kept).
   *
   * @throws IllegalArgumentException for a key that is no writable column or a value the column
   *     cannot hold, as the reference's database refuses them
   */
  private static UnaryOperator<StoredUser> columnChanges(
      ObjectNode updates, @Nullable ObjectNode extraMerge) {
    List<UnaryOperator<StoredUser>> steps = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : updates.properties()) {
      JsonNode value = entry.getValue();
      switch (entry.getKey()) {
        case "full_name" -> {
          String name = value.isNull() ? null : textValue(value, TextColumns.FULL_NAME);
          steps.add(u -> u.withFullName(name));
        }
        case "email" -> {
          String email = textValue(value, TextColumns.EMAIL);
          steps.add(u -> u.withEmail(email));
        }
        case "email_verified" -> {
          boolean verified = booleanValue(value);
          steps.add(u -> u.withEmailVerified(verified));
        }
        case "is_active" -> {
          boolean active = booleanValue(value);
          steps.add(u -> u.withActive(active));
        }
        case "user_role" -> {
          String role = textValue(value, TextColumns.ROLE);
          steps.add(u -> u.withUserRole(role));
        }
        case "extra_info" -> {
          // merged below
        }
        default -> throw new IllegalArgumentException("not a writable users column");
      }
    }
    if (extraMerge != null) {
      steps.add(u -> u.withExtraInfo(mergeExtraInfo(u.extraInfo(), extraMerge)));
    }
    return user -> {
      StoredUser changed = user;
      for (UnaryOperator<StoredUser> step : steps) {
        changed = step.apply(changed);
      }
      return changed;
    };
  }

  /** A text column's value, which every store must be able to hold (see {@link TextColumns}). */
  private static String textValue(JsonNode value, int columnSize) {
    if (!value.isTextual()) {
      throw new IllegalArgumentException("not a text value");
    }
    if (!TextColumns.fits(value.textValue(), columnSize)) {
      throw new IllegalArgumentException("too long for its column, or holds U+0000");
    }
    return value.textValue();
  }

  /** A boolean column value: a JSON boolean, or the integers 0 and 1 as the reference allows. */
  private static boolean booleanValue(JsonNode value) {
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      int i = value.intValue();
      if (i == 0 || i == 1) {
        return i == 1;
      }
    }
    throw new IllegalArgumentException("not a boolean value");
  }

  /** The reference's merge: {@code "__delete__"} removes a present key, else the value is set. */
  static ObjectNode mergeExtraInfo(@Nullable ObjectNode stored, ObjectNode updates) {
    ObjectNode merged = stored == null ? JsonNodeFactory.instance.objectNode() : stored.deepCopy();
    for (Map.Entry<String, JsonNode> entry : updates.properties()) {
      JsonNode value = entry.getValue();
      if (value.isTextual()
          && value.textValue().equals("__delete__")
          && merged.has(entry.getKey())) {
        merged.remove(entry.getKey());
      } else {
        merged.set(entry.getKey(), value.deepCopy());
      }
    }
    return merged;
  }

  private static Outcome<StoredUser> editDenied(DenialCode code, String reason, String message) {
    return Outcome.denied(Denial.of(code, reason, message));
  }

  // ---- locks -----------------------------------------------------------------------------

  @Override
  public Outcome<StoredUser> lock(LockUserRequest request) {
    open.check();
    requireNonNull(request, "request");
    if (!request.userRole().equals("superuser")) {
      return editDenied(
          DenialCode.NOT_PERMITTED,
          "user role is not 'superuser', required to toggle locks",
          "You don't have lock/unlock privileges.");
    }
    if (request.targetUserId() == request.userId()) {
      return editDenied(
          DenialCode.NOT_PERMITTED,
          "can't toggle a lock state on self",
          "You can't lock/unlock your own user account.");
    }
    if (!isLockAction(request.action())) {
      return editDenied(
          DenialCode.INVALID_REQUEST,
          "action must be one of 'lock', 'unlock'",
          M_UNKNOWN_LOCK_ACTION);
    }
    long target = request.targetUserId();
    if (target == ANONYMOUS_USER_ID || target == LOCKED_USER_ID) {
      return editDenied(
          DenialCode.NOT_PERMITTED,
          "can't toggle lock state for system anonymous/locked accounts",
          M_SYSTEM_USERS);
    }
    if (!hasValidSession(request.session(), request.userId(), "superuser")) {
      return editDenied(
          DenialCode.SESSION_NOT_FOUND,
          "invalid session for user attempting lock toggle",
          M_SUPERUSER_SESSION);
    }
    return lockInternal(new InternalLockUserRequest(target, request.action()));
  }

  @Override
  public Outcome<StoredUser> lockInternal(InternalLockUserRequest request) {
    open.check();
    requireNonNull(request, "request");
    String action = request.action();
    if (!isLockAction(action)) {
      return editDenied(
          DenialCode.INVALID_REQUEST,
          "action must be either 'lock' or 'unlock'",
          M_UNKNOWN_LOCK_ACTION);
    }
    long target = request.targetUserId();
    if (target == ANONYMOUS_USER_ID || target == LOCKED_USER_ID) {
      return editDenied(
          DenialCode.NOT_PERMITTED, "can't edit anonymous/locked users", M_SYSTEM_USERS);
    }
    boolean lock = action.equals("lock");
    try {
      Optional<StoredUser> found = store.findUser(target);
      if (found.isEmpty() || found.get().extraInfo() == null) {
        return lockFailed();
      }
      StoredUser current = found.get();
      roleHistory(current); // fails like the reference for an unreadable history
      if (current.userRole().equals("locked") == lock) {
        return Outcome.success(current, M_LOCK_OK); // nothing to do: no update, no session deleted
      }
      Optional<StoredUser> written =
          store.updateUser(target, now(), u -> lock ? locked(u) : unlocked(u));
      if (written.isEmpty()) {
        return lockFailed();
      }
      if (lock) {
        store.deleteSessionsOfUser(target, null);
      }
      audit
          .atInfo()
          .addKeyValue("user", logSafe.userId(target))
          .log(lock ? "user.locked" : "user.unlocked");
      return Outcome.success(written.get(), M_LOCK_OK);
    } catch (IllegalArgumentException | DuplicateValueException | StoreUnavailableException e) {
      return lockFailed();
    }
  }

  private static boolean isLockAction(String action) {
    return action.equals("lock") || action.equals("unlock");
  }

  /** The saved roles, {@code ["locked"]} when none were saved. */
  private static ArrayNode roleHistory(StoredUser user) {
    ObjectNode extra = user.extraInfo();
    JsonNode saved = extra == null ? null : extra.get("previous_user_roles");
    if (saved == null) {
      return JsonNodeFactory.instance.arrayNode().add("locked");
    }
    if (!saved.isArray() || saved.isEmpty()) {
      throw new IllegalArgumentException("previous_user_roles is not a non-empty list");
    }
    return (ArrayNode) saved.deepCopy();
  }

  private static StoredUser locked(StoredUser user) {
    if (user.extraInfo() == null) {
      throw new IllegalArgumentException("no extra_info to keep the role history in");
    }
    ArrayNode history = roleHistory(user).add(user.userRole());
    ObjectNode extra = user.extraInfo().deepCopy();
    extra.set("previous_user_roles", history);
    return user.withExtraInfo(extra).withActive(false).withUserRole("locked");
  }

  private static StoredUser unlocked(StoredUser user) {
    ArrayNode history = roleHistory(user);
    JsonNode last = history.get(history.size() - 1);
    if (!last.isTextual()) {
      throw new IllegalArgumentException("the saved role is not a string");
    }
    return user.withActive(true).withUserRole(last.textValue());
  }

  private static Outcome<StoredUser> lockFailed() {
    return editDenied(
        DenialCode.STORE_ERROR,
        "exception encountered when trying lock toggle action",
        M_LOCK_FAILED);
  }

  // ---- shared ----------------------------------------------------------------------------

  /**
   * Whether {@code token} is a live session of {@code userId}, whose stored role is {@code role}
   * and who is active ({@code actions-admin.md} 1.4). Any lookup failure counts as not valid.
   */
  private boolean hasValidSession(org.authnz.spi.SessionToken token, long userId, String role) {
    try {
      Instant now = now();
      return store
          .findSession(token)
          .filter(s -> s.isLiveAt(now) && s.userId() == userId)
          .flatMap(s -> store.findUser(s.userId()))
          .filter(u -> u.active() && u.userRole().equals(role))
          .isPresent();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static List<String> keys(ObjectNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
