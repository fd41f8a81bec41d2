package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.SuccessorLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Chord's find-successor, iteratively ({@link SuccessorLookup}) as a procedure: ring-mode
 * FIND_NODEs to whom the lookup says, each answer (final with a successor list, or a
 * referral) fed back, until the lookup settles on the successor of the key.
 */
final class SuccessorProcedure extends LookupProcedure implements ReferralProofs.Sink {
    private final SuccessorLookup lookup;
    /** The verifiedContacts defence, or null when it is off. */
    private final ReferralProofs proofs;

    SuccessorProcedure(SuccessorLookup lookup, LocalNode local) {
        this(lookup, local, null);
    }

    SuccessorProcedure(SuccessorLookup lookup, LocalNode local, ReferralProofs proofs) {
        super(LookupKind.SUCCESSOR, local);
        this.lookup = lookup;
        this.proofs = proofs;
    }

    @Override
    public List<Request> poll(long now) {
        if (isDone()) return List.of();
        List<Request> out = new ArrayList<>();
        Id self = local().id();
        Id key = lookup.key();
        for (Contact c : lookup.next()) {
            LongFunction<Message> find = tx -> new Message.FindNode(tx, self, key, Message.FindNode.RING);
            if (proofs == null) {
                out.add(Request.once(c, find, this));
            } else {
                out.addAll(proofs.ask(c, find, this));
            }
        }
        if (lookup.isFinished()) finish(lookup.result(), proofs == null ? 0 : proofs.messages(), now);
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
        if (reply instanceof Message.Nodes nodes) {
            Contact from = Contact.seen(request.expected(), request.to(), now);
            List<Contact> named = WireContacts.reachable(nodes.contacts(), from, now);
            lookup.onResponse(from.id(), nodes.isFinal(), proofs == null ? named : proofs.admit(named));
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
