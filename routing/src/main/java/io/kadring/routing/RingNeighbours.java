package io.kadring.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Chord's view of the ring around the local node: its predecessor and a list of the first
 * r successors clockwise. Fed with verified contacts; stabilization (asking the successor
 * for its neighbours) and failure detection are the caller's. Not thread-safe.
 *
 * <p>With a diversity limit ({@link #RingNeighbours(Id, RoutingConfig)}), the successors and
 * the predecessor together hold at most {@code maxPerPrefix} contacts from one IPv4 /24 or
 * IPv6 /64 (exempt addresses aside): a newcomer from a full prefix is turned away, however
 * close it is, and the contacts already there (the longer-lived) stay. Without it, one
 * operator with many ids in one network could fill every ring slot.
 */
public final class RingNeighbours {
    private final Id localId;
    private final int capacity;
    /** Ordered clockwise from the local id, closest first. */
    private final ArrayList<Contact> successors;
    private final List<Contact> successorsView;
    private Contact predecessor;
    /** The diversity limit, or null for none. */
    private final RoutingConfig diversity;

    /** A ring view with no diversity limit. */
    public RingNeighbours(Id localId, int successorListSize) {
        this(localId, successorListSize, null);
    }

    /** A ring view of {@code config.successorListSize()} successors under {@code config}'s diversity limit. */
    public RingNeighbours(Id localId, RoutingConfig config) {
        this(localId, config.successorListSize(), Objects.requireNonNull(config, "config"));
    }

    private RingNeighbours(Id localId, int successorListSize, RoutingConfig diversity) {
        this.diversity = diversity;
        this.localId = Objects.requireNonNull(localId, "localId");
        if (successorListSize < 1) {
            throw new IllegalArgumentException("successorListSize must be >= 1, got " + successorListSize);
        }
        this.capacity = successorListSize;
        this.successors = new ArrayList<>(successorListSize + 1);
        this.successorsView = Collections.unmodifiableList(successors);
    }

    public Id localId() {
        return localId;
    }

    /** r: the most successors kept. */
    public int successorListSize() {
        return capacity;
    }

    public Optional<Contact> predecessor() {
        return Optional.ofNullable(predecessor);
    }

    /** The successors, closest clockwise first; at most r, never the local node. */
    public List<Contact> successors() {
        return List.copyOf(successors);
    }

    /**
     * The successors as {@link #successors()} lists them, but a read-only view, not a copy: for
     * a scan that ends before the ring changes (admission asks it about every sender).
     */
    public List<Contact> successorsView() {
        return successorsView;
    }

    /** The first successor. */
    public Optional<Contact> successor() {
        return successors.isEmpty() ? Optional.empty() : Optional.of(successors.get(0));
    }

    /**
     * A verified contact: it joins the successor list if it is among the first r clockwise
     * from the local id, and becomes the predecessor if there is none or it lies between the
     * predecessor and the local id. A known id is updated in place. Under a diversity limit, a
     * newcomer (or a known id at a new address) from a prefix that already fills its share is
     * ignored.
     */
    public void observe(Contact c) {
        Objects.requireNonNull(c, "contact");
        Id id = c.id();
        if (id.equals(localId)) return;
        if (!contains(id) && !wouldPlace(id)) return; // it would take no place: the prefix count is moot
        if (crowded(c)) return;
        int at = indexOf(id);
        if (at >= 0) {
            successors.set(at, c);
        } else {
            int i = successors.size();
            while (i > 0 && localId.compareClockwise(id, successors.get(i - 1).id()) < 0) i--;
            if (i < capacity) {
                successors.add(i, c);
                if (successors.size() > capacity) successors.remove(successors.size() - 1);
            }
        }
        if (predecessor == null || predecessor.id().equals(id) || id.inOpen(predecessor.id(), localId)) {
            predecessor = c;
        }
    }

    /**
     * Whether {@code id} would take a place here: the successor list has room or {@code id}
     * falls inside its stretch, or it lies between the predecessor (or none) and the local id.
     * The diversity limit, which depends on the address, is not asked.
     */
    public boolean wouldPlace(Id id) {
        if (id.equals(localId)) return false;
        if (successors.size() < capacity || id.inOpen(localId, successors.get(successors.size() - 1).id())) {
            return true;
        }
        return predecessor == null || id.inOpen(predecessor.id(), localId);
    }

    /** Whether {@code id} is the predecessor or one of the successors. */
    public boolean contains(Id id) {
        return indexOf(id) >= 0 || (predecessor != null && predecessor.id().equals(id));
    }

    /** Whether {@code c} would exceed the prefix limit among the other ring entries. */
    private boolean crowded(Contact c) {
        if (diversity == null || diversity.isExempt(c.address())) return false;
        int same = 0;
        for (Contact s : successors) {
            if (!s.id().equals(c.id()) && NetworkPrefix.samePrefix(s.address(), c.address())) same++;
        }
        if (predecessor != null && !predecessor.id().equals(c.id()) && indexOf(predecessor.id()) < 0
                && NetworkPrefix.samePrefix(predecessor.address(), c.address())) {
            same++;
        }
        return same >= diversity.maxPerPrefix();
    }

    /** Chord's reconcile: takes in a neighbour and the successor list it reported. */
    public void mergeSuccessorList(Contact neighbour, List<Contact> itsSuccessors) {
        observe(neighbour);
        for (Contact c : itsSuccessors) {
            if (!c.id().equals(localId)) observe(c);
        }
    }

    /** A node that failed leaves the predecessor slot and the successor list. */
    public void remove(Id id) {
        int at = indexOf(id);
        if (at >= 0) successors.remove(at);
        if (predecessor != null && predecessor.id().equals(id)) predecessor = null;
    }

    public void clearPredecessor() {
        predecessor = null;
    }

    /**
     * How this node answers a ring lookup for {@code key} (see {@link SuccessorLookup}), in at
     * most {@code maxContacts} contacts. Final, with the successor list, when {@code key} lies
     * in (local, successor]. Otherwise a referral: the contacts among {@code known}, the
     * predecessor and the successors that most closely precede {@code key}, then the
     * successors, then the first contact at or after {@code key} (a node whose id is the key
     * is no predecessor, yet it is the answer). The successors and that last one always make
     * the list; the best predecessors fill the room left. A node with no successor and no
     * contacts is alone: it answers final with an empty list (it succeeds every key).
     */
    public RingAnswer answer(Id key, Iterable<Contact> known, int maxContacts) {
        if (maxContacts < 1) throw new IllegalArgumentException("maxContacts must be >= 1, got " + maxContacts);
        Optional<Contact> successor = successor();
        if (successor.isPresent() && key.inHalfOpen(localId, successor.get().id())) {
            return new RingAnswer(true, successors.subList(0, Math.min(maxContacts, successors.size())));
        }
        int expected = known instanceof Collection<?> all ? all.size() + successors.size() + 1 : 16;
        List<Contact> pool = new ArrayList<>(expected);
        for (Contact c : known) {
            if (!c.id().equals(localId)) pool.add(c);
        }
        if (predecessor != null) pool.add(predecessor);
        pool.addAll(successors);
        if (pool.isEmpty()) return new RingAnswer(true, List.of());

        List<Contact> kept = new ArrayList<>(successors); // always listed (when they fit)
        successorOf(key, pool).filter(c -> indexOf(kept, c.id()) < 0).ifPresent(kept::add);
        if (kept.size() > maxContacts) kept.subList(maxContacts, kept.size()).clear();
        int room = maxContacts - kept.size();
        List<Contact> out = new ArrayList<>(maxContacts);
        for (Contact c : closestPreceding(key, pool, maxContacts)) {
            int at = indexOf(kept, c.id());
            if (at >= 0) {
                out.add(kept.remove(at)); // in its place among the predecessors
            } else if (room > 0) {
                out.add(c);
                room--;
            }
        }
        out.addAll(kept);
        return new RingAnswer(false, out);
    }

    /**
     * Chord's closest preceding node: among {@code known}, the contact strictly inside
     * (localId, key) clockwise that is nearest to {@code key}.
     */
    public static Optional<Contact> closestPreceding(Id localId, Id key, Iterable<Contact> known) {
        Contact best = null;
        for (Contact c : known) {
            if (!c.id().inOpen(localId, key)) continue;
            if (best == null || precedesMoreClosely(key, c.id(), best.id())) best = c;
        }
        return Optional.ofNullable(best);
    }

    /**
     * Up to {@code n} of {@code known} ordered by clockwise distance to {@code key}, nearest
     * first: the best predecessors of {@code key}. A contact whose id is {@code key} is left
     * out (it is the key's successor, see {@link #successorOf}); duplicate ids count once.
     */
    public static List<Contact> closestPreceding(Id key, Iterable<Contact> known, int n) {
        return nearest(known, n, key, true);
    }

    /**
     * Up to {@code n} of {@code known} in the order met going clockwise from {@code key}, a
     * contact whose id is {@code key} first: the candidate successors of {@code key}.
     * Duplicate ids count once.
     */
    public static List<Contact> successorsOf(Id key, Iterable<Contact> known, int n) {
        return nearest(known, n, key, false);
    }

    /**
     * The successor of {@code key} among {@code known}: the contact first reached going
     * clockwise from {@code key}, a contact whose id is {@code key} included.
     */
    public static Optional<Contact> successorOf(Id key, Iterable<Contact> known) {
        Contact best = null;
        for (Contact c : known) {
            if (best == null || key.compareClockwise(c.id(), best.id()) < 0) best = c;
        }
        return Optional.ofNullable(best);
    }

    /**
     * The {@code n} contacts nearest to (preceding) or from (following) {@code key} clockwise,
     * the first of equal ids kept. Ring answers call it over the whole table, so it keeps a
     * short sorted array and compares ids in place rather than making a distance per contact.
     */
    private static List<Contact> nearest(Iterable<Contact> known, int n, Id key, boolean preceding) {
        if (n <= 0) return List.of();
        Contact[] best = new Contact[Math.min(n, 64)];
        int size = 0;
        for (Contact c : known) {
            Id id = c.id();
            if (preceding && id.equals(key)) continue;
            if (size == n && !closer(key, preceding, id, best[size - 1].id())) continue;
            int at = size;
            while (at > 0 && closer(key, preceding, id, best[at - 1].id())) at--;
            if (at > 0 && best[at - 1].id().equals(id)) continue; // an id met before stays
            if (size == n) {
                size--; // the farthest goes
            } else if (size == best.length) {
                best = Arrays.copyOf(best, Math.min(n, 2 * best.length));
            }
            System.arraycopy(best, at, best, at + 1, size - at);
            best[at] = c;
            size++;
        }
        return List.copyOf(Arrays.asList(best).subList(0, size));
    }

    /** Whether {@code a} is strictly nearer than {@code b} to (preceding) or from (following) {@code key}. */
    private static boolean closer(Id key, boolean preceding, Id a, Id b) {
        return preceding ? precedesMoreClosely(key, a, b) : key.compareClockwise(a, b) < 0;
    }

    /**
     * Whether the clockwise distance from {@code a} to {@code key} is shorter than from {@code b}
     * (neither being {@code key}): going clockwise from {@code key}, {@code b} comes first.
     */
    private static boolean precedesMoreClosely(Id key, Id a, Id b) {
        return key.compareClockwise(b, a) < 0;
    }

    private int indexOf(Id id) {
        return indexOf(successors, id);
    }

    private static int indexOf(List<Contact> list, Id id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(id)) return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return "RingNeighbours[" + localId + ", predecessor " + predecessor + ", successors " + successors + "]";
    }
}
