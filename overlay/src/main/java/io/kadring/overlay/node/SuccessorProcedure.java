package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.SuccessorLookup;
import java.util.ArrayList;
import java.util.List;

/**
 * Chord's find-successor, iteratively ({@link SuccessorLookup}) as a procedure: ring-mode
 * FIND_NODEs to whom the lookup says, each answer (final with a successor list, or a
 * referral) fed back, until the lookup settles on the successor of the key.
 */
final class SuccessorProcedure extends LookupProcedure {
    private final SuccessorLookup lookup;

    /** @param proofs the verifiedContacts defence, or null when it is off */
    SuccessorProcedure(SuccessorLookup lookup, LocalNode local, ReferralProofs proofs) {
        super(LookupKind.SUCCESSOR, lookup.key(), local, proofs);
        this.lookup = lookup;
    }

    @Override
    List<Request> next(long now) {
        List<Request> out = new ArrayList<>();
        Id self = local().id();
        Id key = lookup.key();
        for (Contact c : lookup.next()) ask(c, LookupRequest.findNode(self, key, Message.FindNode.RING), out);
        if (lookup.isFinished()) finish(lookup.result(), now);
        return out;
    }

    @Override
    void answer(Request request, Message reply, long now) {
        if (reply instanceof Message.Nodes nodes) {
            Contact from = Contact.seen(request.expected(), request.to(), now);
            lookup.onResponse(from.id(), nodes.isFinal(), admit(WireContacts.reachable(nodes.contacts(), from, now)));
        } else {
            lookup.onFailure(request.expected());
        }
    }

    @Override
    void ruledOut(Id id) {
        lookup.onFailure(id);
    }
}
