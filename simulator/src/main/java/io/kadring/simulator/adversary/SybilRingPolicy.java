package io.kadring.simulator.adversary;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.WireContact;
import java.util.List;

/**
 * Takes over the ring: every ring-mode NODES is a final answer naming only members of the
 * group that follow the target, and every NEIGHBOURS names a member as predecessor and
 * members as successors. XOR answers stay true.
 */
final class SybilRingPolicy implements Policy {
    private final Sybils group;

    SybilRingPolicy(Sybils group) {
        this.group = group;
    }

    @Override
    public Message answer(Message request, Message response) {
        if (response instanceof Message.Nodes n && request instanceof Message.FindNode f
                && f.mode() == Message.FindNode.RING) {
            int count = Math.min(Message.MAX_SUCCESSORS, Math.max(1, n.contacts().size()));
            List<WireContact> after = group.following(f.target(), count);
            return after.isEmpty() ? response : new Message.Nodes(n.txId(), n.sender(), n.writeToken(), true, after);
        }
        if (response instanceof Message.Neighbours n) {
            int count = Math.max(1, n.successors().size());
            List<WireContact> after = group.following(n.sender(), count);
            return after.isEmpty() ? response
                    : new Message.Neighbours(n.txId(), n.sender(), group.preceding(n.sender()), after);
        }
        return response;
    }
}
