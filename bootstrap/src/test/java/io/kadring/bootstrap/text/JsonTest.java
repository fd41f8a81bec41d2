package io.kadring.bootstrap.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
    /** An answer of every shape the admin API writes: strings, numbers, null, nested, empty. */
    private static ObjectNode sample() {
        ObjectNode json = Json.object().put("key", "ab").put("seq", Long.MAX_VALUE).put("stored", 3)
                .put("successor", (String) null).put("text", "é \"quoted\" /\n");
        json.set("outcomes", Json.array().add(Json.object().put("id", "01").put("code", (Integer) null)).add(7));
        json.set("empty", Json.array());
        json.set("none", Json.object());
        return json;
    }

    @Test
    void writesAsVertxJsonObjectDid() {
        JsonObject vertx = new JsonObject(Json.compact(sample()));
        assertEquals(vertx.encode(), Json.compact(sample()));
        assertEquals(vertx.encodePrettily(), Json.pretty(sample()));
    }

    @Test
    void readsOneObjectOnly() {
        assertEquals(sample(), Json.parseObject(Json.pretty(sample())).orElseThrow());
        assertEquals(sample(), Json.parseObject(Json.compact(sample()).getBytes(StandardCharsets.UTF_8)).orElseThrow());
        assertEquals(1, Json.parseObject("/* a comment */ {\"a\": 1} // another").orElseThrow().get("a").intValue());
        for (String notAnObject : List.of("", " ", "[1]", "{", "null", "\"record\"", "7", "{} {}", "{}x")) {
            assertTrue(Json.parseObject(notAnObject).isEmpty(), notAnObject);
        }
    }

    @Test
    void textIsWhatAPersonReads() {
        ObjectNode json = sample();
        assertEquals("ab", Json.text(json.get("key")));
        assertEquals("3", Json.text(json.get("stored")));
        assertEquals("null", Json.text(json.get("successor")));
        assertEquals("null", Json.text(json.get("absent")));
        assertEquals("null", Json.text(json.path("absent")));
        assertEquals("[]", Json.text(json.get("empty")));
    }
}
