package io.kadring.overlay.node;

import io.kadring.overlay.metrics.NodeMetrics;
import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.LookupResult;
import io.kadring.routing.SuccessorLookup;
import java.util.ArrayList;
import java.util.List;

/**
 * Chord's find-successor, iteratively ({@link SuccessorLookup}) as a procedure: ring-mode
 * FIND_NODEs to whom the lookup says, each answer (final with a successor list, or a
 * referral) fed back, until the lookup settles on the successor of the key.
 */
final class SuccessorProcedure implements Procedure<LookupOutcome> {
    private final SuccessorLookup lookup;
    private final Id self;
    private final NodeMetrics metrics;
    private final long start;
    private LookupOutcome outcome;

    SuccessorProcedure(SuccessorLookup lookup, Id self, NodeMetrics metrics, long now) {
        this.lookup = lookup;
        this.self = self;
        this.metrics = metrics;
        this.start = now;
    }

    @Override
    public List<Request> poll(long now) {
        if (outcome != null) return List.of();
        List<Request> out = new ArrayList<>();
        Id key = lookup.key();
        for (Contact c : lookup.next()) {
            out.add(Request.once(c, tx -> new Message.FindNode(tx, self, key, Message.FindNode.RING), this));
        }
        if (lookup.isFinished()) {
            LookupResult r = lookup.result();
            long duration = now - start;
            metrics.lookupFinished(LookupKind.SUCCESSOR, duration, r.hops());
            outcome = new LookupOutcome(r.closest(), r.hops(), r.messages(), duration);
        }
        return out;
    }

    @Override
    public void onReply(Request request, Message reply, long now) {
        if (outcome != null) return;
        if (reply instanceof Message.Nodes nodes) {
            Contact from = Contact.seen(request.expected(), request.to(), now);
            lookup.onResponse(from.id(), nodes.isFinal(), WireContacts.reachable(nodes.contacts(), from, now));
        } else {
            lookup.onFailure(request.expected());
        }
    }

    @Override
    public void onFailure(Request request, long now) {
        if (outcome == null) lookup.onFailure(request.expected());
    }

    @Override
    public boolean isDone() {
        return outcome != null;
    }

    @Override
    public LookupOutcome result() {
        return outcome;
    }
}
