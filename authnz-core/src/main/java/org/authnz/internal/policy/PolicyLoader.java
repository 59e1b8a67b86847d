package org.authnz.internal.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.authnz.InvalidConfigurationException;
import org.authnz.internal.policy.PolicyDocument.ItemRules;
import org.authnz.internal.policy.PolicyDocument.RoleRules;
import org.jspecify.annotations.Nullable;

/**
 * Reads a policy document and validates it: the keys the reference requires, every list a JSON
 * array of strings, and, stricter than the reference, well-formed limits. Errors name the bad key.
 * Thread-safe.
 */
final class PolicyLoader {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private PolicyLoader() {}

  static PolicyDocument load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidConfigurationException("cannot read the permissions policy " + file, e);
    }
    return parse(text, file.toString());
  }

  static PolicyDocument bundled(String resource) {
    try (InputStream in = PolicyLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("bundled permissions policy missing: " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled default");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PolicyDocument parse(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      // The parser's message quotes the document; keep it out of the exception.
      throw new InvalidConfigurationException(
          "permissions policy "
              + source
              + " is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ")");
    }
    return new PolicyLoader.Reading(source).document(root);
  }

  /** One validation run, remembering the source for messages. */
  private static final class Reading {
    private final String source;

    Reading(String source) {
      this.source = source;
    }

    PolicyDocument document(@Nullable JsonNode root) {
      if (root == null || !root.isObject()) {
        throw bad("the document", "must be a JSON object");
      }
      Set<String> roles = strings(root, "roles", "roles");
      strings(root, "items", "items");
      strings(root, "actions", "actions");
      strings(root, "visibilities", "visibilities");
      Map<String, LimitType> limitTypes = limitTypes(root.get("limits"));
      JsonNode items = object(root, "item_policy", "item_policy");
      JsonNode rolePolicies = object(root, "role_policy", "role_policy");

      Map<String, ItemPolicy> itemPolicies = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = items.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        itemPolicies.put(e.getKey(), itemPolicy(e.getKey(), e.getValue()));
      }
      Map<String, RoleRules> roleRules = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = rolePolicies.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        roleRules.put(e.getKey(), roleRules(e.getKey(), e.getValue(), itemPolicies, limitTypes));
      }
      return new PolicyDocument(roles, roleRules);
    }

    private ItemPolicy itemPolicy(String item, JsonNode node) {
      String path = "item_policy." + item;
      if (!node.isObject()) {
        throw bad(path, "must be a JSON object");
      }
      return new ItemPolicy(
          strings(node, "valid_role_actions", path + ".valid_role_actions"),
          strings(node, "valid_visibilities", path + ".valid_visibilities"),
          strings(node, "invalid_roles", path + ".invalid_roles"));
    }

    private RoleRules roleRules(
        String role,
        JsonNode node,
        Map<String, ItemPolicy> items,
        @Nullable Map<String, LimitType> limitTypes) {
      String path = "role_policy." + role;
      if (!node.isObject()) {
        throw bad(path, "must be a JSON object");
      }
      Set<String> canOwn = strings(node, "can_own_items", path + ".can_own_items");
      Set<String> forOwned =
          strings(node, "allowed_actions_for_owned", path + ".allowed_actions_for_owned");
      JsonNode forOtherNode =
          object(node, "allowed_actions_for_other", path + ".allowed_actions_for_other");
      Map<String, Set<String>> forOther = new HashMap<>();
      for (Iterator<String> it = forOtherNode.fieldNames(); it.hasNext(); ) {
        String visibility = it.next();
        forOther.put(
            visibility,
            strings(forOtherNode, visibility, path + ".allowed_actions_for_other." + visibility));
      }

      Map<String, ItemRules> rules = new HashMap<>();
      for (Map.Entry<String, ItemPolicy> e : items.entrySet()) {
        rules.put(
            e.getKey(),
            e.getValue().rulesFor(role, canOwn.contains(e.getKey()), forOwned, forOther));
      }
      return new RoleRules(rules, limits(node.get("limits"), path + ".limits", limitTypes));
    }

    /** The top-level limit types; null when the key is absent. */
    private @Nullable Map<String, LimitType> limitTypes(@Nullable JsonNode node) {
      if (node == null) {
        return null;
      }
      if (!node.isObject()) {
        throw bad("limits", "must be a JSON object");
      }
      Map<String, LimitType> types = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String path = "limits." + e.getKey();
        JsonNode type = e.getValue();
        if (!type.isObject()) {
          throw bad(path, "must be a JSON object");
        }
        String valueType = text(type, "type", path + ".type");
        String operator = text(type, "operator", path + ".operator");
        if (!valueType.equals("int") && !valueType.equals("float")) {
          throw bad(path + ".type", "must be \"int\" or \"float\"");
        }
        if (!operator.equals("lt") && !operator.equals("gt")) {
          throw bad(path + ".operator", "must be \"lt\" or \"gt\"");
        }
        types.put(e.getKey(), new LimitType(valueType.equals("float"), operator.equals("lt")));
      }
      return types;
    }

    /** A role's limits; null when the key is absent (every limit check of the role fails). */
    private @Nullable Map<String, LimitRule> limits(
        @Nullable JsonNode node, String path, @Nullable Map<String, LimitType> types) {
      if (node == null) {
        return null;
      }
      if (!node.isObject()) {
        throw bad(path, "must be a JSON object");
      }
      Map<String, LimitRule> rules = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String entryPath = path + "." + e.getKey();
        JsonNode entry = e.getValue();
        if (entry.isNull() || (entry.isObject() && entry.isEmpty())) {
          rules.put(e.getKey(), LimitRule.NONE);
          continue;
        }
        if (!entry.isObject()) {
          throw bad(entryPath, "must be a JSON object or null");
        }
        String typeName = text(entry, "type", entryPath + ".type");
        LimitType type = types == null ? null : types.get(typeName);
        if (type == null) {
          throw bad(entryPath + ".type", "names no limit type of the top-level 'limits'");
        }
        JsonNode limit = entry.get("limit");
        if (limit == null || !limit.isNumber()) {
          throw bad(entryPath + ".limit", "must be a number");
        }
        rules.put(e.getKey(), LimitRule.of(type.isFloat(), type.lessThan(), limit.numberValue()));
      }
      return rules;
    }

    private JsonNode object(JsonNode parent, String key, String path) {
      JsonNode node = parent.get(key);
      if (node == null) {
        throw bad(path, "is missing");
      }
      if (!node.isObject()) {
        throw bad(path, "must be a JSON object");
      }
      return node;
    }

    private String text(JsonNode parent, String key, String path) {
      JsonNode node = parent.get(key);
      if (node == null) {
        throw bad(path, "is missing");
      }
      if (!node.isTextual()) {
        throw bad(path, "must be a string");
      }
      return node.textValue();
    }

    private Set<String> strings(JsonNode parent, String key, String path) {
      JsonNode node = parent.get(key);
      if (node == null) {
        throw bad(path, "is missing");
      }
      if (!node.isArray()) {
        throw bad(path, "must be an array of strings");
      }
      Set<String> values = new LinkedHashSet<>();
      for (JsonNode value : node) {
        if (!value.isTextual()) {
          throw bad(path, "must be an array of strings");
        }
        values.add(value.textValue());
      }
      return values;
    }

    private InvalidConfigurationException bad(String path, String problem) {
      return new InvalidConfigurationException(
          "permissions policy " + source + ": '" + path + "' " + problem);
    }
  }

  /** A top-level limit type. */
  private record LimitType(boolean isFloat, boolean lessThan) {}

  /** An item policy as read. */
  private record ItemPolicy(
      Set<String> validActions, Set<String> validVisibilities, Set<String> invalidRoles) {

    /** The actions of section 3.3 for one role, by visibility, owned and other. */
    ItemRules rulesFor(
        String role, boolean canOwn, Set<String> forOwned, Map<String, Set<String>> forOther) {
      Map<String, Set<String>> owned = new HashMap<>();
      Map<String, Set<String>> other = new HashMap<>();
      if (!invalidRoles.contains(role)) {
        for (String visibility : validVisibilities) {
          if (canOwn) {
            owned.put(visibility, intersect(forOwned, validActions));
          }
          Set<String> actions = forOther.get(visibility);
          if (actions != null) {
            other.put(visibility, intersect(actions, validActions));
          }
        }
      }
      return new ItemRules(Map.copyOf(owned), Map.copyOf(other));
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
      Set<String> both = new HashSet<>(a);
      both.retainAll(b);
      return Set.copyOf(both);
    }
  }
}
