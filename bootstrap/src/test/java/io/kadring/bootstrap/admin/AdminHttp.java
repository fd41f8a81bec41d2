package io.kadring.bootstrap.admin;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Requests to an admin API at one address: through java.net.http, or as raw bytes. */
final class AdminHttp {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(LIMIT).build();
    private final InetSocketAddress address;

    /** The API bound to {@code host}:{@code port}; a wildcard host is reached on loopback. */
    AdminHttp(String host, int port) {
        String to = host.equals("0.0.0.0") ? "127.0.0.1" : host.equals("::") ? "::1" : host;
        this.address = new InetSocketAddress(to, port);
    }

    InetSocketAddress address() {
        return address;
    }

    URI uri(String path) {
        String h = address.getAddress().getHostAddress();
        return URI.create("http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + address.getPort() + path);
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(LIMIT).GET();
        if (headers.length > 0) b.headers(headers);
        return send(b.build());
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(LIMIT)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) b.headers(headers);
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request " + request + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + request, e);
        }
    }

    /** Sends {@code request} as it is over a new connection and returns all the server sent until it closed. */
    String raw(String request) {
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) LIMIT.toMillis());
            socket.setSoTimeout((int) LIMIT.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new AssertionError("raw request to " + address + " failed", e);
        }
    }

    /** The response's JSON body, after checking its status and content type. */
    static JsonObject json(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected status " + status + ", got " + response.statusCode() + ": " + response.body());
        }
        String type = response.headers().firstValue("content-type").orElse("");
        if (!type.startsWith("application/json")) throw new AssertionError("not JSON but '" + type + "'");
        return new JsonObject(response.body());
    }
}
