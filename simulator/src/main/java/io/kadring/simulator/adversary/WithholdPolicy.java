package io.kadring.simulator.adversary;

import io.kadring.overlay.wire.Message;

/**
 * Takes records and never gives them back: the node stores what it is sent and answers
 * STORED as usual, but its VALUE answers carry no record and it sends no STORE of its own
 * (no replication, no hand-off).
 */
final class WithholdPolicy implements Policy {
    @Override
    public Message answer(Message request, Message response) {
        if (response instanceof Message.Value v && v.record() != null) {
            return new Message.Value(v.txId(), v.sender(), v.writeToken(), null, 0, v.contacts());
        }
        return response;
    }

    @Override
    public boolean maySend(Message request) {
        return !(request instanceof Message.Store);
    }
}
