package io.kadring.overlay.node;

import io.kadring.overlay.metrics.NodeMetrics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** What an embedder (or the admin API) asks a node for, counted by outcome in {@code kadring.operations}. */
enum Operation {
    LOOKUP, SUCCESSOR, PUT, GET;

    /** {@code future}, whose end is counted under this operation: {@code outcome} of its value, or how it failed. */
    <T> CompletableFuture<T> counted(NodeMetrics metrics, CompletableFuture<T> future,
                                     Function<T, NodeMetrics.Outcome> outcome) {
        return future.whenComplete((value, failure) -> metrics.operation(this, failure == null
                ? outcome.apply(value)
                : unwrap(failure) instanceof TimeoutException ? NodeMetrics.Outcome.TIMEOUT : NodeMetrics.Outcome.FAILED));
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
