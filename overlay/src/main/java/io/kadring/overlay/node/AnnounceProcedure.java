package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import io.kadring.storage.AnnouncementStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * An announce: a FIND_NODE lookup of the topic key that collects each answering node's write
 * token, then one ANNOUNCE to each of the k closest it found (this node holds it itself when it
 * is one of them), then the outcome of each, as a {@link PutResult} (key: the topic). It
 * succeeds when a quorum holds it, as a put does.
 */
final class AnnounceProcedure extends AbstractProcedure<PutResult> {
    private final Announcement announcement;
    private final long lifetime;
    private final LocalNode local;
    private final AnnouncementStore store;
    private final Map<Id, byte[]> tokens = new HashMap<>();
    private ClosestProcedure lookup;
    private HolderWrites writes;

    /**
     * @param lifetime how long the holders are to keep it, ms (> 0)
     * @param store this node's store, which holds it when this node is among the k closest
     * @param lookups makes the FIND_NODE lookup toward a key that fills the given token map
     */
    AnnounceProcedure(Announcement announcement, long lifetime, LocalNode local, AnnouncementStore store,
                      BiFunction<Id, Map<Id, byte[]>, ClosestProcedure> lookups) {
        if (lifetime <= 0) throw new IllegalArgumentException("lifetime must be > 0 ms, got " + lifetime);
        this.announcement = announcement;
        this.lifetime = lifetime;
        this.local = local;
        this.store = store;
        this.lookup = lookups.apply(announcement.topic(), tokens);
    }

    @Override
    public long deadline() {
        return lookup != null && !lookup.isDone() ? lookup.deadline() : NEVER;
    }

    @Override
    public List<Request> poll(long now) {
        if (isDone() || writes != null) return List.of();
        List<Request> out = lookup.poll(now);
        if (!lookup.isDone()) return out;
        Id self = local.id();
        writes = new HolderWrites(lookup.result().contacts());
        List<Request> announces = writes.start(self, () -> store.put(announcement, lifetime, null, now),
                holder -> {
                    byte[] token = tokens.getOrDefault(holder.id(), new byte[0]);
                    return Request.to(holder, tx -> new Message.Announce(tx, self, token, lifetime, announcement), this);
                });
        if (writes.isDone()) done(now);
        return announces;
    }

    @Override
    public void onReply(Request request, Message reply, long now) {
        if (writes != null && writes.onReply(request, reply) && writes.isDone()) done(now);
    }

    @Override
    public void onFailure(Request request, long now) {
        if (writes != null && writes.onFailure(request) && writes.isDone()) done(now);
    }

    private void done(long now) {
        finish(writes.result(announcement.topic(), announcement.seq(), local, now - lookup.start(),
                lookup.result().messages()));
        lookup = null;
        tokens.clear();
    }
}
