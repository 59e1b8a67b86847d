package org.authnz.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Set;
import org.authnz.AuthnzService;
import org.authnz.memory.InMemoryStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The schema table and validation rules of {@code spec/request-schema.md}. */
class ActionDispatcherTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final List<String> ALL_ACTIONS =
      List.of(
          "session-new",
          "session-exists",
          "session-delete",
          "session-delete-userid",
          "user-login",
          "user-logout",
          "user-passcheck",
          "user-passcheck-nosession",
          "user-new",
          "user-changepass",
          "user-changepass-nosession",
          "user-delete",
          "user-list",
          "user-lookup-email",
          "user-lookup-match",
          "user-edit",
          "user-resetpass",
          "user-resetpass-nosession",
          "user-lock",
          "user-validatepass",
          "user-sendemail-signup",
          "user-sendemail-forgotpass",
          "user-set-emailverified",
          "user-set-emailsent",
          "apikey-new",
          "apikey-verify",
          "apikey-revoke",
          "apikey-new-nosession",
          "apikey-verify-nosession",
          "apikey-revoke-nosession",
          "apikey-revokeall-nosession",
          "apikey-refresh-nosession",
          "user-check-access",
          "user-check-limit",
          "internal-user-lock",
          "internal-user-delete",
          "internal-user-edit",
          "internal-session-edit");
  static final Set<String> IMPLEMENTED =
      Set.of(
          "session-new",
          "session-exists",
          "session-delete",
          "session-delete-userid",
          "internal-session-edit",
          "user-login",
          "user-logout",
          "user-passcheck",
          "user-passcheck-nosession",
          "user-new",
          "user-lookup-email",
          "user-delete",
          "internal-user-delete",
          "user-list",
          "user-lookup-match",
          "user-edit",
          "internal-user-edit",
          "user-lock",
          "internal-user-lock",
          "user-validatepass",
          "user-set-emailverified",
          "user-set-emailsent",
          "apikey-new",
          "apikey-verify",
          "apikey-revoke",
          "apikey-new-nosession",
          "apikey-verify-nosession",
          "apikey-revoke-nosession",
          "apikey-revokeall-nosession",
          "apikey-refresh-nosession",
          "user-changepass",
          "user-changepass-nosession",
          "user-resetpass",
          "user-resetpass-nosession",
          "user-sendemail-signup",
          "user-sendemail-forgotpass",
          "user-check-access",
          "user-check-limit");

  InMemoryStore store;
  ActionDispatcher dispatcher;

  @BeforeEach
  void setUp() {
    store = InMemoryStore.create();
    dispatcher = ActionDispatcher.of(AuthnzService.builder().store(store).build());
  }

  static ObjectNode json(String singleQuoted) {
    try {
      return (ObjectNode) MAPPER.readTree(singleQuoted.replace('\'', '"').replace('`', '\''));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private ObjectNode answer(String action, ObjectNode body) {
    DispatchResult result = dispatcher.dispatch(action, body, TextNode.valueOf("r-0001"));
    assertThat(result).isInstanceOf(DispatchResult.Answer.class);
    return ((DispatchResult.Answer) result).result();
  }

  private List<ObjectNode> problems(String action, String body) {
    return ActionSchema.problems(action, json(body));
  }

  @Test
  void actions_table_holdsAll38NamesInReferenceOrder() {
    assertThat(ActionSchema.actions()).containsExactlyElementsOf(ALL_ACTIONS).hasSize(38);
    assertThat(ALL_ACTIONS).allMatch(dispatcher::isKnownAction);
    DefaultActionDispatcher actual = (DefaultActionDispatcher) dispatcher;
    assertThat(ALL_ACTIONS.stream().filter(actual::isImplemented))
        .containsExactlyInAnyOrderElementsOf(IMPLEMENTED);
  }

  @Test
  void dispatch_unknownOrEchoAction_isUnknownAction() {
    assertThat(dispatcher.isKnownAction("echo")).isFalse();
    assertThat(dispatcher.dispatch("echo", json("{}"), IntNode.valueOf(1)))
        .isEqualTo(new DispatchResult.UnknownAction());
    assertThat(dispatcher.dispatch("apikey-healthcheck", json("{}"), IntNode.valueOf(1)))
        .isEqualTo(new DispatchResult.UnknownAction());
  }

  @Test
  void dispatch_missingRequiredKey_answersTheReferenceReport() {
    ObjectNode result = answer("session-delete", json("{}"));

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': false,"
                    + " 'response': {'problems': [{'param': 'session_token',"
                    + " 'problem': 'missing', 'required_type': 'str', 'required_param': true}],"
                    + " 'failure_reason': 'invalid request parameters'},"
                    + " 'messages': ['request `session-delete` has invalid parameters']}"));
  }

  @Test
  void problems_severalFaults_areAllReportedRequiredFirstInSchemaOrder() {
    List<ObjectNode> problems =
        problems(
            "user-validatepass",
            "{'max_character_frequency': 1, 'password': 5, 'full_name': 'x',"
                + " 'min_pass_length': 'long'}");

    assertThat(problems)
        .containsExactly(
            json(
                "{'param': 'password', 'problem': 'incorrect type', 'required_type': 'str',"
                    + " 'required_param': true}"),
            json(
                "{'param': 'email', 'problem': 'missing', 'required_type': 'str',"
                    + " 'required_param': true}"),
            json(
                "{'param': 'min_pass_length', 'problem': 'incorrect type',"
                    + " 'required_type': 'int', 'required_param': false}"),
            json(
                "{'param': 'max_character_frequency', 'problem': 'incorrect type',"
                    + " 'required_type': 'float', 'required_param': false}"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '"',
      value = {
        // optional keys are checked only when truthy
        "user-validatepass; {'password': 'p', 'email': 'e', 'full_name': 'f', 'min_pass_length': 0, 'max_character_frequency': 0, 'min_pwned_matches': null}; true",
        "user-validatepass; {'password': 'p', 'email': 'e', 'full_name': 'f', 'max_unsafe_similarity': ''}; true",
        "user-validatepass; {'password': 'p', 'email': 'e', 'full_name': 'f', 'max_unsafe_similarity': []}; true",
        "user-validatepass; {'password': 'p', 'email': 'e', 'full_name': 'f', 'max_character_frequency': 0.25}; true",
        "user-validatepass; {'password': 'p', 'email': 'e', 'full_name': 'f', 'max_character_frequency': 1e-1}; true",
        "user-validatepass; {'password': 'p', 'email': 'e', 'full_name': 'f', 'max_character_frequency': 1}; false",
        "user-validatepass; {'password': 'p', 'email': 'e', 'full_name': 'f', 'min_pass_length': 'x'}; false",
        // int accepts booleans and integer-form numbers only
        "user-logout; {'session_token': 't', 'user_id': true}; true",
        "user-logout; {'session_token': 't', 'user_id': 123456789012345678901234567890}; true",
        "user-logout; {'session_token': 't', 'user_id': 5.0}; false",
        "user-logout; {'session_token': 't', 'user_id': 1e3}; false",
        "user-logout; {'session_token': 't', 'user_id': '4'}; false",
        "user-logout; {'session_token': 't', 'user_id': null}; false",
        // bool accepts only booleans
        "session-delete-userid; {'session_token': 't', 'user_id': 4, 'keep_current_session': 1}; false",
        "session-delete-userid; {'session_token': 't', 'user_id': 4, 'keep_current_session': false}; true",
        // a required key present with null is not missing but fails its type (G123)
        "session-delete-userid; {'session_token': null, 'user_id': 4, 'keep_current_session': false}; false",
        // unions with None accept anything, including null
        "session-new; {'ip_address': 'i', 'user_agent': 'u', 'user_id': 'abc', 'expires': 'e', 'extra_info_json': 7}; true",
        "user-list; {'user_id': null}; true",
        "user-new; {'full_name': 'f', 'email': 'e', 'password': 'p', 'extra_info': 'x', 'verify_retry_wait': 'y', 'system_id': 5}; true",
        // Any rejects only null
        "user-lookup-match; {'by': 'user_id', 'match': 0}; true",
        "user-lookup-match; {'by': 'user_id', 'match': null}; false",
        // extra keys are ignored
        "session-exists; {'session_token': 't', 'whatever': [1, 2]}; true",
        // dict and str
        "internal-session-edit; {'target_session_token': 't', 'update_dict': []}; false",
        "session-exists; {'session_token': 5}; false",
        // the e-mail sending actions take their fixed schema (request-schema.md 7, G122)
        "user-sendemail-signup; {'email_address': 'a@b.org', 'session_token': 't', 'created_info': {}, 'server_name': 's', 'server_baseurl': 'b', 'account_verify_url': '/v', 'verification_token': 'v', 'verification_expiry': 900}; true",
        "user-sendemail-signup; {'email_address': 'a@b.org', 'session_token': 't', 'created_info': {}, 'server_name': 's', 'server_baseurl': 'b', 'server_verify_url': '/v', 'verification_token': 'v', 'verification_expiry': 900}; false",
        "user-sendemail-forgotpass; {'email_address': 'a@b.org', 'session_token': 't', 'server_name': 's', 'server_baseurl': 'b', 'password_forgot_url': '/f', 'verification_token': 'v', 'verification_expiry': 900, 'emailuser': 7}; true",
      })
  void problems_typeAndTruthinessRules_matchTheReference(
      String action, String body, boolean valid) {
    assertThat(problems(action, body).isEmpty()).isEqualTo(valid);
  }

  @Test
  void problems_union_isRenderedAsArrayInSchemaOrder() {
    List<ObjectNode> newKey = problems("apikey-new", "{'not_valid_before': 'soon'}");
    List<ObjectNode> refresh = problems("apikey-refresh-nosession", "{'not_valid_before': 'x'}");

    assertThat(newKey)
        .contains(
            json(
                "{'param': 'not_valid_before', 'problem': 'incorrect type',"
                    + " 'required_type': ['float', 'int'], 'required_param': true}"));
    assertThat(refresh)
        .contains(
            json(
                "{'param': 'not_valid_before', 'problem': 'incorrect type',"
                    + " 'required_type': ['int', 'float'], 'required_param': true}"));
  }

  @Test
  void params_sessionNew_listsTheSchemaExactly() {
    assertThat(ActionSchema.params("session-new").orElseThrow())
        .containsExactly(
            new ActionSchema.Param("ip_address", true, List.of("str")),
            new ActionSchema.Param("user_agent", true, List.of("str")),
            new ActionSchema.Param("user_id", true, List.of("int", "None")),
            new ActionSchema.Param("expires", true, List.of("str")),
            new ActionSchema.Param("extra_info_json", true, List.of("dict", "None")));
    assertThat(ActionSchema.params("nope")).isEmpty();
  }

  /** A body that passes the schema: one value of the first type token of each key. */
  static ObjectNode validBody(String action) {
    ObjectNode body = MAPPER.createObjectNode();
    for (ActionSchema.Param param : ActionSchema.params(action).orElseThrow()) {
      switch (param.types().get(0)) {
        case "str" -> body.put(param.name(), "x");
        case "int" -> body.put(param.name(), 4);
        case "float" -> body.put(param.name(), 0.5);
        case "bool" -> body.put(param.name(), true);
        case "dict" -> body.putObject(param.name()).put("k", "v");
        default -> body.put(param.name(), "anything");
      }
    }
    return body;
  }

  @Test
  void everyActionOfTheSchema_isImplemented() {
    DefaultActionDispatcher byTable = (DefaultActionDispatcher) dispatcher;

    assertThat(IMPLEMENTED).containsExactlyInAnyOrderElementsOf(ALL_ACTIONS);
    assertThat(ALL_ACTIONS)
        .allSatisfy(action -> assertThat(byTable.isImplemented(action)).isTrue());
  }

  @Test
  void dispatch_storeFailureEscapingAction_isBadRequestWithoutDetail() {
    store.close();

    DispatchResult result =
        dispatcher.dispatch(
            "user-set-emailverified", json("{'email': 'secret@x.org'}"), IntNode.valueOf(7));

    assertThat(result).isInstanceOf(DispatchResult.BadRequest.class);
    String reason = ((DispatchResult.BadRequest) result).reason();
    assertThat(reason).contains("user-set-emailverified").doesNotContain("secret@x.org");
  }

  @Test
  void dispatch_clientSuppliedReqidAndPiiSalt_haveNoEffect() {
    ObjectNode plain = answer("session-exists", json("{'session_token': 'nope'}"));
    ObjectNode withExtras =
        answer(
            "session-exists",
            json("{'session_token': 'nope', 'reqid': 99, 'pii_salt': {'not': 'a salt'}}"));

    assertThat(withExtras).isEqualTo(plain);
  }

  @Test
  void dispatch_body_isNotModified() {
    ObjectNode body = json("{'session_token': 'nope', 'reqid': 1}");
    ObjectNode copy = body.deepCopy();

    answer("session-delete", body);

    assertThat(body).isEqualTo(copy);
  }
}
