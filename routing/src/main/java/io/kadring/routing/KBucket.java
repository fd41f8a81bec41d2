package io.kadring.routing;

import io.kadring.routing.RoutingTable.Observation;
import io.kadring.routing.RoutingTable.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One k-bucket: up to k contacts in least-recently-seen order (head = oldest), a
 * replacement cache of verified contacts that did not fit (tail = most recently seen),
 * and the one ping of the oldest contact that may be outstanding.
 *
 * <p>Beside the contacts, their ids' hashes in an int array: every message a node gets asks
 * its table whether it knows the sender, so a scan compares ints side by side and looks at
 * a contact (and its id) only when the hash matches.
 */
final class KBucket {
    /**
     * How long an eviction ping is taken to be outstanding. The caller reports every ping's
     * outcome; this only keeps a bucket from waiting forever on one that was never reported.
     */
    static final long PING_EXPIRY_MILLIS = 60_000;

    private final ArrayList<Contact> entries = new ArrayList<>();
    /** hashes[i] is the hash of entries[i]'s id; grown four at a time. */
    private int[] hashes = new int[4];
    private final ArrayList<Contact> cache = new ArrayList<>();
    private Id pinging;
    private long pingSince;

    Observation observe(Contact contact, long now, RoutingConfig config) {
        Id id = contact.id();
        int at = indexOfEntry(id);
        if (at >= 0) return refresh(at, contact, now, config);
        if (crowded(contact, config)) return Observation.REJECTED_DIVERSITY;

        Contact fresh = Contact.seen(id, contact.address(), now);
        if (entries.size() < config.k()) {
            removeFrom(cache, id);
            insertByLastSeen(fresh);
            return Observation.ADDED;
        }
        // a contact that has already failed gives way to a verified newcomer at once
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).failures() > 0) {
                clearPing(removeEntry(i).id());
                removeFrom(cache, id);
                insertByLastSeen(fresh);
                return Observation.ADDED;
            }
        }
        removeFrom(cache, id);
        cache.add(fresh);
        if (cache.size() > config.replacementCacheSize()) cache.remove(0);
        if (pinging != null && now - pingSince < PING_EXPIRY_MILLIS && indexOfEntry(pinging) >= 0) {
            return Observation.CACHED;
        }
        Contact oldest = entries.get(0);
        pinging = oldest.id();
        pingSince = now;
        return new Observation(Outcome.PENDING_EVICTION, oldest);
    }

    /** A contact already in the bucket was heard from again. */
    private Observation refresh(int at, Contact contact, long now, RoutingConfig config) {
        Contact old = entries.get(at);
        Contact updated;
        if (old.address().equals(contact.address())) {
            updated = old.withSeen(now);
        } else if (old.failures() == 0) {
            return Observation.UPDATED; // the old address still works: keep it
        } else if (crowded(contact, config)) {
            return Observation.REJECTED_DIVERSITY;
        } else {
            updated = Contact.seen(old.id(), contact.address(), Math.max(now, old.lastSeen()));
        }
        removeEntry(at);
        insertByLastSeen(updated);
        clearPing(old.id());
        return Observation.UPDATED;
    }

    /** A request to {@code id} failed; true when that removed it from the bucket. */
    boolean onFailure(Id id, RoutingConfig config) {
        int at = indexOfEntry(id);
        if (at < 0) {
            removeFrom(cache, id);
            return false;
        }
        clearPing(id);
        Contact failed = entries.get(at).withFailure();
        if (!cache.isEmpty() || failed.failures() >= config.staleAfterFailures()) {
            removeEntry(at);
            promote();
            return true;
        }
        entries.set(at, failed);
        return false;
    }

    /** Forgets {@code id} (bucket and cache); a replacement takes a freed place. */
    boolean remove(Id id) {
        boolean fromCache = removeFrom(cache, id);
        int at = indexOfEntry(id);
        if (at < 0) return fromCache;
        clearPing(id);
        removeEntry(at);
        promote();
        return true;
    }

    Contact get(Id id) {
        int at = indexOfEntry(id);
        return at < 0 ? null : entries.get(at);
    }

    int size() {
        return entries.size();
    }

    /** Live view, least recently seen first: callers copy before handing it out. */
    List<Contact> entries() {
        return entries;
    }

    /** Live view, most recently seen last. */
    List<Contact> cache() {
        return cache;
    }

    /** Whether {@code contact} would exceed the per-prefix limit (itself not counted). */
    private boolean crowded(Contact contact, RoutingConfig config) {
        if (config.isExempt(contact.address())) return false;
        int same = countSamePrefix(entries, contact) + countSamePrefix(cache, contact);
        return same >= config.maxPerPrefix();
    }

    private static int countSamePrefix(List<Contact> list, Contact contact) {
        int n = 0;
        for (Contact c : list) {
            if (!c.id().equals(contact.id()) && NetworkPrefix.samePrefix(c.address(), contact.address())) n++;
        }
        return n;
    }

    /** Moves the most recently seen replacement into the bucket. */
    private void promote() {
        if (!cache.isEmpty()) insertByLastSeen(cache.remove(cache.size() - 1));
    }

    /** Keeps ascending lastSeen even if the caller's times arrive out of order; ties go last. */
    private void insertByLastSeen(Contact c) {
        int i = entries.size();
        while (i > 0 && entries.get(i - 1).lastSeen() > c.lastSeen()) i--;
        int size = entries.size();
        if (size == hashes.length) hashes = Arrays.copyOf(hashes, size + 4); // k = 20 ends at 20, no room to waste
        System.arraycopy(hashes, i, hashes, i + 1, size - i);
        hashes[i] = c.id().hashCode();
        entries.add(i, c);
    }

    private Contact removeEntry(int at) {
        System.arraycopy(hashes, at + 1, hashes, at, entries.size() - at - 1);
        return entries.remove(at);
    }

    /** The place of {@code id} among the entries, or -1. */
    private int indexOfEntry(Id id) {
        int hash = id.hashCode();
        int[] h = hashes;
        for (int i = 0, size = entries.size(); i < size; i++) {
            if (h[i] == hash && entries.get(i).id().equals(id)) return i;
        }
        return -1;
    }

    private void clearPing(Id id) {
        if (id.equals(pinging)) pinging = null;
    }

    private static int indexOf(List<Contact> list, Id id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(id)) return i;
        }
        return -1;
    }

    private static boolean removeFrom(List<Contact> list, Id id) {
        int at = indexOf(list, id);
        if (at >= 0) list.remove(at);
        return at >= 0;
    }
}
