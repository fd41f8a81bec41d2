package io.kadring.overlay.node;

import io.kadring.overlay.metrics.NodeMetrics;
import io.kadring.overlay.wire.Message;
import io.kadring.routing.Id;
import io.kadring.storage.RecordStore;
import io.kadring.storage.RejectReason;
import io.kadring.storage.StoreOutcome;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;

/**
 * STORE: with a write token we gave the sender's address, the store judges the record (its
 * signature, seq, size, quotas, compare-and-swap) and the answer is its verdict's code.
 */
final class StoreHandler implements RequestHandler {
    private final Id self;
    private final Outbox outbox;
    private final TokenIssuer tokens;
    private final RecordStore store;
    private final NodeMetrics metrics;
    private final LongSupplier clock;

    StoreHandler(Id self, Outbox outbox, TokenIssuer tokens, RecordStore store, NodeMetrics metrics,
                 LongSupplier clock) {
        this.self = self;
        this.outbox = outbox;
        this.tokens = tokens;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void answer(InetSocketAddress from, Message request) {
        Message.Store put = (Message.Store) request;
        long now = clock.getAsLong();
        int status;
        if (!tokens.accepts(put.token(), from, now)) {
            status = RejectReason.BAD_TOKEN.code();
            metrics.recordRejected(RejectReason.BAD_TOKEN);
        } else {
            StoreOutcome outcome = store.put(put.record(), put.lifetimeMillis(), from, now, put.expectedSeq());
            outcome.reason().ifPresent(metrics::recordRejected);
            status = outcome.wireCode();
        }
        outbox.send(from, new Message.StoreResult(put.txId(), self, status));
    }
}
