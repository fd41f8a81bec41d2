package io.kadring.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kadring.bootstrap.text.AddressText;
import io.kadring.bootstrap.text.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls a running peer's admin API and hands back its JSON answer. Plain
 * {@link HttpURLConnection}, no proxy: a client command is one request or two, and
 * {@code java.net.http.HttpClient} costs about 0.4 s of start-up (TLS set-up included) that a
 * short-lived process would pay every time.
 *
 * <p>One client serves one command: its timeout bounds all its requests together, connecting
 * included. Failures every command treats alike (unreachable, timeout, 401, a peer that has
 * not joined yet, an answer that is not JSON) are thrown here as {@link CommandFailure}s with a
 * reason code; the rest come back as an {@link Answer} for the command to judge.
 */
final class AdminClient {
    static final String UNREACHABLE = "unreachable";
    static final String TIMEOUT = "timeout";
    static final String UNAUTHORIZED = "unauthorized";
    static final String NOT_JOINED = "not_joined";
    static final String NOT_FOUND = "not_found";
    static final String BAD_ANSWER = "bad_answer";

    /** An answer: the HTTP status and the JSON object the peer sent. */
    record Answer(int status, ObjectNode body) {
        boolean ok() {
            return status == 200;
        }

        /** The peer's {@code error} field, or the status when there is none. */
        String error() {
            return text("error").orElse("HTTP " + status);
        }

        /** The peer's {@code reason} field (a record rejection's SEQ_TOO_LOW...), or a code for the status. */
        String reason() {
            Optional<String> reason = text("reason").filter(r -> !r.isBlank());
            if (reason.isPresent()) return reason.get();
            return switch (status) {
                case 400, 405, 413, 415 -> "bad_request";
                case 401 -> UNAUTHORIZED;
                case 403 -> "forbidden";
                case 404 -> NOT_FOUND;
                case 409 -> "conflict";
                case 422 -> "rejected";
                case 429 -> "rate_limited";
                case 503 -> "unavailable";
                case 504 -> "network_timeout";
                default -> status >= 500 ? "peer_error" : "http_" + status;
            };
        }

        /** The string field {@code name} of the body; empty when it is absent or not a string. */
        Optional<String> text(String name) {
            JsonNode value = body.get(name);
            return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
        }

        /** This answer as a failure, "{@code what}: the peer's error"; a 400 was the user's fault (exit 2). */
        CommandFailure failure(String what) {
            String message = what + ": " + error();
            return status == 400 ? CommandFailure.usage(message, reason()) : new CommandFailure(message, reason());
        }
    }

    /** What one exchange brought back before it was judged. */
    private record Exchange(int status, String text) {}

    private final InetSocketAddress admin;
    private final Duration timeout;
    private final Path tokenFile;
    private final String token;
    private final long deadlineNanos;

