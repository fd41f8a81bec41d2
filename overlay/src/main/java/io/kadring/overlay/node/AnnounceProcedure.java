package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import io.kadring.storage.AnnouncementStore;
import io.kadring.storage.RejectReason;
import io.kadring.storage.StoreOutcome;
import java.util.ArrayList;
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
    private List<Contact> holders;
    private PutResult.Outcome[] outcomes;
    private final Map<Request, Integer> asking = new HashMap<>();
    private int unanswered;

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
        if (isDone() || holders != null) return List.of();
        List<Request> out = lookup.poll(now);
        if (!lookup.isDone()) return out;
        holders = lookup.result().contacts();
        outcomes = new PutResult.Outcome[holders.size()];
        List<Request> announces = new ArrayList<>();
        Id self = local.id();
        for (int i = 0; i < holders.size(); i++) {
            Contact holder = holders.get(i);
            if (holder.id().equals(self)) {
                StoreOutcome held = store.put(announcement, lifetime, null, now);
                outcomes[i] = held.isStored() ? PutResult.Outcome.stored(holder)
                        : PutResult.Outcome.rejected(holder, held.reason().orElseThrow());
                continue;
            }
            byte[] token = tokens.getOrDefault(holder.id(), new byte[0]);
            Request request = Request.to(holder, tx -> new Message.Announce(tx, self, token, lifetime, announcement), this);
            asking.put(request, i);
            announces.add(request);
        }
        unanswered = announces.size();
        if (unanswered == 0) done(now);
        return announces;
    }

    @Override
    public void onReply(Request request, Message reply, long now) {
        Integer at = asking.remove(request);
        if (at == null) return;
        Contact holder = holders.get(at);
        if (reply instanceof Message.AnnounceResult r && r.status() == Message.StoreResult.STORED) {
            outcomes[at] = PutResult.Outcome.stored(holder);
        } else if (reply instanceof Message.AnnounceResult r) {
            outcomes[at] = PutResult.Outcome.rejected(holder,
                    RejectReason.fromCode(r.status()).orElse(RejectReason.UNAVAILABLE));
        } else {
            outcomes[at] = PutResult.Outcome.rejected(holder, RejectReason.UNAVAILABLE);
        }
        if (--unanswered == 0) done(now);
    }

    @Override
    public void onFailure(Request request, long now) {
        Integer at = asking.remove(request);
        if (at == null) return;
        outcomes[at] = PutResult.Outcome.timedOut(holders.get(at));
        if (--unanswered == 0) done(now);
    }

    private void done(long now) {
        List<PutResult.Outcome> all = List.of(outcomes);
        int quorum = local.config().putQuorum();
        int required = quorum > 0 ? Math.min(quorum, all.size()) : all.size() / 2 + 1;
        int remote = (int) all.stream().filter(o -> !o.holder().id().equals(local.id())).count();
        finish(new PutResult(announcement.topic(), announcement.seq(), all, required, now - lookup.start(),
                lookup.result().messages() + remote));
        lookup = null;
        tokens.clear();
    }
}
