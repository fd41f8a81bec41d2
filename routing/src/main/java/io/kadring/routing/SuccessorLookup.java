package io.kadring.routing;

import io.kadring.routing.LookupLedger.State;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Chord's find-successor as an iterative, parallel state machine with no IO: converges on
 * the first live node clockwise from {@code key} (a node whose id is {@code key} is its own
 * key's successor).
 *
 * <p>Each query asks a node for its {@link RingAnswer} ({@link RingNeighbours#answer}): final
 * with its successor list when the key lies between it and its successor, else the contacts
 * it knows that most closely precede the key, its successors and the first contact it knows
 * past the key. The lookup keeps every
 * contact it hears of in two orders: as a predecessor of the key (clockwise distance to the
 * key, nearest first) and as a successor (clockwise distance from the key). It asks, up to
 * {@code alpha} at a time, the best predecessors not yet asked that are better than the best
 * one that has answered. It is done when the best predecessor not known to have failed has
 * answered and the best successor not known to have failed has answered too, so a claimed
 * successor is always confirmed alive by a query of its own (once routing has settled, or as
 * soon as some node answered final). When that candidate fails the next one is tried.
 *
 * <p>Looking up the local id answers the local node at once (to find the node after
 * oneself, look up the local id plus one). The caller must report every contact returned by
 * {@link #next()} exactly once; then the lookup always finishes. Not thread-safe.
 */
public final class SuccessorLookup {
    private static final class Candidate extends LookupLedger.Candidate {
        /** Clockwise distance to the key: the smaller, the better a predecessor. */
        final Id before;
        /** Clockwise distance from the key: the smaller, the better a successor. */
        final Id after;

        Candidate(Contact contact, Id key, int depth, State state) {
            super(contact, depth, state);
            this.before = contact.id().clockwiseTo(key);
            this.after = key.clockwiseTo(contact.id());
        }

        boolean isKey() {
            return after.equals(Id.ZERO);
        }
    }

    private final Id key;
    private final int alpha;
    private final Map<Id, Candidate> byId = new HashMap<>();
    /** Predecessor order; the node whose id is the key is not a predecessor and is left out. */
    private final TreeSet<Candidate> byPrecedence = new TreeSet<>(Comparator.comparing((Candidate c) -> c.before));
    private final TreeSet<Candidate> bySuccession = new TreeSet<>(Comparator.comparing((Candidate c) -> c.after));
    private boolean finalSeen;
    private boolean finished;
    private final LookupLedger ledger = new LookupLedger();

    /**
     * @param self     the local node
     * @param selfRing the local node's ring view: if {@code key} lies in (self, successor]
     *                 that successor is the answer, at 1 hop (a contact of our own asked
     *                 once, as docs/design.md counts hops), once it answers that query (the
     *                 next one in the list if it fails); a node with no successor and no
     *                 contacts is alone and answers itself at once
     * @param known    the contacts the local node knows (its table; the ring's are added)
     * @param k        how many of the best predecessors of the key to start from (the ring's
     *                 successors and the first known contact past the key come on top)
     */
    public SuccessorLookup(Id key, Contact self, RingNeighbours selfRing, Collection<Contact> known, int k, int alpha) {
        this(key, self, selfRing, known, k, alpha, true);
    }

    /**
     * As above; {@code onRing} false (a client-mode node, on no one's ring) leaves the local node
     * out of the answer: it is never the successor, and it speaks for no stretch of the ring.
     */
    public SuccessorLookup(Id key, Contact self, RingNeighbours selfRing, Collection<Contact> known, int k, int alpha,
                           boolean onRing) {
        this.key = Objects.requireNonNull(key, "key");
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(known, "known");
        if (!self.id().equals(selfRing.localId())) {
            throw new IllegalArgumentException("self " + self.id() + " is not the ring's local id " + selfRing.localId());
        }
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (alpha < 1) throw new IllegalArgumentException("alpha must be >= 1, got " + alpha);
        this.alpha = alpha;

        Candidate me = new Candidate(self, key, 0, State.ANSWERED);
        byId.put(self.id(), me);
        if (!onRing) {
            // not on the ring: start from the best predecessors of the key that we know
            Collection<Contact> all = new java.util.ArrayList<>(known);
            all.addAll(selfRing.successors());
            selfRing.predecessor().ifPresent(all::add);
            all.removeIf(c -> c.id().equals(self.id()));
            for (Contact c : RingNeighbours.closestPreceding(key, all, k)) learn(c, 1);
            for (Contact c : RingNeighbours.successorsOf(key, all, 1)) learn(c, 1);
            finished = computeFinished();
            return;
        }
        bySuccession.add(me);
        if (self.id().equals(key)) {
            finished = true;
            return;
        }
        // Only a node on the ring (one with a successor) speaks for the stretch after it.
        if (selfRing.successor().isPresent()) byPrecedence.add(me);
        RingAnswer mine = selfRing.answer(key, known, k + selfRing.successorListSize() + 1);
        if (mine.isFinal()) {
            // The key is ours to answer: our successor, one hop away, once it answers a query.
            // Should it and the rest of the list have gone, what we know past the key follows.
            finalSeen = true;
            for (Contact c : mine.contacts()) learn(c, 1);
            for (Contact c : RingNeighbours.successorsOf(key, known, k)) learn(c, 1);
        } else {
            for (Contact c : mine.contacts()) learn(c, 1);
        }
        finished = computeFinished();
    }

    public Id key() {
        return key;
    }

    /** The contacts to ask now (at most {@code alpha} minus those in flight); empty while waiting and once finished. */
    public List<Contact> next() {
        if (finished) return List.of();
        List<Contact> out = new ArrayList<>();
        select(alpha - ledger.inFlight(), out);
        return out;
    }

    /** {@code from} answered; see {@link RingAnswer} for what {@code contacts} holds. */
    public void onResponse(Id from, boolean isFinal, List<Contact> contacts) {
        Candidate c = byId.get(from);
        if (!ledger.answered(c) || finished) return;
        if (isFinal) finalSeen = true;
        for (Contact n : contacts) learn(n, c.depth + 1);
        finished = computeFinished();
    }

    /** {@code from} answered with {@code answer}. */
    public void onResponse(Id from, RingAnswer answer) {
        onResponse(from, answer.isFinal(), answer.contacts());
    }

    /** A query to {@code from} failed or timed out; a contact not yet asked may be ruled out too. */
    public void onFailure(Id from) {
        if (ledger.failed(byId.get(from)) && !finished) finished = computeFinished();
    }

    /** True once the successor is confirmed (or nothing is left to try); final. */
    public boolean isFinished() {
        return finished;
    }

    /**
     * The successor alone (before the lookup finishes: the best confirmed so far) and the
     * statistics; hops is the successor's referral depth. When every other contact failed the
     * local node is the answer, as it would be if it were alone.
     */
    public LookupResult result() {
        for (Candidate c : bySuccession) {
            if (c.state == State.ANSWERED) return ledger.result(List.of(c.contact), c.depth);
        }
        return ledger.result(List.of(), 0);
    }

    /** Queries outstanding. */
    public int inFlight() {
        return ledger.inFlight();
    }

    /** Answers that came from contacts not in flight (late, after a timeout, or unsolicited). */
    public int ignoredResponses() {
        return ledger.ignored();
    }

    /**
     * Picks up to {@code budget} contacts to ask, marking them in flight when {@code out} is
     * given; returns how many it found. First the successor candidate's confirmation, then
     * routing towards better predecessors.
     */
    private int select(int budget, List<Contact> out) {
        int picked = 0;
        if (budget <= 0) return 0;
        Candidate pred = best(byPrecedence);
        Candidate succ = best(bySuccession);
        if (succ == null && pred == null) return 0; // off the ring, every candidate failed
        if (succ == null) { // off the ring and no successor known yet: ask the predecessors
            for (Candidate c : byPrecedence) {
                if (picked == budget || c.state == State.ANSWERED) break;
                if (c.state == State.WAITING) {
                    ask(c, out);
                    picked++;
                }
            }
            return picked;
        }
        boolean confirm = succ.isKey() || finalSeen || pred == null || pred.state == State.ANSWERED;
        if (confirm && succ.state == State.WAITING) {
            ask(succ, out);
            picked++;
        }
        for (Candidate c : byPrecedence) {
            if (picked == budget || c.state == State.ANSWERED) break; // the rest are worse than one that answered
            if (c.state == State.WAITING) {
                ask(c, out);
                picked++;
            }
        }
        return picked;
    }

    private void ask(Candidate c, List<Contact> out) {
        if (out == null) return;
        ledger.ask(c);
        out.add(c.contact);
    }

    /** The first candidate in {@code order} not known to have failed, or null. */
    private static Candidate best(TreeSet<Candidate> order) {
        for (Candidate c : order) {
            if (c.state != State.FAILED) return c;
        }
        return null;
    }

    private boolean computeFinished() {
        Candidate succ = best(bySuccession); // null only off the ring: the local node never fails
        Candidate pred = best(byPrecedence);
        if (succ != null && succ.state == State.ANSWERED && (succ.isKey() || pred == null || pred.state == State.ANSWERED)) {
            return true;
        }
        return ledger.inFlight() == 0 && select(alpha, null) == 0; // nothing to wait for, nothing to ask
    }

    private void learn(Contact contact, int depth) {
        Candidate known = byId.get(contact.id());
        if (known != null) {
            known.reachedAt(depth);
            return;
        }
        Candidate c = new Candidate(contact, key, depth, State.WAITING);
        byId.put(contact.id(), c);
        bySuccession.add(c);
        if (!c.isKey()) byPrecedence.add(c);
    }
}
