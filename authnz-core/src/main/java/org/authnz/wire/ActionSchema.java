package org.authnz.wire;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request schema of the 38 wire actions ({@code request-schema.md} section 5) and the
 * reference's validation of a body against it (sections 2-3).
 *
 * <p>Two entries deliberately differ from the reference, fixing the defects of section 7 that no
 * working client can depend on: {@code user-sendemail-signup} takes {@code email_address: str},
 * {@code created_info: dict} and requires {@code account_verify_url} (in place of the unused {@code
 * server_verify_url}); {@code user-sendemail-forgotpass} takes {@code email_address: str}. The
 * loose rules of the reference (optional keys unchecked when falsy, unions with {@code None}
 * accepting anything, booleans accepted as {@code int}) are kept.
 *
 * <p>Immutable and thread-safe.
 */
public final class ActionSchema {

  /** One key of an action's body: its name, whether it is required, and its type tokens. */
  public record Param(String name, boolean required, List<String> types) {
    public Param {
      requireNonNull(name, "name");
      types = List.copyOf(types);
    }
  }

  // action -> "required keys ; optional keys", each "name:token|token", in schema order.
  private static final String[][] TABLE = {
    {
      "session-new",
      "ip_address:str, user_agent:str, user_id:int|None, expires:str,"
          + " extra_info_json:dict|None"
    },
    {"session-exists", "session_token:str"},
    {"session-delete", "session_token:str"},
    {"session-delete-userid", "session_token:str, user_id:int, keep_current_session:bool"},
    {"user-login", "session_token:str, email:str, password:str"},
    {"user-logout", "session_token:str, user_id:int"},
    {"user-passcheck", "session_token:str, password:str"},
    {"user-passcheck-nosession", "email:str, password:str"},
    {
      "user-new",
      "full_name:str, email:str, password:str;"
          + " extra_info:dict|None, verify_retry_wait:int|None, system_id:str|None"
    },
    {
      "user-changepass",
      "user_id:int, session_token:str, full_name:str, email:str, current_password:str,"
          + " new_password:str"
    },
    {
      "user-changepass-nosession",
      "user_id:int, full_name:str, email:str, current_password:str, new_password:str"
    },
    {"user-delete", "email:str, user_id:int, password:str"},
    {"user-list", "user_id:int|None"},
    {"user-lookup-email", "email:str"},
    {"user-lookup-match", "by:str, match:Any"},
    {
      "user-edit",
      "user_id:int, user_role:str, session_token:str, target_userid:int, update_dict:dict"
    },
    {"user-resetpass", "email_address:str, new_password:str, session_token:str"},
    {"user-resetpass-nosession", "email_address:str, new_password:str, required_active:bool"},
    {"user-lock", "user_id:int, user_role:str, session_token:str, target_userid:int, action:str"},
    {
      "user-validatepass",
      "password:str, email:str, full_name:str; min_pass_length:int,"
          + " max_unsafe_similarity:int, max_character_frequency:float, min_pwned_matches:int"
    },
    {
      "user-sendemail-signup",
      "email_address:str, session_token:str, created_info:dict, server_name:str,"
          + " server_baseurl:str, account_verify_url:str, verification_token:str,"
          + " verification_expiry:int; emailuser:str|None, emailpass:str|None, emailserver:str,"
          + " emailport:int, emailsender:str"
    },
    {
      "user-sendemail-forgotpass",
      "email_address:str, session_token:str, server_name:str, server_baseurl:str,"
          + " password_forgot_url:str, verification_token:str, verification_expiry:int;"
          + " emailuser:str|None, emailpass:str|None, emailserver:str, emailport:int,"
          + " emailsender:str"
    },
    {"user-set-emailverified", "email:str"},
    {"user-set-emailsent", "email:str, email_type:str"},
    {
      "apikey-new",
      "issuer:str, audience:str, subject:str, apiversion:str|int, expires_days:int,"
          + " not_valid_before:float|int, user_id:int, user_role:str, ip_address:str,"
          + " user_agent:str, session_token:str"
    },
    {"apikey-verify", "apikey_dict:dict, user_id:int, user_role:str"},
    {"apikey-revoke", "apikey_dict:dict, user_id:int, user_role:str"},
    {
      "apikey-new-nosession",
      "issuer:str, audience:str, subject:str, apiversion:str|int, expires_seconds:int,"
          + " not_valid_before:float|int, user_id:int, user_role:str, ip_address:str,"
          + " refresh_expires:int, refresh_nbf:float|int"
    },
    {"apikey-verify-nosession", "apikey_dict:dict, user_id:int, user_role:str"},
    {"apikey-revoke-nosession", "apikey_dict:dict, user_id:int, user_role:str"},
    {"apikey-revokeall-nosession", "apikey_dict:dict, user_id:int, user_role:str"},
    {
      "apikey-refresh-nosession",
      "apikey_dict:dict, user_id:int, user_role:str, refresh_token:str, ip_address:str,"
          + " expires_seconds:int, not_valid_before:int|float, refresh_expires:int,"
          + " refresh_nbf:int|float"
    },
    {
      "user-check-access",
      "user_id:int, user_role:str, action:str, target_name:str, target_owner:int,"
          + " target_visibility:str, target_sharedwith:str"
    },
    {"user-check-limit", "user_id:int, user_role:str, limit_name:str, value_to_check:Any"},
    {"internal-user-lock", "target_userid:int, action:str"},
    {"internal-user-delete", "target_userid:int"},
    {"internal-user-edit", "target_userid:int, update_dict:dict"},
    {"internal-session-edit", "target_session_token:str, update_dict:dict"},
  };

