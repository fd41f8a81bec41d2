package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.DisjointLookup;
import io.kadring.routing.XorLookup;
import java.util.ArrayList;
import java.util.List;

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
    }

    private final DisjointLookup lookup;
    private final Query query;
    /** @param proofs the verifiedContacts defence, or null when it is off */
    ClosestProcedure(DisjointLookup lookup, Query query, LookupKind kind, LocalNode local, ReferralProofs proofs) {
        super(kind, local, proofs);
        this.lookup = lookup;
        this.query = query;
    }

    Id target() {
        return lookup.target();
    }

    @Override
    public List<Request> poll(long now) {
        if (isDone()) return List.of();
        List<Request> out = new ArrayList<>();
        if (!query.satisfied()) {
            for (Contact c : lookup.next()) ask(c, query.request(), out);
        }
        if (lookup.isFinished() || (query.satisfied() && out.isEmpty())) finish(lookup.result(), now);
        return out;
    }

    @Override
    void answer(Request request, Message reply, long now) {
        List<Contact> closer = query.closer(Contact.seen(request.expected(), request.to(), now), reply, now);
        if (closer != null) {
            lookup.onResponse(request.expected(), admit(closer));
        } else {
            lookup.onFailure(request.expected());
        }
    }

    @Override
    void ruledOut(Id id) {
        lookup.onFailure(id);
    }
}
