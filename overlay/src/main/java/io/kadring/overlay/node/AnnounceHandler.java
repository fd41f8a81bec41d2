package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.storage.AnnouncementStore;
import io.kadring.storage.RejectReason;
import io.kadring.storage.StoreOutcome;
import java.net.InetSocketAddress;

/**
 * ANNOUNCE: with a write token we gave the sender's address, the announcement store judges the
 * entry (lifetime, seq, quotas, signature) and the answer is its verdict's code, as for a STORE.
 */
record AnnounceHandler(LocalNode local, Outbox outbox, TokenIssuer tokens, AnnouncementStore store)
        implements RequestHandler {

    @Override
    public void answer(InetSocketAddress from, Message request) {
        Message.Announce announce = (Message.Announce) request;
        long now = local.now();
        int status;
        if (!tokens.accepts(announce.token(), from, now)) {
            status = RejectReason.BAD_TOKEN.code();
            local.metrics().announcementRejected(RejectReason.BAD_TOKEN);
        } else {
            StoreOutcome outcome = store.put(announce.announcement(), announce.lifetimeMillis(), from, now);
            outcome.reason().ifPresent(local.metrics()::announcementRejected);
            status = outcome.wireCode();
        }
        outbox.send(from, new Message.AnnounceResult(announce.txId(), local.id(), status));
    }
}
