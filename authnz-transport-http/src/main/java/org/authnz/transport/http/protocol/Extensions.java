package org.authnz.transport.http.protocol;

/**
 * The keys authnz adds to authnzerver's envelopes, for clients that ask for them. A request
 * envelope with {@value #ASK_DENIAL_CODES}{@code : true} gets, on an answer whose action the
 * service denied, the top-level key {@value #DENIAL_CODE} with the {@link org.authnz.DenialCode}
 * name; other clients (authnzerver's own, the conformance suite) never see it, because the
 * reference ignores unknown request keys and sends none of its own.
 */
public final class Extensions {

  /** Request envelope key: send denial codes ({@code true}). */
  public static final String ASK_DENIAL_CODES = "authnz_denial_codes";

  /** Response envelope key: the {@link org.authnz.DenialCode} name of a denied action. */
  public static final String DENIAL_CODE = "authnz_denial_code";

  private Extensions() {}
}
