package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.storage.RecordStore;
import io.kadring.storage.StoreOutcome;
import java.net.InetSocketAddress;

/**
 * STORE: with a write token we gave the sender's address, the store judges the record (its
 * signature, seq, size, quotas, compare-and-swap) and the answer is its verdict's code.
 */
record StoreHandler(LocalNode local, Outbox outbox, TokenIssuer tokens, RecordStore store)
        implements RequestHandler.Of<Message.Store> {

    @Override
    public void handle(InetSocketAddress from, Message.Store put) {
        long now = local.now();
        StoreOutcome outcome = tokens.write(put.token(), from, now,
                () -> store.put(put.record(), put.lifetimeMillis(), from, now, put.expectedSeq()));
        outcome.reason().ifPresentOrElse(local.metrics()::recordRejected, local.metrics()::recordStored);
        outbox.send(from, new Message.StoreResult(put.txId(), local.id(), outcome.wireCode()));
    }
}
