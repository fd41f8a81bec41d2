package io.kadring.bootstrap.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.kadring.bootstrap.text.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP answer: status, content type, body and any further headers. */
record Reply(int status, String contentType, String body, Map<String, String> headers) {
    private static final String JSON = "application/json; charset=utf-8";

    Reply {
        headers = Map.copyOf(headers);
    }

    Reply(int status, String contentType, String body) {
        this(status, contentType, body, Map.of());
    }

    /** 200 with {@code body}, an object or an array, pretty-printed. */
    static Reply json(JsonNode body) {
        return json(200, body);
    }

    static Reply json(int status, JsonNode body) {
        return new Reply(status, JSON, Json.pretty(body) + "\n");
    }

    /** {@code {"error": message, "reason": code}} with {@code status}; the code says what kind of error (see {@link #reason}). */
    static Reply error(int status, String message) {
        return new Reply(status, JSON, Json.compact(Json.object().put("error", message).put("reason", reason(status))) + "\n");
    }

    /** This answer with one more header. */
    Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, contentType, body, more);
    }

    /** The {@code reason} code of an error with {@code status}, for scripts that branch on it. */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden_host";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 500 -> "internal";
            case 503 -> "not_running";
            case 504 -> "timeout";
            default -> throw new IllegalArgumentException("no reason code for HTTP status " + status);
        };
    }
}
