package io.kadring.overlay.node;

import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.RoutingTable;
import io.kadring.storage.RecordStore;
import io.kadring.storage.RejectReason;
import io.kadring.storage.SignedRecord;
import io.kadring.storage.StoredRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps records alive with no one in charge (docs/design.md, "Records and lifetimes"): the
 * owner refreshes the records it published with their full lifetime; every holder stores the
 * others again at the current k closest each replicate interval; and a newly met node that is
 * now among the k closest to a record held here is handed it. All of it paced
 * ({@link BackgroundWork}).
 */
final class Republisher {
    /** Makes the procedures this work runs: puts, replications and hand-offs. */
    interface Work {
        PutProcedure put(SignedRecord record, long lifetime);

        PutProcedure replicate(Id key);

        HandOffProcedure handOff(Contact to, Id key);
    }

    /** A record this node published, and the latest refresh of it (null before the first). */
    private static final class Owned {
        final SignedRecord record;
        final long lifetime;
        PutProcedure lastRefresh;

        Owned(SignedRecord record, long lifetime) {
            this.record = record;
            this.lifetime = lifetime;
        }
    }

    private final LocalNode local;
    private final RecordStore store;
    private final RoutingTable table;
    private final BackgroundWork background;
    private final Work work;
    /** Records this node published and keeps alive, by key. */
    private final Map<Id, Owned> owned = new LinkedHashMap<>();

    Republisher(LocalNode local, RecordStore store, RoutingTable table, BackgroundWork background, Work work) {
        this.local = local;
        this.store = store;
        this.table = table;
        this.background = background;
        this.work = work;
    }

    /** This node published {@code record} and keeps it alive from now on. */
    void own(SignedRecord record, long lifetime) {
        owned.put(record.key(), new Owned(record, lifetime));
        store.markOwned(record.key());
    }

    /** The seq after the one this node last published under {@code key}, or 0 when none. */
    long nextOwnSeq(Id key) {
        return Optional.ofNullable(owned.get(key)).map(o -> o.record.seq() + 1).orElse(0L);
    }

    /**
     * One replicate round: the owner refreshes its own records with their full lifetime; every
     * other record held is stored again at the current k closest with what remains of its
     * lifetime, unless it arrived within the last interval (someone else just did). An owned
     * record whose last refresh was refused everywhere for a newer seq (another publisher's) is
     * no longer refreshed.
     */
    void republish() {
        local.metrics().republishRound();
        long now = local.now();
        long interval = local.config().replicateIntervalMillis();
        for (Owned o : List.copyOf(owned.values())) {
            if (supersededElsewhere(o.lastRefresh)) {
                owned.remove(o.record.key());
                continue;
            }
            background.submit(() -> o.lastRefresh = work.put(o.record, o.lifetime));
        }
        for (StoredRecord s : store.snapshot(now)) {
            if (s.owned() || now - s.receivedAt() < interval) continue;
            Id key = s.key();
            background.submit(() -> work.replicate(key));
        }
    }

    private static boolean supersededElsewhere(PutProcedure refresh) {
        if (refresh == null || !refresh.isDone()) return false;
        PutResult result = refresh.result();
        return result.stored() == 0 && (result.rejections().containsKey(RejectReason.SEQ_TOO_LOW)
                || result.rejections().containsKey(RejectReason.DELETED));
    }

    /**
     * A node entered our view: it gets every record we hold for which it is closer to the key
     * than we are (Kademlia's rule, so the holders farther away do the handing over) and among
     * the k closest we know, unless it already holds that seq.
     */
    void onNewContact(Contact contact) {
        if (store.size() == 0) return;
        for (StoredRecord s : store.snapshot(local.now())) {
            Id key = s.key();
            if (key.compareDistance(contact.id(), local.id()) >= 0) continue;
            if (!amongClosest(key, contact)) continue;
            background.submit(() -> work.handOff(contact, key));
        }
    }

    /** Whether fewer than k of the contacts we know are closer to {@code key} than {@code c}. */
    private boolean amongClosest(Id key, Contact c) {
        int k = local.config().k();
        List<Contact> closest = table.closest(key, k);
        if (closest.contains(c) || closest.size() < k) return true;
        return key.compareDistance(c.id(), closest.get(k - 1).id()) < 0;
    }
}
