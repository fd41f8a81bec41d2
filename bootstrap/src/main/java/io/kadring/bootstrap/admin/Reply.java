package io.kadring.bootstrap.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** One HTTP answer: status, content type and body. */
record Reply(int status, String contentType, String body) {
    private static final String JSON = "application/json; charset=utf-8";

    static Reply json(JsonObject body) {
        return json(200, body);
    }

    static Reply json(int status, JsonObject body) {
        return new Reply(status, JSON, body.encodePrettily() + "\n");
    }

    static Reply json(JsonArray body) {
        return new Reply(200, JSON, body.encodePrettily() + "\n");
    }

    /** {@code {"error": message}} with {@code status}. */
    static Reply error(int status, String message) {
        return new Reply(status, JSON, new JsonObject().put("error", message).encode() + "\n");
    }
}
