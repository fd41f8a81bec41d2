package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.storage.RecordStore;
import io.kadring.storage.RejectReason;
import io.kadring.storage.SignedRecord;
import io.kadring.storage.StoredRecord;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * LISTEN: with a write token we gave the sender's address, the address is subscribed to the key
 * ({@link ListenerTable}); the LISTENING answer carries the record held here when it is newer
 * than the one the listener has seen. Without a valid token: refused with BAD_TOKEN, no record.
 */
record ListenHandler(LocalNode local, Outbox outbox, TokenIssuer tokens, ListenerTable listeners, RecordStore store)
        implements RequestHandler.Of<Message.Listen> {

    @Override
    public void handle(InetSocketAddress from, Message.Listen listen) {
        long now = local.now();
        if (!tokens.accepts(listen.token(), from, now)) {
            local.metrics().dropped("listen_bad_token");
            outbox.send(from, new Message.Listening(listen.txId(), local.id(), RejectReason.BAD_TOKEN.code(), 0, null));
            return;
        }
        int status = listeners.subscribe(listen.key(), from, now);
        if (status != Message.Listening.LISTENING) {
            outbox.send(from, new Message.Listening(listen.txId(), local.id(), status, 0, null));
            return;
        }
        Optional<StoredRecord> held = store.get(listen.key(), now);
        SignedRecord newer = held.map(StoredRecord::record).filter(r -> r.seq() > listen.knownSeq()).orElse(null);
        outbox.send(from, new Message.Listening(listen.txId(), local.id(), status, ListenerTable.LIFETIME_MILLIS, newer));
    }
}
