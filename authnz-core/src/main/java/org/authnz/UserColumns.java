package org.authnz;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.authnz.spi.StoredUser;
import org.jspecify.annotations.Nullable;

/**
 * The columns of the users table as {@code user-lookup-match} compares them with a JSON value: the
 * loose comparison of the reference's SQLite database, where a number and its text form are equal
 * and booleans are the integers 0 and 1 ({@code actions-admin.md} 6). SQL NULL equals nothing.
 */
final class UserColumns {

  /** How a column compares. */
  private enum Kind {
    INTEGER,
    BOOLEAN,
    TEXT,
    TIME
  }

  private record Column(String name, Kind kind, Function<StoredUser, @Nullable Object> value) {}

  private static final List<Column> COLUMNS =
      List.of(
          new Column("user_id", Kind.INTEGER, StoredUser::userId),
          new Column("system_id", Kind.TEXT, StoredUser::systemId),
          new Column("full_name", Kind.TEXT, StoredUser::fullName),
          new Column("password", Kind.TEXT, u -> u.password().reveal()),
          new Column("email", Kind.TEXT, StoredUser::email),
          new Column("email_verified", Kind.BOOLEAN, StoredUser::emailVerified),
          new Column("is_active", Kind.BOOLEAN, StoredUser::active),
          new Column("emailverify_sent_datetime", Kind.TIME, StoredUser::emailVerifySentAt),
          new Column("emailforgotpass_sent_datetime", Kind.TIME, StoredUser::emailForgotpassSentAt),
          new Column("emailchangepass_sent_datetime", Kind.TIME, StoredUser::emailChangepassSentAt),
          new Column("last_login_success", Kind.TIME, StoredUser::lastLoginSuccess),
          new Column("last_login_try", Kind.TIME, StoredUser::lastLoginTry),
          new Column("failed_login_tries", Kind.INTEGER, StoredUser::failedLoginTries),
          new Column("created_on", Kind.TIME, StoredUser::createdOn),
          new Column("last_updated", Kind.TIME, StoredUser::lastUpdated),
          new Column("user_role", Kind.TEXT, StoredUser::userRole));

  private UserColumns() {}

  /**
   * A predicate for "{@code column = value}", or empty when {@code column} is not a comparable
   * column of the users table ({@code extra_info} has its own match).
   */
  static Optional<java.util.function.Predicate<StoredUser>> equalTo(String column, JsonNode value) {
    for (Column c : COLUMNS) {
      if (c.name().equals(column)) {
        return Optional.of(user -> equal(c.kind(), c.value().apply(user), value));
      }
    }
    return Optional.empty();
  }

  private static boolean equal(Kind kind, @Nullable Object stored, JsonNode value) {
    if (stored == null || value.isNull()) {
      return false;
    }
    return switch (kind) {
      case INTEGER -> numeric(value).map(n -> n.compareTo(toDecimal(stored)) == 0).orElse(false);
      case BOOLEAN ->
          numeric(value)
              .map(n -> n.compareTo(((Boolean) stored) ? BigDecimal.ONE : BigDecimal.ZERO) == 0)
              .orElse(false);
      case TEXT -> text(value).map(t -> t.equals(stored)).orElse(false);
      case TIME ->
          value.isTextual()
              && (value.textValue().equals(WireTime.format((Instant) stored))
                  || value.textValue().equals(WireTime.format((Instant) stored).replace('T', ' ')));
    };
  }

  private static BigDecimal toDecimal(Object stored) {
    return new BigDecimal(((Number) stored).longValue());
  }

  /** The value as a number, as SQLite's numeric affinity converts it; empty when it cannot. */
  private static Optional<BigDecimal> numeric(JsonNode value) {
    if (value.isBoolean()) {
      return Optional.of(value.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO);
    }
    if (value.isNumber()) {
      return Optional.of(value.decimalValue());
    }
    if (value.isTextual()) {
      try {
        return Optional.of(new BigDecimal(value.textValue().strip()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The value as text, as SQLite's text affinity converts a number; empty for containers. */
  private static Optional<String> text(JsonNode value) {
    if (value.isTextual()) {
      return Optional.of(value.textValue());
    }
    if (value.isBoolean()) {
      return Optional.of(value.booleanValue() ? "1" : "0");
    }
    if (value.isNumber()) {
      return Optional.of(value.asText());
    }
    return Optional.empty();
  }
}
