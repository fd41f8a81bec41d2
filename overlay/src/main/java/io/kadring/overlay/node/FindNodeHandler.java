package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.RingAnswer;
import io.kadring.routing.RingNeighbours;
import io.kadring.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * FIND_NODE in its two modes, each answer with a write token for the asker: XOR, the k
 * contacts we know closest to the target; RING, Chord's step toward the target's successor.
 */
final class FindNodeHandler implements RequestHandler {
    private final Id self;
    private final Supplier<Contact> selfContact;
    private final Outbox outbox;
    private final TokenIssuer tokens;
    private final KnownContacts known;
    private final RoutingTable table;
    private final RingNeighbours ring;
    private final int k;
    private final LongSupplier clock;

    FindNodeHandler(Id self, Supplier<Contact> selfContact, Outbox outbox, TokenIssuer tokens, KnownContacts known,
                    RoutingTable table, RingNeighbours ring, int k, LongSupplier clock) {
        this.self = self;
        this.selfContact = selfContact;
        this.outbox = outbox;
        this.tokens = tokens;
        this.known = known;
        this.table = table;
        this.ring = ring;
        this.k = k;
        this.clock = clock;
    }

    @Override
    public void answer(InetSocketAddress from, Message request) {
        Message.FindNode find = (Message.FindNode) request;
        byte[] token = tokens.issue(from, clock.getAsLong());
        if (find.mode() == Message.FindNode.RING) {
            RingAnswer answer = ringAnswer(find.target());
            outbox.send(from, new Message.Nodes(find.txId(), self, token, answer.isFinal(),
                    WireContacts.wire(answer.contacts())));
        } else {
            List<Contact> closest = known.closest(find.target(), k);
            outbox.send(from, new Message.Nodes(find.txId(), self, token, false, WireContacts.wire(closest)));
        }
    }

    /**
     * Chord's step, iteratively: when the key falls between us and our successor, the answer
     * is final and carries our successor list; otherwise it refers the asker to the contacts
     * that most closely precede the key, our successors and the first contact we know at or
     * after the key ({@link RingNeighbours#answer}). A node whose id is the key, or that knows
     * nobody, is itself the answer.
     */
    private RingAnswer ringAnswer(Id key) {
        List<Contact> contacts = table.contacts();
        if (key.equals(self) || (ring.successor().isEmpty() && contacts.isEmpty())) {
            return new RingAnswer(true, List.of(selfContact.get()));
        }
        return ring.answer(key, contacts, Message.MAX_CONTACTS);
    }
}
