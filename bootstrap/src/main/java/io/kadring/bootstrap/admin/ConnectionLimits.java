package io.kadring.bootstrap.admin;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how many connections the admin API keeps, so that a flood of slow or idle
 * clients cannot take it down.
 *
 * @param idleTimeout a connection on which no part of a request (head, body chunk) arrived and
 *     nothing was written for this long is closed; bytes of an unfinished head do not count
 * @param headTimeout a connection that has not sent a complete request head this long after it
 *     opened (or after its previous response ended) is closed
 * @param maxConnections connections beyond this many open ones are closed at once
 */
record ConnectionLimits(Duration idleTimeout, Duration headTimeout, int maxConnections) {
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration HEAD_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_CONNECTIONS = 256;
    static final ConnectionLimits DEFAULT = new ConnectionLimits(IDLE_TIMEOUT, HEAD_TIMEOUT, MAX_CONNECTIONS);

    ConnectionLimits {
        positive(Objects.requireNonNull(idleTimeout, "idleTimeout"), "idle timeout");
        positive(Objects.requireNonNull(headTimeout, "headTimeout"), "request head timeout");
        if (maxConnections < 1) throw new IllegalArgumentException("connection cap must be at least 1, got " + maxConnections);
    }

    private static void positive(Duration d, String what) {
        if (d.toMillis() < 1) throw new IllegalArgumentException(what + " must be at least 1 ms, got " + d);
    }
}
