package org.authnz;

import org.authnz.spi.SessionToken;
import org.jspecify.annotations.Nullable;

/**
 * A request to delete the sessions of a user ({@code session-delete-userid}).
 *
 * <p>As in the reference, the session named by {@code keep} survives whenever it is given, and
 * {@code keepCurrentSession} is only recorded in the log (a kept quirk, {@code
 * actions-users-sessions.md} 1.4).
 *
 * @param userId whose sessions to delete
 * @param keep the session to spare, or null to delete every session
 * @param keepCurrentSession the caller's flag, logged but not used
 */
public record DeleteUserSessionsRequest(
    long userId, @Nullable SessionToken keep, boolean keepCurrentSession) {}
