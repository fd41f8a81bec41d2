package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import io.kadring.storage.AnnouncementStore;
import io.kadring.storage.HeldAnnouncement;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An announcements lookup: a FIND_NODE lookup of the topic key, then a GET_ANNOUNCEMENTS to each
 * of the {@value #HOLDERS_ASKED} closest it found (this node reads its own store when it is one),
 * merging their pages: one entry per announcer, the highest seq whose signature verifies.
 *
 * <p>Paging: the first holder that answered is paged to its end (the cursor: the last key it
 * listed) while fewer than {@code max} announcers are known; then each other holder that said
 * more follow is paged on if it holds more entries than are known (then it has some that are
 * not) or its last page brought an entry not known before, as long as that stays so. Holders
 * that hold the same entries, as they should, cost one page each beyond the first. A page
 * whose keys do not follow the cursor, in order, ends that holder's paging, and no holder is
 * paged more than {@value #MAX_PAGES} times: a hostile holder cannot keep it going.
 */
final class AnnouncementsProcedure extends AfterLookup<AnnouncementsResult> {
    /** Holders asked: every one of the k closest should have every entry; a few cover those that joined lately. */
    static final int HOLDERS_ASKED = 5;
    /** Pages asked of one holder, at most: 1000 entries of 6-byte payloads need 91. */
    static final int MAX_PAGES = 128;

    private final Id topic;
    private final int max;
    private final LocalNode local;
    private final AnnouncementStore store;
    private final Predicate<Announcement> signatures;
    private final Map<ByteBuffer, AnnouncementsResult.Found> found = new HashMap<>();
    private final Map<Request, Paging> asking = new HashMap<>();
    private final List<Request> next = new ArrayList<>();
    /** The first holder that answered: paged to its end before the others are. */
    private Paging primary;
    private boolean primaryDone;
    private final List<Paging> waiting = new ArrayList<>();
    private int holdersAsked;
    private int holdersAnswered;
    private int messages;

    /** One holder's pages so far. */
    private static final class Paging {
        final Contact holder;
        int pages;
        boolean answered;
        /** Its last page's last key, how many it said it holds, and whether that page told us anything new. */
        Id after;
        int held;
        boolean brought;

        Paging(Contact holder) {
            this.holder = holder;
        }
    }

    /**
     * @param max announcers wanted, at least 1
     * @param store this node's store, read when this node is among the holders
     * @param signatures how an entry's signature is checked
     * @param lookups makes the FIND_NODE lookup of a key
     */
    AnnouncementsProcedure(Id topic, int max, LocalNode local, AnnouncementStore store,
                           Predicate<Announcement> signatures, Function<Id, ClosestProcedure> lookups) {
        if (max < 1) throw new IllegalArgumentException("max must be >= 1, got " + max);
        this.topic = topic;
        this.max = max;
        this.local = local;
        this.store = store;
        this.signatures = signatures;
        this.lookup = lookups.apply(topic);
    }

    @Override
    List<Request> lookedUp(LookupOutcome found, List<Request> last, long now) {
        List<Request> out = new ArrayList<>(last);
        messages = found.messages();
        List<Contact> closest = found.contacts();
        for (Contact holder : closest.subList(0, Math.min(closest.size(), Math.min(HOLDERS_ASKED, local.config().k())))) {
            holdersAsked++;
            if (holder.id().equals(local.id())) {
                holdersAnswered++;
                for (HeldAnnouncement h : store.all(topic, now)) merge(h.announcement(), h.remainingLifetime(now), false);
            } else {
                out.add(page(new Paging(holder), null));
            }
        }
        out.addAll(later(now));
        return out;
    }

    /** The pages the answers asked for since the last poll; done once no page is outstanding. */
    @Override
    List<Request> later(long now) {
        List<Request> out = new ArrayList<>(next);
        next.clear();
        if (asking.isEmpty()) done(now);
        return out;
    }

    private Request page(Paging paging, Id after) {
        paging.pages++;
        messages++;
        Id self = local.id();
        int want = Math.min(255, Math.max(1, max - found.size()));
        Request request = Request.to(paging.holder, tx -> new Message.GetAnnouncements(tx, self, topic, want, after), this);
        asking.put(request, paging);
        return request;
    }

    @Override
    public void onReply(Request request, Message reply, long now) {
        Paging paging = asking.remove(request);
        if (paging == null) return;
        if (!(reply instanceof Message.Announcements page) || !page.topic().equals(topic)) {
            ended(paging);
            return;
        }
        if (!paging.answered) {
            paging.answered = true;
            holdersAnswered++;
            if (primary == null) primary = paging;
        }
        Message.GetAnnouncements asked = (Message.GetAnnouncements) request.message(0);
        byte[] previous = asked.after() == null ? null : asked.after().toBytes();
        for (Message.Listed e : page.entries()) {
            byte[] key = e.announcement().publicKey();
            if (previous != null && Announcement.compareKeys(previous, key) >= 0) {
                local.metrics().dropped("announcements_out_of_order");
                ended(paging); // not a page after the cursor: that holder is not paged on
                return;
            }
            previous = key;
            if (merge(e.announcement(), e.lifetimeMillis(), true)) paging.brought = true;
        }
        if (!page.more() || page.entries().isEmpty() || paging.pages >= MAX_PAGES) {
            paging.brought = false;
            ended(paging);
            return;
        }
        paging.after = Id.of(previous);
        paging.held = page.held();
        if (paging == primary) {
            if (found.size() < max) {
                next.add(page(paging, paging.after));
            } else {
                ended(paging);
            }
        } else if (primaryDone) {
            pageOn(paging);
        } else {
            waiting.add(paging); // until the first holder's pages are all in
        }
    }

    @Override
    public void onFailure(Request request, long now) {
        Paging paging = asking.remove(request);
        if (paging != null) ended(paging);
    }

    /** {@code paging}'s holder is paged no further; when it is the first holder, the others may go on. */
    private void ended(Paging paging) {
        if (paging != primary || primaryDone) return;
        primaryDone = true;
        for (Paging p : waiting) pageOn(p);
        waiting.clear();
    }

    /**
     * Another holder's next page, if more are wanted and it holds more entries than are known
     * (then some are not) or its last page brought one we did not know.
     */
    private void pageOn(Paging paging) {
        boolean brought = paging.brought;
        paging.brought = false;
        if (found.size() < max && (paging.held > found.size() || brought)) next.add(page(paging, paging.after));
    }

    /**
     * Keeps the highest seq of each announcer; a new entry counts once its signature verifies.
     * Whether it was new (an announcer or a seq not known before).
     */
    private boolean merge(Announcement a, long lifetime, boolean check) {
        ByteBuffer key = ByteBuffer.wrap(a.publicKey());
        AnnouncementsResult.Found known = found.get(key);
        if (known != null && known.announcement().equals(a)) {
            if (lifetime > known.remainingLifetimeMillis()) found.put(key, new AnnouncementsResult.Found(a, lifetime));
            return false;
        }
        if (known != null && known.announcement().seq() >= a.seq()) return false;
        if (check && !signatures.test(a)) {
            local.metrics().dropped("invalid_announcement");
            return false;
        }
        found.put(key, new AnnouncementsResult.Found(a, lifetime));
        return true;
    }

    private void done(long now) {
        TreeMap<byte[], AnnouncementsResult.Found> ordered = new TreeMap<>(Announcement::compareKeys);
        for (AnnouncementsResult.Found f : found.values()) ordered.put(f.announcement().publicKey(), f);
        List<AnnouncementsResult.Found> entries = new ArrayList<>(ordered.values());
        if (entries.size() > max) entries = entries.subList(0, max);
        finish(new AnnouncementsResult(topic, entries, holdersAsked, holdersAnswered, messages,
                now - lookup.start()));
        lookup = null;
        found.clear();
    }
}
