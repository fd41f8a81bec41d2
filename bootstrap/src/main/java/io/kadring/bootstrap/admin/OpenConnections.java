package io.kadring.bootstrap.admin;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admin API's open connections: closes those beyond {@link ConnectionLimits#maxConnections()}
 * as they arrive, and those that take longer than {@link ConnectionLimits#headTimeout()} to
 * send a request head (slowloris), counted from the connection's start or its previous
 * response's end. A connection busy with a request is never timed out here (the idle timeout
 * still applies). Runs on the server's event loop.
 */
final class OpenConnections {
    private final Vertx vertx;
    private final ConnectionLimits limits;
    private final Map<HttpConnection, Watch> open = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    OpenConnections(Vertx vertx, ConnectionLimits limits) {
        this.vertx = vertx;
        this.limits = limits;
    }

    /** For the server's connection handler: keeps {@code connection} within the cap, or closes it. */
    void opened(HttpConnection connection) {
        if (count.incrementAndGet() > limits.maxConnections()) {
            count.decrementAndGet();
            connection.close();
            return;
        }
        Watch watch = new Watch(connection);
        open.put(connection, watch);
        connection.closeHandler(v -> {
            if (open.remove(connection) != null) count.decrementAndGet();
            watch.closed();
        });
        watch.arm();
    }

    /** For the server's request handler: {@code request}'s head has arrived. */
    void requestStarted(HttpServerRequest request) {
        Watch watch = open.get(request.connection());
        if (watch == null) return;
        watch.started();
        request.response().endHandler(v -> watch.ended());
    }

    /** Connections open now (within the cap). */
    int count() {
        return count.get();
    }

    /** One connection's head timer and its requests in progress. */
    private final class Watch {
        private final HttpConnection connection;
        private int inProgress;
        private long timer = -1;
        private boolean closed;

        Watch(HttpConnection connection) {
            this.connection = connection;
        }

        void started() {
            inProgress++;
            disarm();
        }

        void ended() {
            if (--inProgress == 0) arm();
        }

        void closed() {
            closed = true;
            disarm();
        }

        void arm() {
            disarm();
            if (closed) return;
            timer = vertx.setTimer(limits.headTimeout().toMillis(), id -> {
                timer = -1;
                connection.close();
            });
        }

        void disarm() {
            if (timer != -1) vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
