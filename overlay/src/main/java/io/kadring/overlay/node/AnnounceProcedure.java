package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import io.kadring.storage.AnnouncementStore;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * An announce: a FIND_NODE lookup of the topic key that collects each answering node's write
 * token, then one ANNOUNCE to each of the k closest it found (this node holds it itself when it
 * is one of them), then the outcome of each, as a {@link PutResult} (key: the topic). It
 * succeeds when a quorum holds it, as a put does.
 */
final class AnnounceProcedure extends HolderWriting {
    private final Announcement announcement;
    private final long lifetime;
    private final AnnouncementStore store;

    /**
     * @param lifetime how long the holders are to keep it, ms (> 0)
     * @param store this node's store, which holds it when this node is among the k closest
     * @param lookups makes the FIND_NODE lookup toward a key that fills the given token map
     */
    AnnounceProcedure(Announcement announcement, long lifetime, LocalNode local, AnnouncementStore store,
                      BiFunction<Id, Map<Id, byte[]>, ClosestProcedure> lookups) {
        super(local);
        if (lifetime <= 0) throw new IllegalArgumentException("lifetime must be > 0 ms, got " + lifetime);
        this.announcement = announcement;
        this.lifetime = lifetime;
        this.store = store;
        this.lookup = lookups.apply(announcement.topic(), tokens);
    }

    @Override
    List<Request> lookedUp(LookupOutcome found, List<Request> last, long now) {
        return writeTo(found.contacts(), () -> store.put(announcement, lifetime, null, now),
                (tx, self, token) -> new Message.Announce(tx, self, token, lifetime, announcement), now);
    }

    @Override
    long seq() {
        return announcement.seq();
    }
}
