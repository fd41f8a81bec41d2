package io.kadring.overlay.node;

import io.kadring.overlay.env.Cancellable;
import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps this node's own announcements alive: each is announced again every
 * {@value #REANNOUNCE_MILLIS} ms (15 min) with a lifetime of {@value #ENTRY_LIFETIME_MILLIS} ms
 * (30 min, so one lost round does not lose it), cut to what its overall lifetime has left, until
 * that ends. Paced through {@link BackgroundWork}; timers are the node's scheduler's.
 */
final class Announcer {
    /** How long holders keep an entry from one announce: 30 minutes. */
    static final long ENTRY_LIFETIME_MILLIS = 30 * 60_000L;
    /** How often an announcer announces again: 15 minutes. */
    static final long REANNOUNCE_MILLIS = 15 * 60_000L;
    /** Own announcements kept alive at once; past it the oldest is let go. */
    static final int MAX_OWN = 10_000;

    /** Makes the announce procedure for one round. */
    interface Work {
        Procedure<PutResult> announce(Announcement announcement, long lifetime);
    }

    private record Key(Id topic, Id announcer) {}

    /** An own announcement kept alive until {@code until}, and the timer of its next round. */
    private record Own(Announcement announcement, long until, Cancellable timer) {}

    private final LocalNode local;
    private final BackgroundWork background;
    private final Work work;
    private final Map<Key, Own> own = new LinkedHashMap<>();
    private final Map<Key, Long> lastSeq = new LinkedHashMap<>();
    private boolean stopped;

    Announcer(LocalNode local, BackgroundWork background, Work work) {
        this.local = local;
        this.background = background;
        this.work = work;
    }

    /** The lifetime the first announce of an entry that is to live until {@code until} carries. */
    static long firstLifetime(long until, long now) {
        return Math.min(ENTRY_LIFETIME_MILLIS, until - now);
    }

    /**
     * {@code announcement} was announced now and is to live until {@code until} (Long.MAX_VALUE:
     * while this node runs): it is announced again while that allows. It replaces an older seq of
     * the same announcer under the topic; an older one than kept is ignored.
     */
    void own(Announcement announcement, long until) {
        if (stopped) return;
        long now = local.now();
        Key key = key(announcement);
        Own old = own.get(key);
        if (old != null) {
            if (old.announcement().seq() > announcement.seq()) return;
            old.timer().cancel();
            own.remove(key);
        }
        lastSeq.merge(key, announcement.seq(), Math::max);
        if (lastSeq.size() > MAX_OWN) {
            Iterator<Key> oldest = lastSeq.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        if (until - now <= ENTRY_LIFETIME_MILLIS) return; // the first announce covers it all
        if (own.size() >= MAX_OWN) {
            Iterator<Own> oldest = own.values().iterator();
            oldest.next().timer().cancel();
            oldest.remove();
        }
        own.put(key, scheduled(key, announcement, until));
    }

    /** A seq for a new announcement by {@code announcer} under {@code topic}: the clock, past any used here before. */
    long nextSeq(Id topic, byte[] announcer, long epochMillis) {
        Long last = lastSeq.get(new Key(topic, Id.of(announcer)));
        return last == null ? Math.max(0, epochMillis) : Math.max(epochMillis, last + 1);
    }

    /** Own announcements being kept alive (for tests and status). */
    int size() {
        return own.size();
    }

    /** Cancels every timer; nothing is announced again. */
    void stop() {
        stopped = true;
        own.values().forEach(o -> o.timer().cancel());
        own.clear();
    }

    /** {@code announcement} with the timer of its next round set; a replaced or dropped one's timer is cancelled. */
    private Own scheduled(Key key, Announcement announcement, long until) {
        return new Own(announcement, until, local.scheduler().schedule(REANNOUNCE_MILLIS, () -> round(key)));
    }

    private void round(Key key) {
        Own o = own.get(key);
        if (stopped || o == null) return;
        long left = o.until() - local.now();
        if (left <= 0) {
            own.remove(key);
            return;
        }
        long lifetime = Math.min(ENTRY_LIFETIME_MILLIS, left);
        background.submit(() -> work.announce(o.announcement(), lifetime));
        if (left <= ENTRY_LIFETIME_MILLIS) {
            own.remove(key); // this round covers what is left
        } else {
            own.put(key, scheduled(key, o.announcement(), o.until()));
        }
    }

    private static Key key(Announcement a) {
        return new Key(a.topic(), Id.of(a.publicKey()));
    }
}
