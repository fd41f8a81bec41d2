package io.kadring.simulator.adversary;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Id;

/**
 * Eclipses the keys its group sits next to: every NODES and VALUE names only members of
 * the group, the closest to the target by XOR, and no VALUE carries a record.
 */
final class EclipsePolicy implements Policy {
    private final Sybils group;

    EclipsePolicy(Sybils group) {
        this.group = group;
    }

    @Override
    public Message answer(Message request, Message response) {
        Id target = Policy.target(request);
        if (target == null) return response;
        int count = Math.min(Message.MAX_CONTACTS, group.size());
        if (response instanceof Message.Nodes n) {
            return new Message.Nodes(n.txId(), n.sender(), n.writeToken(), false, group.closest(target, count));
        }
        if (response instanceof Message.Value v) {
            return new Message.Value(v.txId(), v.sender(), v.writeToken(), null, 0, group.closest(target, count));
        }
        return response;
    }
}
