package io.kadring.bootstrap.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /}: one self-contained HTML page (no script, style or font from anywhere else) that
 * shows the node id, phase, address, uptime, contacts per bucket, the ring neighbours, records
 * held, the size estimate, lookups by kind with mean hops and latency, the recent lookups,
 * operations by outcome and traffic (by message type), and refreshes them every 2 s from
 * {@code /status}, {@code /contacts}, {@code /ring}, {@code /lookups} and {@code /metrics}. It holds
 * no data of the peer itself, so it is served without the admin token; when the routes answer
 * 401 it asks for the token and sends it with each request.
 */
final class StatusPage {
    private static final String HTML = load();

    private StatusPage() {}

    static Reply reply() {
        return new Reply(200, "text/html; charset=utf-8", HTML,
                Map.of("cache-control", "no-store", "content-security-policy",
                        "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"));
    }

    private static String load() {
        try (InputStream in = StatusPage.class.getResourceAsStream("status.html")) {
            if (in == null) throw new IllegalStateException("status.html is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
