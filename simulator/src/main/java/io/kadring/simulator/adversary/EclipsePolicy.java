package io.kadring.simulator.adversary;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Id;
import java.util.List;

/**
 * Eclipses the keys its group sits next to: every NODES and VALUE names only members of
 * the group, the closest to the target by XOR, and no VALUE carries a record.
 */
record EclipsePolicy(Sybils group) implements ReferralPolicy {
    @Override
    public Message nodes(Message request, Id target, Message.Nodes n) {
        if (target == null) return n;
        return new Message.Nodes(n.txId(), n.sender(), n.writeToken(), false, closest(target));
    }

    @Override
    public Message value(Id target, Message.Value v) {
        if (target == null) return v;
        return new Message.Value(v.txId(), v.sender(), v.writeToken(), null, 0, closest(target));
    }

    /** As many members as a referral holds, the closest to {@code target} first. */
    private List<WireContact> closest(Id target) {
        return group.closest(target, Math.min(Message.MAX_CONTACTS, group.size()));
    }
}
