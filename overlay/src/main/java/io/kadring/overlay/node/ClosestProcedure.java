package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.DisjointLookup;
import io.kadring.routing.LookupResult;
import io.kadring.routing.XorLookup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * An XOR lookup ({@link XorLookup}: Kademlia's iterative FIND_NODE, or FIND_VALUE for a get;
 * along disjoint paths, {@link DisjointLookup}) as a procedure: it asks whom the lookup says to ask, once each, and feeds it what the
 * {@link Query} makes of every answer. It ends when the lookup finishes or the query is
 * satisfied (a get that found enough agreeing copies). With {@link ReferralProofs}, an answer
 * counts only once its sender's record has verified from its address.
 */
final class ClosestProcedure extends LookupProcedure {

    /** One kind of XOR lookup: the request it sends, and what it makes of an answer. */
    interface Query {
        LookupRequest request();

        /** The contacts {@code reply} names, or null when it is no answer (the node counts as failed). */
        List<Contact> closer(Contact from, Message reply, long now);

        /** Whether the lookup may stop before it has converged. */
        default boolean satisfied() {
            return false;
        }

        /** Whether a stalled value lookup asks all the k closest at once (node lookups always do). */
        default boolean burstWhenStalled() {
            return true;
        }
    }

    private final DisjointLookup lookup;
    private final Query query;
    private final ToLongFunction<InetSocketAddress> patience;
    private final Consumer<LookupResult> onConverged;
    /** Queries in flight, by the id asked: when each becomes a straggler. */
    private final Map<Id, Long> slowAt = new HashMap<>();

    /**
     * @param proofs the verifiedContacts defence, or null when it is off
     * @param patience how long a live node at an address usually takes to answer: a query
     *     unanswered by then is a straggler ({@link DisjointLookup#onSlow}), which the lookup
     *     stops waiting for (its answer still counts if it comes before the end)
     * @param onConverged sees the result when the lookup ran to its end (not when the query was
     *     satisfied early)
     */
    ClosestProcedure(DisjointLookup lookup, Query query, LookupKind kind, LocalNode local, ReferralProofs proofs,
                     ToLongFunction<InetSocketAddress> patience, Consumer<LookupResult> onConverged) {
        super(kind, lookup.target(), local, proofs);
        this.lookup = lookup;
        this.query = query;
        this.patience = patience;
        this.onConverged = onConverged;
    }

    /** What it looks for. */
    Id target() {
        return lookup.target();
    }

    @Override
    List<Request> next(long now) {
        markStragglers(now);
        List<Request> out = new ArrayList<>();
        if (!query.satisfied()) {
            for (Contact c : lookup.next()) {
                ask(c, query.request(), out);
                slowAt.put(c.id(), now + patience.applyAsLong(c.address()));
            }
        }
        if (lookup.isFinished()) {
            LookupResult result = lookup.result();
            onConverged.accept(result);
            finish(ownView(result), now);
        } else if (query.satisfied() && out.isEmpty()) {
            finish(ownView(lookup.result()), now);
        }
        return out;
    }

    /**
     * {@link NodeConfig#clientMode()}: a client holds nothing and is no one's contact, so it is
     * not among the closest it reports (its lookups look for one more, {@link Lookups#xor}).
     */
    private LookupResult ownView(LookupResult r) {
        if (!local().config().clientMode()) return r;
        List<Contact> others = new ArrayList<>(r.closest().size());
        for (Contact c : r.closest()) {
            if (!c.id().equals(local().id()) && others.size() < local().config().k()) others.add(c);
        }
        return new LookupResult(others, r.hops(), r.messages(), r.responses(), r.failures());
    }

    private void markStragglers(long now) {
        for (Iterator<Map.Entry<Id, Long>> it = slowAt.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Id, Long> e = it.next();
            if (e.getValue() <= now) {
                it.remove();
                lookup.onSlow(e.getKey());
            }
        }
    }

    /** When the next query in flight becomes a straggler. */
    @Override
    public long deadline() {
        if (isDone()) return NEVER;
        long next = NEVER;
        for (long t : slowAt.values()) next = Math.min(next, t);
        return next;
    }

    @Override
    void answer(Request request, Message reply, long now) {
        slowAt.remove(request.expected());
        List<Contact> closer = query.closer(Contact.seen(request.expected(), request.to(), now), reply, now);
        if (closer != null) {
            lookup.onResponse(request.expected(), admit(closer));
        } else {
            lookup.onFailure(request.expected());
        }
    }

    @Override
    void ruledOut(Id id) {
        slowAt.remove(id);
        lookup.onFailure(id);
    }
}
