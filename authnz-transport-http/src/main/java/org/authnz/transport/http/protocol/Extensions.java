package org.authnz.transport.http.protocol;

/**
 * The keys authnz adds to authnzerver's envelopes, for clients that ask for them; other clients
 * (authnzerver's own, the conformance suite) never see them, because the reference ignores unknown
 * request keys and sends none of its own.
 *
 * <ul>
 *   <li>A request envelope with {@value #ASK_DENIAL_CODES}{@code : true} gets, on an answer whose
 *       action the service denied, the top-level key {@value #DENIAL_CODE} with the {@link
 *       org.authnz.DenialCode} name.
 *   <li>A request envelope with {@value #ASK_TYPED_RESULTS}{@code : true} gets, on a successful
 *       answer whose result object lacks part of the typed result, the top-level key {@value
 *       #TYPED_RESULT}: an object with those parts ({@code deleted} for {@code
 *       session-delete-userid}; {@code user_id} for {@code user-resetpass} and {@code
 *       user-resetpass-nosession}; {@code user_info} for {@code user-set-emailsent}; {@code
 *       expires} for {@code apikey-verify} and {@code apikey-verify-nosession}).
 * </ul>
 */
public final class Extensions {

  /** Request envelope key: send denial codes ({@code true}). */
  public static final String ASK_DENIAL_CODES = "authnz_denial_codes";

  /** Response envelope key: the {@link org.authnz.DenialCode} name of a denied action. */
  public static final String DENIAL_CODE = "authnz_denial_code";

  /** Request envelope key: send the typed-result members ({@code true}). */
  public static final String ASK_TYPED_RESULTS = "authnz_typed_results";

  /**
   * Response envelope key: the members of the typed result that the action's result object lacks.
   */
  public static final String TYPED_RESULT = "authnz_typed_result";

  private Extensions() {}
}
