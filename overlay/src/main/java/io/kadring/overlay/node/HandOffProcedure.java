package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.RecordStore;
import io.kadring.storage.StoredRecord;
import java.util.List;
import java.util.Optional;

/**
 * Handing a record to a newly met node that is now among the k closest to its key: ask it
 * (FIND_VALUE with the seq we hold as minimum) whether it has that seq already; if it lacks it,
 * STORE what we hold then (re-read: it may be newer, or gone) with the token it gave.
 */
final class HandOffProcedure extends AbstractProcedure<Boolean> {
    private enum State { ASK, ASKING, STORING }

    private final Contact to;
    private final Id key;
    private final Id self;
    private final RecordStore store;
    private State state = State.ASK;
    private Request pendingStore;

    HandOffProcedure(Contact to, Id key, Id self, RecordStore store) {
        this.to = to;
        this.key = key;
        this.self = self;
        this.store = store;
    }

    @Override
    public List<Request> poll(long now) {
        if (state == State.ASK) {
            Optional<StoredRecord> held = store.get(key, now);
            if (held.isEmpty()) {
                finish(false);
                return List.of();
            }
            state = State.ASKING;
            long seq = held.get().record().seq();
            return List.of(Request.to(to, tx -> new Message.FindValue(tx, self, key, seq), this));
        }
        if (pendingStore != null) {
            Request r = pendingStore;
            pendingStore = null;
            return List.of(r);
        }
        return List.of();
    }

    @Override
    public void onReply(Request request, Message reply, long now) {
        if (state == State.ASKING) {
            Optional<StoredRecord> held = store.get(key, now);
            if (reply instanceof Message.Value v && v.record() == null && held.isPresent()) {
                var record = held.get().record();
                long lifetime = held.get().remainingLifetime(now);
                byte[] token = v.token();
                pendingStore = Request.to(to, tx -> new Message.Store(tx, self, token, lifetime, -1, record), this);
                state = State.STORING;
            } else {
                finish(false); // it holds that seq or newer, or we no longer hold it
            }
        } else if (state == State.STORING) {
            // the result: whether the node now holds the record from us
            finish(reply instanceof Message.StoreResult r && r.status() == Message.StoreResult.STORED);
        }
    }

    @Override
    public void onFailure(Request request, long now) {
        finish(false);
    }
}
