package org.authnz.transport.http.protocol;

/**
 * The worked example of {@code spec/wire-protocol.md} section 15: key, request and response at each
 * layer (the wrapped display lines joined).
 */
public final class WorkedExample {

  /** The key: bytes 00..1f. */
  public static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  public static final String REQUEST_JSON =
      "{\"request\": \"session-delete\", \"body\": {\"client_ipaddr\": \"203.0.113.7\"}, "
          + "\"reqid\": \"r-0001\", \"client_ipaddr\": \"203.0.113.7\"}";

  public static final String REQUEST_TOKEN =
      "gAAAAABlU_EAoKGio6SlpqeoqaqrrK2ur7tbYQvycrvwibFgjvmMq5Pxr_r9j73fgGpJ_N7MucuC9Np5t16_O5qatGyyF3YO"
          + "y_XQ2LbOD8Bs9VGyhQz8eQl1yPvC9MPiSurHuhwVY8YJWDk0N9r74J-jcpmddPFonmwB4ChJZTkMSYwjwEfSp5bsvZ4E-tEj"
          + "a5zu5OJsUNSsfO7rKOpujPzSm3P_Oa58Qe5-hU-93Uus7mIB_8wc8TU=";

  public static final String RESPONSE_JSON =
      "{\"success\": false, \"response\": {\"success\": false, \"response\": {\"problems\": "
          + "[{\"param\": \"session_token\", \"problem\": \"missing\", \"required_type\": \"str\", "
          + "\"required_param\": true}], \"failure_reason\": \"invalid request parameters\"}, "
          + "\"messages\": [\"request 'session-delete' has invalid parameters\"]}, "
          + "\"messages\": [\"request 'session-delete' has invalid parameters\"], "
          + "\"reqid\": \"r-0001\"}";

  public static final String RESPONSE_TOKEN =
      "gAAAAABlU_EBwMHCw8TFxsfIycrLzM3Oz588CnBrKHESI9c7Cml8nYctFXPh3VDW-xyyg0dZsqGjHLgdiwzmhIfcQ-DUxcQd"
          + "Gg06sWrnn0s0752KSwWS_b0TMdM2J1XbOWSD00WJiGPYRdl5mMCB2MnkSkhlYqG7JcS3pgFA36PkrP2rHYKXoXrcrDo5ij20"
          + "-S3QBZfGiZCRo7mVSH5oojy_D4gEWjyHEd2yEPJ1NFP9xHFoqSIw19PoxpwWbQ4K9PYUdXD-c-JQeQVoduQgkQviLfIvh4zR"
          + "7aa_hi1X7Fi7G9BKWmtHd04dtiJEhANhVFL3imNvoq0HTyka3Y6gLsrS0h-dt9tcQmO-iUwAG6whrAeSOg49bW6JUinQqmkC"
          + "8s7RPGmatBGx8q2IfklBg-whJYOFzzxYzWp_NYPan8RciQamNtergKYSiqUyiOUi861-aPhrd023AVLA71Bah02UR29F9Lx2"
          + "f10FE__ktcUMiuxzr-EKJ39f4uwCBR7QhD210rSJstG18fskqPQxm9Cr4-vS9faAtxSRZk5DfHdzcixHiLr-NJz8K1tGU2sH"
          + "RSLUusDVPh2E";

  public static final String REQUEST_BODY =
      "Z0FBQUFBQmxVX0VBb0tHaW82U2xwcWVvcWFxcnJLMnVyN3RiWVF2eWNydndpYkZnanZtTXE1UHhyX3I5ajczZmdHcEpfTjdN"
          + "dWN1QzlOcDV0MTZfTzVxYXRHeXlGM1lPeV9YUTJMYk9EOEJzOVZHeWhRejhlUWwxeVB2QzlNUGlTdXJIdWh3Vlk4WUpXRGsw"
          + "TjlyNzRKLWpjcG1kZFBGb25td0I0Q2hKWlRrTVNZd2p3RWZTcDVic3ZaNEUtdEVqYTV6dTVPSnNVTlNzZk83cktPcHVqUHpT"
          + "bTNQX09hNThRZTUtaFUtOTNVdXM3bUlCXzh3YzhUVT0=";

  private WorkedExample() {}
}
