package org.authnz;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request to find users by a column value or by entries of their extra info ({@code
 * user-lookup-match}).
 *
 * @param by a column of the users table, or {@code extra_info}
 * @param match the value the column must equal; for {@code extra_info} an object whose entries the
 *     stored extra info must all hold (only string values can match)
 */
public record LookupUsersRequest(String by, JsonNode match) {
  public LookupUsersRequest {
    requireNonNull(by, "by");
    match = requireNonNull(match, "match").deepCopy();
  }
}
