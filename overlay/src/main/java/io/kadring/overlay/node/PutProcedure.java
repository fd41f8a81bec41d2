package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.RecordStore;
import io.kadring.storage.SignedRecord;
import io.kadring.storage.StoredRecord;
import java.util.ArrayList;
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
final class PutProcedure extends HolderWriting {
    /** What is stored: the record, for how long, and the seq a compare-and-swap expects (−1: none). */
    private record Write(SignedRecord record, long lifetime, long expectedSeq) {}

    private final RecordStore store;
    private final boolean replicating;
    private Write write;

    private PutProcedure(Id key, Write write, LocalNode local, RecordStore store, boolean replicating,
                         BiFunction<Id, Map<Id, byte[]>, ClosestProcedure> lookups) {
        super(local);
        this.write = write;
        this.store = store;
        this.replicating = replicating;
        this.lookup = lookups.apply(key, tokens);
    }

    /**
     * A put of {@code record} for {@code lifetime} ms, a compare-and-swap on {@code expectedSeq}
     * when ≥ 0; a quorum of {@code putQuorum} when set, else a majority of the nodes asked.
     *
     * @param store this node's store, which stores it when this node is among the k closest
     * @param lookups makes the FIND_NODE lookup toward a key that fills the given token map
     */
    static PutProcedure put(SignedRecord record, long lifetime, long expectedSeq, LocalNode local, RecordStore store,
                            BiFunction<Id, Map<Id, byte[]>, ClosestProcedure> lookups) {
        return new PutProcedure(record.key(), new Write(record, lifetime, expectedSeq), local, store, false, lookups);
    }

    /** Stores what {@code held} has under {@code key} once the lookup ends, at the others among the k closest. */
    static PutProcedure replicate(Id key, LocalNode local, RecordStore held,
                                  BiFunction<Id, Map<Id, byte[]>, ClosestProcedure> lookups) {
        return new PutProcedure(key, null, local, held, true, lookups);
    }

    @Override
    List<Request> lookedUp(LookupOutcome found, List<Request> last, long now) {
        if (replicating) {
            Optional<StoredRecord> held = store.get(lookup.target(), now); // the newest, not a stale copy
            if (held.isEmpty()) return writeTo(List.of(), null, null, now); // nothing to store: done
            write = new Write(held.get().record(), held.get().remainingLifetime(now), -1);
        }
        List<Contact> holders = new ArrayList<>();
        for (Contact c : found.contacts()) {
            if (!replicating || !c.id().equals(local.id())) holders.add(c);
        }
        Write w = write;
        return writeTo(holders, () -> store.put(w.record(), w.lifetime(), null, now, w.expectedSeq()),
                (tx, self, token) -> new Message.Store(tx, self, token, w.lifetime(), w.expectedSeq(), w.record()), now);
    }

    @Override
    long seq() {
        return write == null ? -1 : write.record().seq();
    }

    /** What it stores: for a replication, known only once the lookup is done. */
    SignedRecord record() {
        return write == null ? null : write.record();
    }
}
