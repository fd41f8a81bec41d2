package io.kadring.simulator.adversary;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Id;
import java.util.List;

/**
 * Takes over the ring: every ring-mode NODES is a final answer naming only members of the
 * group that follow the target, and every NEIGHBOURS names a member as predecessor and
 * members as successors. XOR answers stay true.
 */
record SybilRingPolicy(Sybils group) implements ReferralPolicy {
    @Override
    public Message nodes(Message request, Id target, Message.Nodes n) {
        if (!(request instanceof Message.FindNode f && f.mode() == Message.FindNode.RING)) return n;
        int count = Math.min(Message.MAX_SUCCESSORS, Math.max(1, n.contacts().size()));
        List<WireContact> after = group.following(f.target(), count);
        return after.isEmpty() ? n : new Message.Nodes(n.txId(), n.sender(), n.writeToken(), true, after);
    }

    @Override
    public Message neighbours(Message.Neighbours n) {
        int count = Math.max(1, n.successors().size());
        List<WireContact> after = group.following(n.sender(), count);
        return after.isEmpty() ? n : new Message.Neighbours(n.txId(), n.sender(), group.preceding(n.sender()), after);
    }
}
