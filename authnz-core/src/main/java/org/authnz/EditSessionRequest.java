package org.authnz;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.authnz.spi.SessionToken;

/**
 * A request to merge {@code updates} into a live session's extra info ({@code
 * internal-session-edit}); a value of exactly {@code "__delete__"} removes an existing key.
 */
public record EditSessionRequest(SessionToken token, ObjectNode updates) {
  public EditSessionRequest {
    requireNonNull(token, "token");
    updates = requireNonNull(updates, "updates").deepCopy();
  }
}