    /**
     * @param timeout how long all this client's requests may take together
     * @param tokenFile where {@code token} came from, for messages; null when there is no token
     * @param token the bearer token to send, or null
     */
    AdminClient(InetSocketAddress admin, Duration timeout, Path tokenFile, String token) {
        this.admin = admin;
        this.timeout = timeout;
        this.tokenFile = tokenFile;
        this.token = token;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /** GETs {@code path}; a peer that cannot be reached or answers garbage is a {@link CommandFailure}. */
    Answer get(String path) {
        return send("GET", path, null);
    }

    /** POSTs {@code body} as JSON to {@code path}; failures as for {@link #get}. */
    Answer post(String path, ObjectNode body) {
        return send("POST", path, Json.compact(body).getBytes(StandardCharsets.UTF_8));
    }

    /** What reads a stream: one line at a time, false to stop reading. */
    @FunctionalInterface
    interface LineSink {
        boolean line(String line);
    }

    /**
     * GETs {@code path} as a stream of lines ({@code text/event-stream}) and hands each line to
     * {@code sink} until it says stop or the peer closes; on this thread, with no overall
     * deadline. The timeout bounds connecting and the answer's head; after that a silence of
     * {@code silenceLimit} (the peer sends a comment line every few seconds) is a failure. A
     * non-200 answer is judged as {@link #get}'s and returned; null once the stream was read.
     */
    Answer stream(String path, Duration silenceLimit, LineSink sink) {
        String where = AddressText.format(admin);
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + where + path).toURL()
                    .openConnection(Proxy.NO_PROXY);
            try {
                connection.setConnectTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
                connection.setReadTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, silenceLimit.toMillis())));
                connection.setRequestProperty("accept", "text/event-stream");
                if (token != null) connection.setRequestProperty("authorization", "Bearer " + token);
                int status = connection.getResponseCode();
                if (status != 200) {
                    try (InputStream in = connection.getErrorStream()) {
                        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        return judge(where, path, new Exchange(status, text));
                    }
                }
                try (java.io.BufferedReader in = new java.io.BufferedReader(
                        new java.io.InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (!sink.line(line)) return null;
                    }
                }
                throw new CommandFailure("the peer's admin API at " + where + " closed the stream " + path, UNREACHABLE);
            } finally {
                connection.disconnect();
            }
        } catch (SocketTimeoutException e) {
            throw new CommandFailure("the peer's admin API at " + where + " went silent on " + path + " for "
                    + SecondsConverter.format(silenceLimit) + " s", TIMEOUT, e);
        } catch (IOException e) {
            throw failure(where, path, e);
        }
    }

    private Answer send(String method, String path, byte[] body) {
        String where = AddressText.format(admin);
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) throw timedOut(where, path, null);
        // The exchange runs on its own thread so that the deadline bounds it as a whole: socket
        // timeouts bound each connect and each read, not a peer that answers a byte at a time.
        // The thread ends by itself once its socket times out; it never keeps the JVM alive.
        FutureTask<Exchange> exchange = new FutureTask<>(() -> exchange(where, method, path, body, remaining));
        Thread thread = new Thread(exchange, "kadring-admin-request");
        thread.setDaemon(true);
        thread.start();
        Exchange result;
        try {
            result = exchange.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw timedOut(where, path, e);
        } catch (ExecutionException e) {
            throw failure(where, path, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted while waiting for the peer's admin API at " + where, "interrupted", e);
        }
        return judge(where, path, result);
    }

    private Exchange exchange(String where, String method, String path, byte[] body, long remainingNanos)
            throws IOException {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(remainingNanos)));
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + where + path).toURL()
                .openConnection(Proxy.NO_PROXY);
        try {
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            connection.setRequestMethod(method);
            connection.setRequestProperty("accept", "application/json");
            if (token != null) connection.setRequestProperty("authorization", "Bearer " + token);
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("content-type", "application/json");
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                return new Exchange(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            connection.disconnect();
        }
    }

    private CommandFailure failure(String where, String path, Throwable e) {
        if (e instanceof ConnectException) {
            return new CommandFailure("cannot reach the peer's admin API at " + where
                    + " (connection refused); is `kadring peer` running with that --admin-port?", UNREACHABLE, e);
        }
        if (e instanceof SocketTimeoutException) return timedOut(where, path, e);
        if (e instanceof IOException) {
            return new CommandFailure("cannot reach the peer's admin API at " + where + ": "
                    + CommandFailure.describe(e, where), UNREACHABLE, e);
        }
        if (e instanceof RuntimeException r) throw r; // a bug: FailureReport reports it as an internal error
        if (e instanceof Error error) throw error;
        return new CommandFailure("the request to the peer's admin API at " + where + " failed: "
                + CommandFailure.describe(e, where), UNREACHABLE, e);
    }

    private CommandFailure timedOut(String where, String path, Throwable cause) {
        return new CommandFailure("the peer's admin API at " + where + " did not answer " + path + " within "
                + SecondsConverter.format(timeout) + " s", TIMEOUT, cause);
    }

    /** The answer, unless it is a failure every command reports alike. */
    private Answer judge(String where, String path, Exchange exchange) {
        ObjectNode body = Json.parseObject(exchange.text()).orElse(null);
        int status = exchange.status();
        if (status == 401) {
            String why = token == null
                    ? "it needs the bearer token of its --admin-token-file (give it with --admin-token-file)"
                    : "the bearer token in " + tokenFile + " is not the one of its --admin-token-file";
            Answer answer = new Answer(status, body == null ? Json.object() : body);
            throw new CommandFailure("the peer's admin API at " + where + " refused the request: " + why, answer.reason());
        }
        if (body == null) {
            throw new CommandFailure("the admin API at " + where + " answered " + path + " with HTTP " + status
                    + " and no JSON object; is that a kadring peer?", BAD_ANSWER);
        }
        Answer answer = new Answer(status, body);
        if (!answer.ok() && answer.text("reason").filter(NOT_JOINED::equals).isPresent()) throw new CommandFailure(answer.error(), NOT_JOINED);
        if (status == 403) throw new CommandFailure("the peer's admin API at " + where + " refused the request: " + answer.error(),
                answer.reason());
        return answer;
    }
}
