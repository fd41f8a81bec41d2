package io.kadring.overlay.metrics;

/** Records nothing (every method keeps its default): for nodes run without a registry. */
final class NoopNodeMetrics implements NodeMetrics {
    static final NoopNodeMetrics INSTANCE = new NoopNodeMetrics();

    private NoopNodeMetrics() {
    }
}
