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
final class ClosestProcedure extends LookupProcedure implements ReferralProofs.Sink {

    /** One kind of XOR lookup: the request it sends, and what it makes of an answer. */
    interface Query {
        Message request(long txId);

        /** The contacts {@code reply} names, or null when it is no answer (the node counts as failed). */
        List<Contact> closer(Contact from, Message reply, long now);

        /** Whether the lookup may stop before it has converged. */
        default boolean satisfied() {
            return false;
        }
    }

    private final DisjointLookup lookup;
    private final Query query;
    /** The verifiedContacts defence, or null when it is off. */
    private final ReferralProofs proofs;

    ClosestProcedure(DisjointLookup lookup, Query query, LookupKind kind, LocalNode local, ReferralProofs proofs) {
        super(kind, local);
        this.lookup = lookup;
        this.query = query;
        this.proofs = proofs;
    }

    Id target() {
        return lookup.target();
    }

    @Override
    public List<Request> poll(long now) {
        if (isDone()) return List.of();
        List<Request> out = new ArrayList<>();
        if (!query.satisfied()) {
            for (Contact c : lookup.next()) {
                if (proofs == null) {
                    out.add(Request.once(c, query::request, this));
                } else {
                    out.addAll(proofs.ask(c, query::request, this));
                }
            }
        }
        if (lookup.isFinished() || (query.satisfied() && out.isEmpty())) {
            finish(lookup.result(), proofs == null ? 0 : proofs.messages(), now);
        }
        return out;
    }

    @Override
    public void onPong(Request request, Message.Pong pong, RecordRefusal refusal, long now) {
        if (proofs != null && proofs.isProof(request)) {
            if (!isDone()) proofs.onPong(request, refusal, now, this);
        } else {
            onReply(request, pong, now);
        }
    }

    @Override
    public void onReply(Request request, Message reply, long now) {
        if (isDone()) return;
        if (proofs != null) {
            if (proofs.isProof(request)) { // answered with something other than a PONG
                proofs.onPingFailed(request, now, this);
                return;
            }
            if (!proofs.mayCount(request, reply)) return;
        }
        answer(request, reply, now);
    }

    @Override
    public void answer(Request request, Message reply, long now) {
        List<Contact> closer = query.closer(Contact.seen(request.expected(), request.to(), now), reply, now);
        if (closer != null) {
            lookup.onResponse(request.expected(), proofs == null ? closer : proofs.admit(closer));
        } else {
            lookup.onFailure(request.expected());
        }
    }

    @Override
    public void refused(Id id, long now) {
        lookup.onFailure(id);
    }

    @Override
    public void onFailure(Request request, long now) {
        if (isDone()) return;
        if (proofs != null && proofs.isProof(request)) {
            proofs.onPingFailed(request, now, this);
        } else {
            lookup.onFailure(request.expected());
        }
    }
}