  private static final Map<String, List<Param>> SCHEMAS = parse();

  private ActionSchema() {}

  /** The 38 action names in the reference's table order. */
  public static List<String> actions() {
    return List.copyOf(SCHEMAS.keySet());
  }

  /** The keys of {@code action} in schema order (required first), or empty for an unknown name. */
  public static Optional<List<Param>> params(String action) {
    return Optional.ofNullable(SCHEMAS.get(action));
  }

  /**
   * Validates {@code body} against the action's schema.
   *
   * @return the {@code problems} entries, required keys first, in schema order; empty when valid
   * @throws IllegalArgumentException for an unknown action
   */
  public static List<ObjectNode> problems(String action, ObjectNode body) {
    List<Param> params = SCHEMAS.get(action);
    if (params == null) {
      throw new IllegalArgumentException("unknown action");
    }
    List<ObjectNode> problems = new ArrayList<>();
    for (Param param : params) {
      JsonNode value = body.get(param.name());
      if (param.required()) {
        if (value == null) {
          problems.add(problem(param, "missing"));
        } else if (!accepts(param.types(), value)) {
          problems.add(problem(param, "incorrect type"));
        }
      } else if (isTruthy(value) && !accepts(param.types(), value)) {
        problems.add(problem(param, "incorrect type"));
      }
    }
    return problems;
  }

  /**
   * The result object that replaces an action's result when its body fails validation ({@code
   * request-schema.md} 3).
   */
  public static ObjectNode failureReport(String action, List<ObjectNode> problems) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode inner = f.objectNode();
    ArrayNode list = inner.putArray("problems");
    problems.forEach(list::add);
    inner.put("failure_reason", "invalid request parameters");
    ObjectNode result = f.objectNode();
    result.put("success", false);
    result.set("response", inner);
    result.putArray("messages").add("request '" + action + "' has invalid parameters");
    return result;
  }

  /** Whether a value passes a union of type tokens. */
  static boolean accepts(List<String> types, JsonNode value) {
    for (String type : types) {
      if (accepts(type, value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean accepts(String type, JsonNode value) {
    return switch (type) {
      case "str" -> value.isTextual();
      case "int" -> value.isIntegralNumber() || value.isBoolean();
      case "float" -> value.isFloatingPointNumber();
      case "bool" -> value.isBoolean();
      case "dict" -> value.isObject();
      case "list" -> value.isArray();
      case "Any" -> !value.isNull();
      case "None" -> true;
      default -> throw new IllegalStateException("unknown type token " + type);
    };
  }

  /** Python truthiness: null, false, 0, 0.0, "", [] and {} are falsy. */
  static boolean isTruthy(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().signum() != 0;
    }
    if (value.isNumber()) {
      return value.doubleValue() != 0.0; // NaN is truthy, as in Python
    }
    if (value.isTextual()) {
      return !value.textValue().isEmpty();
    }
    if (value.isContainerNode()) {
      return value.size() > 0;
    }
    return true;
  }

  private static ObjectNode problem(Param param, String kind) {
    ObjectNode problem = JsonNodeFactory.instance.objectNode();
    problem.put("param", param.name());
    problem.put("problem", kind);
    if (param.types().size() == 1) {
      problem.put("required_type", param.types().get(0));
    } else {
      ArrayNode types = problem.putArray("required_type");
      param.types().forEach(types::add);
    }
    problem.put("required_param", param.required());
    return problem;
  }

  private static Map<String, List<Param>> parse() {
    Map<String, List<Param>> schemas = new LinkedHashMap<>();
    for (String[] row : TABLE) {
      String[] parts = row[1].split(";", -1);
      List<Param> params = new ArrayList<>();
      addParams(params, parts[0], true);
      if (parts.length > 1) {
        addParams(params, parts[1], false);
      }
      schemas.put(row[0], List.copyOf(params));
    }
    return Collections.unmodifiableMap(schemas);
  }

  private static void addParams(List<Param> params, String spec, boolean required) {
    for (String item : spec.split(",")) {
      String[] nameAndTypes = item.strip().split(":");
      params.add(new Param(nameAndTypes[0], required, List.of(nameAndTypes[1].split("\\|"))));
    }
  }
}
