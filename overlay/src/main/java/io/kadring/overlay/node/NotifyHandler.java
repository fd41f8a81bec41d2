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
final class NotifyHandler implements RequestHandler {
    private final RingNeighbours ring;
    private final Vouching vouching;
    private final LongSupplier clock;

    NotifyHandler(RingNeighbours ring, Vouching vouching, LongSupplier clock) {
        this.ring = ring;
        this.vouching = vouching;
        this.clock = clock;
    }

    @Override
    public void answer(InetSocketAddress from, Message request) {
        if (vouching.isVouchedFor(request.sender(), from)) {
            ring.observe(Contact.seen(request.sender(), from, clock.getAsLong()));
        }
    }
}
