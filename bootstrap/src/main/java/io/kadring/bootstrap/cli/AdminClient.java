package io.kadring.bootstrap.cli;

import io.kadring.bootstrap.AddressText;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** Calls a running peer's admin API and hands back its JSON answer. */
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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    AdminClient(InetSocketAddress admin) {
        this.admin = admin;
    }

    /** GETs {@code path}; a peer that cannot be reached or answers garbage is a {@link CommandFailure}. */
    Answer get(String path) {
        return send(path, request(path).GET().build());
    }

    /** POSTs {@code body} as JSON to {@code path}; failures as for {@link #get}. */
    Answer post(String path, JsonObject body) {
        return send(path, request(path).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://" + AddressText.format(admin) + path)).timeout(REQUEST_TIMEOUT);
    }

    private Answer send(String path, HttpRequest request) {
        String where = AddressText.format(admin);
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CommandFailure("cannot reach the peer's admin API at " + where
                    + " (connection refused); is `kadring peer` running with that --admin-port?", e);
        } catch (HttpTimeoutException e) {
            throw new CommandFailure("the peer's admin API at " + where + " did not answer " + path + " in time", e);
        } catch (IOException e) {
            throw new CommandFailure("cannot reach the peer's admin API at " + where + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted while waiting for " + where, e);
        }
        try {
            return new Answer(response.statusCode(), new JsonObject(response.body()));
        } catch (DecodeException | ClassCastException e) {
            throw new CommandFailure("the admin API at " + where + " answered " + path + " with HTTP "
                    + response.statusCode() + " and no JSON object; is that a kadring peer?", e);
        }
    }
}
