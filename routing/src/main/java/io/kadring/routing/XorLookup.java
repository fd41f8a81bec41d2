package io.kadring.routing;

import io.kadring.routing.LookupLedger.Candidate;
import io.kadring.routing.LookupLedger.State;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Kademlia's iterative node lookup as a state machine with no IO: it says whom to ask
 * ({@link #next()}), is told what they answered ({@link #onResponse}) or that they failed
 * ({@link #onFailure}), and finishes when the k closest contacts it knows of have all
 * answered. At most {@code alpha} queries are in flight while answers bring closer contacts;
 * once an answer brings none (the lookup has stalled), every one of the k closest not yet
 * asked is asked at once, as the Kademlia paper prescribes for node lookups, together with
 * {@code spares} more beyond the k closest (a contact that has left the network holds up the
 * end for its timeout: a spare already asked takes its place with no further round trip). A
 * lookup made without that burst ({@link #XorLookup(Id, Contact, Collection, int, int, int,
 * boolean)}, a value lookup that ends as soon as enough holders answered) keeps {@code alpha}
 * in flight to the end.
 *
 * <p>The caller must report every contact returned by {@link #next()} exactly once, as a
 * response or a failure (a timeout); then the lookup always finishes. Not thread-safe.
 */
public final class XorLookup {
    private final Id target;
    private final int k;
    private final int alpha;
    private final int spares;
    private final BooleanSupplier burst;
    /** Every contact heard of, by id, iterated closest to target first (ids and distances are 1:1). */
    private final TreeMap<Id, Candidate> candidates;
    private final LookupLedger ledger = new LookupLedger();
    private boolean finished;
    private boolean stalled;

    /**
     * @param self  the local node: counts as having answered, at 0 hops
     * @param seeds contacts from the local table, asked first (1 hop)
     */
    public XorLookup(Id target, Contact self, Collection<Contact> seeds, int k, int alpha) {
        this(target, self, seeds, k, alpha, 0);
    }

    /**
     * @param self   the local node: counts as having answered, at 0 hops
     * @param seeds  contacts from the local table, asked first (1 hop)
     * @param spares how many contacts beyond the k closest a stalled lookup asks as well
     */
    public XorLookup(Id target, Contact self, Collection<Contact> seeds, int k, int alpha, int spares) {
        this(target, self, seeds, k, alpha, spares, true);
    }

    /**
     * @param self   the local node: counts as having answered, at 0 hops
     * @param seeds  contacts from the local table, asked first (1 hop)
     * @param spares how many contacts beyond the k closest a stalled lookup asks as well
     * @param burst  whether a stalled lookup asks the k + spares closest at once (node lookups);
     *               without, it keeps asking {@code alpha} at a time among the k closest
     */
    public XorLookup(Id target, Contact self, Collection<Contact> seeds, int k, int alpha, int spares,
                     boolean burst) {
        this(target, self, seeds, k, alpha, spares, burst ? () -> true : () -> false);
    }

    /**
     * As above, with the burst asked each time the stalled lookup picks whom to ask next (a get
     * bursts while it has found nothing, since the key may be held nowhere, and not once a
     * holder answered).
     */
    public XorLookup(Id target, Contact self, Collection<Contact> seeds, int k, int alpha, int spares,
                     BooleanSupplier burst) {
        this.burst = Objects.requireNonNull(burst, "burst");
        this.target = Objects.requireNonNull(target, "target");
        Objects.requireNonNull(self, "self");
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (alpha < 1) throw new IllegalArgumentException("alpha must be >= 1, got " + alpha);
        if (spares < 0) throw new IllegalArgumentException("spares must be >= 0, got " + spares);
        this.k = k;
        this.alpha = alpha;
        this.spares = spares;
        this.candidates = new TreeMap<>(target.byDistance());
        candidates.put(self.id(), new Candidate(self, 0, State.ANSWERED));
        for (Contact c : seeds) learn(c, 1);
        finished = computeFinished();
    }

    public Id target() {
        return target;
    }

    /**
     * The contacts to ask now, at most {@code alpha} minus those in flight: the closest not
     * yet asked among the k closest that have not failed; once stalled (with the burst), every
     * one of the k + spares closest. Empty while waiting and once finished.
     */
    public List<Contact> next() {
        boolean bursting = stalled && burst.getAsBoolean();
        int window = bursting ? k + spares : k;
        int parallelism = bursting ? window : alpha;
        if (finished || ledger.inFlight() >= parallelism) return List.of();
        List<Contact> out = new ArrayList<>(parallelism - ledger.inFlight());
        int live = 0;
        for (Candidate c : candidates.values()) {
            if (c.state == State.FAILED || c.state == State.SLOW) continue;
            if (live++ == window || ledger.inFlight() == parallelism) break;
            if (c.state == State.WAITING) {
                ledger.ask(c);
                out.add(c.contact);
            }
        }
        return out;
    }

    /**
     * {@code from} answered with the contacts it knows closest to the target; they join at
     * one hop more than {@code from}. An answer from a contact not in flight is only counted
     * ({@link #ignoredResponses()}).
     */
    public void onResponse(Id from, List<Contact> closer) {
        Candidate c = candidates.get(from);
        if (!ledger.answered(c) || finished) return;
        Id closestBefore = closestLive();
        for (Contact n : closer) learn(n, c.depth + 1);
        stalled = closestLive().equals(closestBefore);
        finished = computeFinished();
    }

    /** A query to {@code from} failed or timed out; a contact not yet asked may be ruled out too. */
    public void onFailure(Id from) {
        if (ledger.failed(candidates.get(from)) && !finished) finished = computeFinished();
    }

    /**
     * {@code from} is a straggler: asked, and not answered in the time a live node usually
     * takes. It stops holding a place among the k closest (the next one is asked instead) and
     * in flight, and the lookup no longer waits for it; should it answer before the lookup
     * finishes, its answer counts. Under churn most stragglers have left the network.
     */
    public void onSlow(Id from) {
        if (ledger.slow(candidates.get(from)) && !finished) finished = computeFinished();
    }

    /** True once the k closest contacts that have not failed (nor straggle) have all answered; final. */
    public boolean isFinished() {
        return finished;
    }

    /** The k closest that answered (the local node among them if it qualifies), and the statistics. */
    public LookupResult result() {
        List<Contact> closest = new ArrayList<>(k);
        int hops = 0;
        for (Candidate c : candidates.values()) {
            if (c.state != State.ANSWERED) continue;
            if (closest.isEmpty()) hops = c.depth;
            closest.add(c.contact);
            if (closest.size() == k) break;
        }
        return ledger.result(closest, hops);
    }

    /** Queries outstanding. */
    public int inFlight() {
        return ledger.inFlight();
    }

    /** Answers that came from contacts not in flight (late, after a timeout, or unsolicited). */
    public int ignoredResponses() {
        return ledger.ignored();
    }

    /** The closest candidate that has not failed (there is always one: the local node). */
    private Id closestLive() {
        for (Candidate c : candidates.values()) {
            if (c.state != State.FAILED) return c.contact.id();
        }
        throw new IllegalStateException("the local node never fails");
    }

    private void learn(Contact contact, int depth) {
        Candidate known = candidates.get(contact.id());
        if (known == null) {
            candidates.put(contact.id(), new Candidate(contact, depth, State.WAITING));
        } else {
            known.reachedAt(depth);
        }
    }

    private boolean computeFinished() {
        int live = 0;
        for (Candidate c : candidates.values()) {
            if (c.state == State.FAILED) continue;
            if (c.state != State.ANSWERED) return false;
            if (++live == k) break;
        }
        return true;
    }
}
