package io.kadring.simulator.adversary;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Id;

/**
 * A policy that rewrites the answers which name contacts (NODES, VALUE and NEIGHBOURS), each
 * given the request it answers and the id that request asked about; each kind passes unless a
 * policy rewrites it, and every other response passes.
 */
interface ReferralPolicy extends Policy {
    @Override
    default Message answer(Message request, Message response) {
        Id target = Policy.target(request);
        if (response instanceof Message.Nodes n) return nodes(request, target, n);
        if (response instanceof Message.Value v) return value(target, v);
        if (response instanceof Message.Neighbours n) return neighbours(n);
        return response;
    }

    /** What to send instead of {@code n}; {@code target} is null when the request is not known. */
    default Message nodes(Message request, Id target, Message.Nodes n) {
        return n;
    }

    /** What to send instead of {@code v}; {@code target} is null when the request is not known. */
    default Message value(Id target, Message.Value v) {
        return v;
    }

    /** What to send instead of {@code n}. */
    default Message neighbours(Message.Neighbours n) {
        return n;
    }
}
