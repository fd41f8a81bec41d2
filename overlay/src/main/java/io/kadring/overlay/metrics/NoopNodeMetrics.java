package io.kadring.overlay.metrics;

import java.util.function.DoubleSupplier;

/** Records nothing: for nodes run without a registry, such as the simulator's thousands. */
final class NoopNodeMetrics implements NodeMetrics {
    static final NoopNodeMetrics INSTANCE = new NoopNodeMetrics();

    private NoopNodeMetrics() {
    }

    @Override
    public void sent(Enum<?> type, int bytes) {
    }

    @Override
    public void received(int bytes) {
    }

    @Override
    public void receivedMessage(Enum<?> type) {
    }

    @Override
    public void timeout(Enum<?> type) {
    }

    @Override
    public void dropped(Enum<?> reason) {
    }

    @Override
    public void dropped(String reason) {
    }

    @Override
    public void lookupFinished(Enum<?> kind, long durationMillis, int hops) {
    }

    @Override
    public void recordRejected(Enum<?> reason) {
    }

    @Override
    public void recordRejected(String reason) {
    }

    @Override
    public void republishRound() {
    }

    @Override
    public void selfAddressChanged() {
    }

    @Override
    public void registerNode(DoubleSupplier routingContacts, DoubleSupplier ringNeighbours) {
    }

    @Override
    public void registerRecords(DoubleSupplier recordsHeld, DoubleSupplier recordsBytes) {
    }

    @Override
    public void close() {
    }
}
