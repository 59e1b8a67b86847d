package org.authnz.store.jdbc.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * JSON column text in the reference's style: {@code ", "} between entries, {@code ": "} between a
 * name and its value, no other whitespace, and every character outside printable ASCII escaped as a
 * lower-case {@code \}{@code uXXXX} (spec/storage-schema.md section 6.2). Thread-safe.
 */
public final class ReferenceJson {
  private static final ObjectWriter WRITER;
  private static final ObjectReader READER;

  static {
    JsonFactory factory =
        new JsonFactoryBuilder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .characterEscapes(new DeleteEscapes())
            .build();
    // Floats stay exact decimals, as the wire reads them: a double would turn 1e400 into an
    // infinity that JSON cannot carry back to the client.
    JsonMapper mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEntrySpacing(Separators.Spacing.AFTER)
            .withArrayValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(separators)
            .withObjectIndenter(DefaultPrettyPrinter.NopIndenter.instance)
            .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);
    WRITER = mapper.writer(printer);
    READER = mapper.reader();
  }

  private ReferenceJson() {}

  /** Serialises an object, or returns null (SQL NULL) for null. */
  public static @Nullable String write(@Nullable ObjectNode value) {
    if (value == null) {
      return null;
    }
    try {
      return WRITER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /**
   * Parses a stored column; SQL NULL and a JSON {@code null} both give null.
   *
   * @throws IllegalArgumentException when the text is not JSON or not an object
   */
  public static @Nullable ObjectNode read(@Nullable String text) {
    if (text == null) {
      return null;
    }
    JsonNode node;
    try {
      node = READER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("stored JSON column is not valid JSON");
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw new IllegalArgumentException("stored JSON column is not an object");
  }

  /** Escapes DEL (0x7F) as well, as the reference's ASCII-only encoder does. */
  private static final class DeleteEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] asciiEscapes;

    DeleteEscapes() {
      asciiEscapes = CharacterEscapes.standardAsciiEscapesForJSON();
      asciiEscapes[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return asciiEscapes;
    }

    @Override
    public com.fasterxml.jackson.core.@Nullable SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }
}
