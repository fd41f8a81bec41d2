package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.RingNeighbours;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;

/**
 * Chord's NOTIFY: the sender thinks it may be our predecessor. The ring takes it if it falls
 * between the current predecessor and us, once admission vouches for it at the address it
 * wrote from; a stranger is verified first (admission asks for its record) and takes its place
 * when its PONG admits it. Not answered.
 */
record NotifyHandler(RingNeighbours ring, Vouching vouching, LongSupplier clock) implements RequestHandler {

    @Override
    public void answer(InetSocketAddress from, Message request) {
        if (vouching.isVouchedFor(request.sender(), from)) {
            ring.observe(Contact.seen(request.sender(), from, clock.getAsLong()));
        }
    }
}
