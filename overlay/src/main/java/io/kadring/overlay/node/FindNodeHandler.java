package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.RingAnswer;
import io.kadring.routing.RingNeighbours;
import io.kadring.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * FIND_NODE in its two modes, each answer with a write token for the asker: XOR, the k
 * contacts we know closest to the target; RING, Chord's step toward the target's successor.
 * A record the request carries goes to admission as a PING's would (when we do not vouch for
 * its sender there yet; never a client's); one that asks for ours gets it in the answer.
 */
record FindNodeHandler(LocalNode local, Supplier<Contact> selfContact, Supplier<NodeRecord> selfRecord, Outbox outbox,
                       TokenIssuer tokens, KnownContacts known, RoutingTable table, RingNeighbours ring,
                       Admission admission) implements RequestHandler {

    @Override
    public void answer(InetSocketAddress from, Message request) {
        Message.FindNode find = (Message.FindNode) request;
        if (find.senderRecord() != null && !find.fromClient() && !admission.isVouchedFor(find.sender(), from)) {
            admission.onRecord(find.senderRecord(), find.sender(), from, false);
        }
        Message.Token token = Message.Token.copyOf(tokens.issue(from, local.now()));
        NodeRecord ours = find.wantsRecord() ? selfRecord.get() : null;
        if (find.mode() == Message.FindNode.RING) {
            RingAnswer answer = ringAnswer(find.target());
            outbox.send(from, new Message.Nodes(find.txId(), local.id(), token, answer.isFinal(),
                    WireContacts.wire(answer.contacts()), ours));
        } else {
            List<Contact> closest = known.closest(find.target(), local.config().k());
            outbox.send(from, new Message.Nodes(find.txId(), local.id(), token, false, WireContacts.wire(closest),
                    ours));
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
        if (key.equals(local.id()) || (ring.successor().isEmpty() && table.size() == 0)) {
            return new RingAnswer(true, List.of(selfContact.get()));
        }
        return ring.answer(key, table.contactsView(), Message.MAX_CONTACTS); // answer copies what it keeps
    }
}
