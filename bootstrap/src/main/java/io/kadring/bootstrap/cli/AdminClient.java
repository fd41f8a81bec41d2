package io.kadring.bootstrap.cli;

import io.kadring.bootstrap.AddressText;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
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
import java.time.Duration;

/**
 * Calls a running peer's admin API and hands back its JSON answer. Plain
 * {@link HttpURLConnection}, no proxy: a client command is one request or two, and
 * {@code java.net.http.HttpClient} costs about 0.4 s of start-up (TLS set-up included) that a
 * short-lived process would pay every time.
 */
final class AdminClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** An answer: the HTTP status and the JSON object the peer sent. */
    record Answer(int status, JsonObject body) {
        boolean ok() {
            return status == 200;
        }

        /** The peer's {@code error} field, or the status when there is none. */
        String error() {
            String error = body.getString("error");
            return error != null ? error : "HTTP " + status;
        }
    }

    private final InetSocketAddress admin;

    AdminClient(InetSocketAddress admin) {
        this.admin = admin;
    }

    /** GETs {@code path}; a peer that cannot be reached or answers garbage is a {@link CommandFailure}. */
    Answer get(String path) {
        return send("GET", path, null);
    }

    /** POSTs {@code body} as JSON to {@code path}; failures as for {@link #get}. */
    Answer post(String path, JsonObject body) {
        return send("POST", path, body.encode().getBytes(StandardCharsets.UTF_8));
    }

    private Answer send(String method, String path, byte[] body) {
        String where = AddressText.format(admin);
        int status;
        String text;
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + where + path).toURL()
                    .openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
            connection.setRequestMethod(method);
            connection.setRequestProperty("accept", "application/json");
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("content-type", "application/json");
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            status = connection.getResponseCode();
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            connection.disconnect();
        } catch (ConnectException e) {
            throw new CommandFailure("cannot reach the peer's admin API at " + where
                    + " (connection refused); is `kadring peer` running with that --admin-port?", e);
        } catch (SocketTimeoutException e) {
            throw new CommandFailure("the peer's admin API at " + where + " did not answer " + path + " in time", e);
        } catch (IOException e) {
            throw new CommandFailure("cannot reach the peer's admin API at " + where + ": " + e, e);
        }
        try {
            return new Answer(status, new JsonObject(text));
        } catch (DecodeException | ClassCastException | NullPointerException e) {
            throw new CommandFailure("the admin API at " + where + " answered " + path + " with HTTP "
                    + status + " and no JSON object; is that a kadring peer?", e);
        }
    }
}
