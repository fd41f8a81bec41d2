package io.kadring.bootstrap.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * The one JSON idiom of bootstrap: Jackson trees ({@link ObjectNode}, {@link JsonNode}) made,
 * read and written through one shared mapper. Reading takes one JSON value and nothing after it
 * (comments allowed, as the admin API always took them); writing is compact or pretty
 * (Jackson's default pretty printer, two-space indents).
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();
    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {}

    /** A new, empty object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A new, empty array. */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** {@code json} on one line, with no white space. */
    public static String compact(JsonNode json) {
        return write(COMPACT, json);
    }

    /** {@code json} over several lines, indented, without a final newline. */
    public static String pretty(JsonNode json) {
        return write(PRETTY, json);
    }

    /** The JSON object {@code text} spells; empty when it is malformed, empty, or another kind of value. */
    public static Optional<ObjectNode> parseObject(String text) {
        try {
            return MAPPER.readTree(text) instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** As {@link #parseObject(String)}, from UTF-8 (or UTF-16/32, detected) bytes. */
    public static Optional<ObjectNode> parseObject(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes) instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A value as a person reads it: a string as it is (no quotes), {@code "null"} for a null or
     * missing one, anything else as compact JSON.
     */
    public static String text(JsonNode value) {
        if (isAbsent(value)) return "null";
        return value.isTextual() ? value.textValue() : compact(value);
    }

    /** Whether {@code value} is absent, JSON null or missing: what a lookup of an unset field gives. */
    public static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    private static String write(ObjectWriter writer, JsonNode json) {
        try {
            return writer.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            // a tree of plain nodes always writes; this is a bug, not bad input
            throw new IllegalStateException("cannot write a JSON tree: " + e.getOriginalMessage(), e);
        }
    }
}
