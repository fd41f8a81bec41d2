package io.kadring.bootstrap.admin;

import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The admin API's record routes and the record count in {@code /status}. Records are not part
 * of the node yet: there are no routes here and the count is 0. This is where
 * {@code GET/PUT /records/{key}} and the count from the node's record store will go.
 */
final class RecordRoutes {
    /** Records this peer holds. */
    long held() {
        return 0;
    }

    /** The answer to {@code request} when it is a record route; empty when it is not one. */
    Optional<CompletableFuture<Reply>> route(HttpServerRequest request, String[] segments) {
        return Optional.empty();
    }
}
