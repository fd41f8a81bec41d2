package io.kadring.bootstrap.peer;

import io.kadring.bootstrap.state.RecordsFile;
import io.kadring.bootstrap.state.SavedRecords;
import io.kadring.overlay.KadringNode;
import io.kadring.routing.Id;
import io.kadring.storage.StoredRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the records the node holds into the records store: each {@link #scan} compares the
 * node's records with what was saved last (key, seq, expiry) and saves what is new or changed,
 * without an fsync of its own ({@link SavedRecords#saveLater}). The node's store stays the
 * node's: nothing here runs on its thread but one snapshot per scan.
 */
final class ReplicaSaver {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSaver.class);
    /** An expiry that moved less than this is not worth a write (refreshes move it by hours). */
    private static final long EXPIRY_SLACK_MILLIS = 10_000;
    private static final long SNAPSHOT_LIMIT_MILLIS = 3_000;

    private record Version(long seq, long expiresAtEpochMillis) {}

    private final KadringNode node;
    private final SavedRecords store;
    private final Map<Id, Version> saved = new HashMap<>();

    ReplicaSaver(KadringNode node, SavedRecords store) {
        this.node = node;
        this.store = store;
    }

    /** Records the store holds already (read at start). */
    synchronized void alreadySaved(List<RecordsFile.Saved> records) {
        for (RecordsFile.Saved s : records) {
            saved.put(s.record().key(), new Version(s.record().seq(), s.expiresAtEpochMillis()));
        }
    }

    /** Saves what changed since the last scan; returns how many records it wrote. Never throws. */
    synchronized int scan() {
        List<StoredRecord> held;
        long now;
        try {
            held = node.storedRecords().get(SNAPSHOT_LIMIT_MILLIS, TimeUnit.MILLISECONDS);
            now = node.nowMillis();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            return 0; // not bound yet, or stopping
        }
        long wall = System.currentTimeMillis();
        int written = 0;
        Set<Id> heldKeys = new HashSet<>(held.size() * 2);
        for (StoredRecord s : held) {
            long remaining = s.remainingLifetime(now);
            if (remaining <= 0) continue;
            heldKeys.add(s.key());
            long expires = wall + remaining;
            Version last = saved.get(s.key());
            if (last != null && last.seq() == s.record().seq()
                    && Math.abs(last.expiresAtEpochMillis() - expires) < EXPIRY_SLACK_MILLIS) {
                continue;
            }
            store.saveLater(new RecordsFile.Saved(s.record(), expires));
            saved.put(s.key(), new Version(s.record().seq(), expires));
            written++;
        }
        saved.keySet().retainAll(heldKeys); // what left the node's store is forgotten here too: bounded by it
        if (written > 0) LOG.debug("saved {} held record{} to {}", written, written == 1 ? "" : "s", store.path());
        return written;
    }
}
