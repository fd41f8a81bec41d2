package io.kadring.simulator.adversary;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Id;

/**
 * Takes records and never gives them back: the node stores what it is sent and answers
 * STORED as usual, but its VALUE answers carry no record and it sends no STORE of its own
 * (no replication, no hand-off).
 */
final class WithholdPolicy implements ReferralPolicy {
    @Override
    public Message value(Id target, Message.Value v) {
        if (v.record() == null) return v;
        return new Message.Value(v.txId(), v.sender(), v.writeToken(), null, 0, v.contacts());
    }

    @Override
    public boolean maySend(Message request) {
        return !(request instanceof Message.Store);
    }
}
