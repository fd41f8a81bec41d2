package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Id;
import io.kadring.routing.RingNeighbours;
import java.net.InetSocketAddress;

/** GET_NEIGHBOURS (a neighbour's stabilize): our predecessor and successor list. */
record NeighboursHandler(Id self, Outbox outbox, RingNeighbours ring) implements RequestHandler {

    @Override
    public void answer(InetSocketAddress from, Message request) {
        outbox.send(from, new Message.Neighbours(request.txId(), self,
                ring.predecessor().map(WireContacts::wire).orElse(null), WireContacts.wire(ring.successors())));
    }
}
