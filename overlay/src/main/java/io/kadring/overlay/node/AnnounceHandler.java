package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.storage.AnnouncementStore;
import io.kadring.storage.StoreOutcome;
import java.net.InetSocketAddress;

/**
 * ANNOUNCE: with a write token we gave the sender's address, the announcement store judges the
 * entry (lifetime, seq, quotas, signature) and the answer is its verdict's code, as for a STORE.
 */
record AnnounceHandler(LocalNode local, Outbox outbox, TokenIssuer tokens, AnnouncementStore store)
        implements RequestHandler.Of<Message.Announce> {

    @Override
    public void handle(InetSocketAddress from, Message.Announce announce) {
        long now = local.now();
        StoreOutcome outcome = tokens.write(announce.token(), from, now,
                () -> store.put(announce.announcement(), announce.lifetimeMillis(), from, now));
        outcome.reason().ifPresent(local.metrics()::announcementRejected);
        outbox.send(from, new Message.AnnounceResult(announce.txId(), local.id(), outcome.wireCode()));
    }
}
