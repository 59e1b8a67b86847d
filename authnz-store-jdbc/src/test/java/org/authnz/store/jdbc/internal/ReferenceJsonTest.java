package org.authnz.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ReferenceJsonTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void write_object_usesReferenceSeparators() {
    ObjectNode node = NODES.objectNode().put("provenance", "auto-created").put("type", "x");
    node.putArray("list").add(1).add("two").addObject();
    node.putObject("empty");

    assertThat(ReferenceJson.write(node))
        .isEqualTo(
            "{\"provenance\": \"auto-created\", \"type\": \"x\", \"list\": [1, \"two\", {}],"
                + " \"empty\": {}}");
  }

  @Test
  void write_nonAsciiAndControlCharacters_areEscapedInLowerCaseHex() {
    ObjectNode node = NODES.objectNode().put("k", "caf\u00e9 \uD83D\uDE00 \u007f \n \"");

    assertThat(ReferenceJson.write(node))
        .isEqualTo("{\"k\": \"caf\\u00e9 \\ud83d\\ude00 \\u007f \\n \\\"\"}");
  }

  @Test
  void write_null_givesSqlNull() {
    assertThat(ReferenceJson.write(null)).isNull();
  }

  @Test
  void read_nullTextOrJsonNull_givesNull() {
    assertThat(ReferenceJson.read(null)).isNull();
    assertThat(ReferenceJson.read("null")).isNull();
  }

  @Test
  void read_compactJsonFromAnotherWriter_isAccepted() {
    assertThat(ReferenceJson.read("{\"a\":{\"b\":[1,2]}}"))
        .isEqualTo(
            NODES
                .objectNode()
                .set("a", NODES.objectNode().set("b", NODES.arrayNode().add(1).add(2))));
  }

  @Test
  void read_notAnObject_throwsIllegalArgument() {
    assertThatThrownBy(() -> ReferenceJson.read("[1]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReferenceJson.read("{broken"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void read_floatBeyondDouble_staysFiniteAndExact() {
    ObjectNode node = NODES.objectNode().put("v", new java.math.BigDecimal("1e400"));

    ObjectNode back = ReferenceJson.read(ReferenceJson.write(node));

    assertThat(back.get("v").isBigDecimal()).isTrue();
    assertThat(back.get("v").decimalValue()).isEqualByComparingTo("1e400");
  }
}
