package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.RecordStore;
import io.kadring.storage.RejectReason;
import io.kadring.storage.SignedRecord;
import io.kadring.storage.StoreOutcome;
import io.kadring.storage.StoredRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Storing a record at the k nodes closest to its key: a FIND_NODE lookup that collects each
 * answering node's write token, then one STORE to each of the k closest it found (this node
 * stores locally when it is one of them), then the outcome of every STORE. A put succeeds when
 * a quorum stored it.
 *
 * <p>Also a holder's replication ({@link #replicate}): the same, with what this node holds
 * under the key when the lookup ends (the newest copy, not a stale one) and what remains of its
 * lifetime, stored at the others only.
 */
final class PutProcedure implements Procedure<PutResult> {
    private final Id key;
    private final Id self;
    private final RecordStore local;
    private final boolean replicating;
    private final int quorum;
    private final long expectedSeq;
    private final Map<Id, byte[]> tokens = new HashMap<>();
    private final ClosestProcedure lookup;
    private final long start;
    private SignedRecord record;
    private long lifetime;
    private List<Contact> holders;
    private PutResult.Outcome[] outcomes;
    private final Map<Request, Integer> storing = new HashMap<>();
    private int unanswered;
    private PutResult result;

    private PutProcedure(Id key, Id self, SignedRecord record, long lifetime, long expectedSeq, int quorum,
                         RecordStore local, boolean replicating,
                         BiFunction<Id, Map<Id, byte[]>, ClosestProcedure> lookups, long now) {
        this.key = key;
        this.self = self;
        this.record = record;
        this.lifetime = lifetime;
        this.expectedSeq = expectedSeq;
        this.quorum = quorum;
        this.local = local;
        this.replicating = replicating;
        this.start = now;
        this.lookup = lookups.apply(key, tokens);
    }

    /**
     * A put of {@code record} for {@code lifetime} ms, a compare-and-swap on {@code expectedSeq}
     * when ≥ 0. {@code quorum} &gt; 0 fixes how many must store it, else a majority of the asked.
     *
     * @param lookups makes the FIND_NODE lookup toward a key that fills the given token map
     */
    static PutProcedure put(SignedRecord record, long lifetime, long expectedSeq, int quorum, Id self,
                            RecordStore local, BiFunction<Id, Map<Id, byte[]>, ClosestProcedure> lookups, long now) {
        return new PutProcedure(record.key(), self, record, lifetime, expectedSeq, quorum, local, false, lookups, now);
    }

    /** Stores what {@code held} has under {@code key} once the lookup ends, at the others among the k closest. */
    static PutProcedure replicate(Id key, Id self, RecordStore held,
                                  BiFunction<Id, Map<Id, byte[]>, ClosestProcedure> lookups, long now) {
        return new PutProcedure(key, self, null, 0, -1, 0, held, true, lookups, now);
    }

    @Override
    public List<Request> poll(long now) {
        if (result != null || holders != null) return List.of();
        List<Request> out = lookup.poll(now);
        if (!lookup.isDone()) return out;
        if (replicating) {
            Optional<StoredRecord> held = local.get(key, now);
            if (held.isEmpty()) {
                holders = List.of();
                finish(now);
                return List.of();
            }
            record = held.get().record();
            lifetime = held.get().remainingLifetime(now);
        }
        holders = new ArrayList<>();
        for (Contact c : lookup.result().contacts()) {
            if (!replicating || !c.id().equals(self)) holders.add(c);
        }
        return stores(now);
    }

    /** One STORE per holder (this node stores at once); the outcomes fill in as they answer. */
    private List<Request> stores(long now) {
        outcomes = new PutResult.Outcome[holders.size()];
        List<Request> stores = new ArrayList<>();
        for (int i = 0; i < holders.size(); i++) {
            Contact holder = holders.get(i);
            if (holder.id().equals(self)) {
                StoreOutcome stored = local.put(record, lifetime, null, now, expectedSeq);
                outcomes[i] = stored.isStored()
                        ? PutResult.Outcome.stored(holder)
                        : PutResult.Outcome.rejected(holder, stored.reason().orElseThrow());
                continue;
            }
            byte[] token = tokens.getOrDefault(holder.id(), new byte[0]);
            SignedRecord r = record;
            long l = lifetime;
            Request store = Request.to(holder, tx -> new Message.Store(tx, self, token, l, expectedSeq, r), this);
            storing.put(store, i);
            stores.add(store);
        }
        unanswered = stores.size();
        if (unanswered == 0) finish(now);
        return stores;
    }

    @Override
    public void onReply(Request request, Message reply, long now) {
        Integer at = storing.remove(request);
        if (at == null) return;
        Contact holder = holders.get(at);
        if (reply instanceof Message.StoreResult r && r.status() == Message.StoreResult.STORED) {
            outcomes[at] = PutResult.Outcome.stored(holder);
        } else if (reply instanceof Message.StoreResult r) {
            outcomes[at] = PutResult.Outcome.rejected(holder,
                    RejectReason.fromCode(r.status()).orElse(RejectReason.UNAVAILABLE));
        } else {
            outcomes[at] = PutResult.Outcome.rejected(holder, RejectReason.UNAVAILABLE);
        }
        answered(now);
    }

    @Override
    public void onFailure(Request request, long now) {
        Integer at = storing.remove(request);
        if (at == null) return;
        outcomes[at] = PutResult.Outcome.timedOut(holders.get(at));
        answered(now);
    }

    private void answered(long now) {
        if (--unanswered == 0) finish(now);
    }

    private void finish(long now) {
        List<PutResult.Outcome> all = outcomes == null ? List.of() : List.of(outcomes);
        int required = quorum > 0 ? Math.min(quorum, all.size()) : all.size() / 2 + 1;
        int remote = (int) all.stream().filter(o -> !o.holder().id().equals(self)).count();
        long seq = record == null ? -1 : record.seq();
        result = new PutResult(key, seq, all, required, now - start, lookup.result().messages() + remote);
    }

    /** What it stores: for a replication, known only once the lookup is done. */
    SignedRecord record() {
        return record;
    }

    long lifetime() {
        return lifetime;
    }

    @Override
    public boolean isDone() {
        return result != null;
    }

    @Override
    public PutResult result() {
        return result;
    }
}
