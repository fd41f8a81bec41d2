package io.kadring.bootstrap.admin;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the admin API listens and who may use it.
 *
 * @param host the address to bind (and only that); 127.0.0.1 by default
 * @param port the port (0 picks a free one)
 * @param token the bearer token every route but {@code /metrics} and {@code /health} requires;
 *     empty for none (allowed only on a loopback host)
 */
public record AdminSettings(String host, int port, Optional<String> token) {
    public AdminSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("admin port must be in 0..65535, got " + port);
    }
}
