package org.authnz;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A sign-up ({@code user-new}).
 *
 * @param fullName the name as typed; normalised and checked for links
 * @param email the address as typed; validated and normalised
 * @param password the chosen password
 * @param extraInfo client data for the user's extra info: a JSON object, or null (any other falsy
 *     JSON value counts as null; a truthy non-object fails the insert as in the reference)
 * @param verifyRetryWait hours before a repeated sign-up may send a new verification; null for 6,
 *     values below 1 count as 1
 * @param systemId the public id to use instead of a random UUID, or null
 * @param publicSuffixList public suffix rules, each with a leading dot, used only when the service
 *     has none configured (the reference's test hook); may be empty
 */
public record SignupRequest(
    String fullName,
    String email,
    Password password,
    @Nullable JsonNode extraInfo,
    @Nullable Integer verifyRetryWait,
    @Nullable String systemId,
    List<String> publicSuffixList) {

  public SignupRequest {
    requireNonNull(fullName, "fullName");
    requireNonNull(email, "email");
    requireNonNull(password, "password");
    extraInfo = extraInfo == null ? null : extraInfo.deepCopy();
    publicSuffixList = List.copyOf(publicSuffixList);
  }

  /** A sign-up with only the required values. */
  public static SignupRequest of(String fullName, String email, Password password) {
    return new SignupRequest(fullName, email, password, null, null, null, List.of());
  }
}
