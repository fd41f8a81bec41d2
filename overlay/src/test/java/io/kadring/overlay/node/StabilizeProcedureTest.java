package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Chord's stabilize, scripted: ask the successor, take in its view, NOTIFY it; a failed one is skipped. */
final class StabilizeProcedureTest {
    private final Scripted s = new Scripted(30, 10);
    private final Set<Id> vouched = new HashSet<>();
    private final List<InetSocketAddress> verified = new ArrayList<>();
    private final List<Id> failed = new ArrayList<>();
    private final Vouching vouching = new Vouching() {
        @Override
        public boolean isVouchedFor(Id id, InetSocketAddress address) {
            return vouched.contains(id);
        }

        @Override
        public void verify(InetSocketAddress address) {
            verified.add(address);
        }

        @Override
        public void failed(Id id, InetSocketAddress address) {
            failed.add(id);
            s.ring.remove(id); // as admission does
        }
    };

    private StabilizeProcedure stabilize() {
        return new StabilizeProcedure(s.self, s.ring, s.table::contacts, vouching);
    }

    /** The world's nodes clockwise from {@code from}, {@code n} of them. */
    private List<Contact> clockwise(Id from, int n) {
        List<Contact> all = new ArrayList<>(s.world);
        all.sort((a, b) -> from.compareClockwise(a.id(), b.id()));
        return all.subList(0, n);
    }

    @Test
    void takesInTheSuccessorsView_verifiesStrangers_andNotifiesIt() {
        Contact successor = s.ring.successor().orElseThrow();
        List<Contact> itsList = clockwise(successor.id(), s.config.successorListSize() + 1).subList(1,
                s.config.successorListSize() + 1);
        Contact vouchedOne = itsList.get(0);
        vouched.add(vouchedOne.id());
        s.run(stabilize(), (r, m) -> new Message.Neighbours(m.txId(), successor.id(), WireContacts.wire(s.ring.successor().get()),
                WireContacts.wire(itsList)));

        assertEquals(1, s.sentOf(Message.Type.GET_NEIGHBOURS).size());
        assertEquals(successor.address(), s.sentOf(Message.Type.GET_NEIGHBOURS).get(0).request().to());
        List<Scripted.Sent> notify = s.sentOf(Message.Type.NOTIFY);
        assertEquals(1, notify.size(), "the successor is notified of us");
        assertTrue(notify.get(0).request().isOneWay());
        assertTrue(s.ring.successors().contains(vouchedOne) || s.ring.successors().stream()
                .anyMatch(c -> c.id().equals(vouchedOne.id())), "a vouched-for node of its list joined ours");
        for (Contact stranger : itsList.subList(1, itsList.size())) {
            if (!s.ring.successors().stream().anyMatch(c -> c.id().equals(stranger.id()))) {
                assertTrue(verified.contains(stranger.address()), "a stranger is verified before it is taken");
            }
        }
    }

    @Test
    void aSuccessorThatFails_isDropped_andTheNextOneAskedAtOnce() {
        Contact first = s.ring.successor().orElseThrow();
        Contact second = s.ring.successors().get(1);
        s.run(stabilize(), (r, m) -> {
            if (r.to().equals(first.address())) {
                failed.add(first.id()); // admission's part of a failure
                s.ring.remove(first.id());
                return null;
            }
            return new Message.Neighbours(m.txId(), second.id(), null, List.of());
        });
        List<Scripted.Sent> asked = s.sentOf(Message.Type.GET_NEIGHBOURS);
        assertEquals(List.of(first.address(), second.address()), asked.stream().map(a -> a.request().to()).toList());
        assertFalse(s.ring.successors().contains(first));
        assertEquals(second.address(), s.sentOf(Message.Type.NOTIFY).get(0).request().to());
    }

    @Test
    void anErrorInsteadOfNeighbours_countsAsTheSuccessorsFailure() {
        Contact first = s.ring.successor().orElseThrow();
        s.run(stabilize(), (r, m) -> r.to().equals(first.address())
                ? new Message.Error(m.txId(), first.id(), 1, "busy")
                : new Message.Neighbours(m.txId(), s.contactAt(r.to()).id(), null, List.of()));
        assertEquals(List.of(first.id()), failed);
    }

    @Test
    void withNoNeighbourAtAll_itEndsAtOnce() {
        Scripted empty = new Scripted(5, 0);
        StabilizeProcedure p = new StabilizeProcedure(empty.self, empty.ring, empty.table::contacts, vouching);
        assertTrue(p.poll(empty.now).isEmpty());
        assertTrue(p.isDone());
    }

    @Test
    void theProbe_asksAContactWhoFollowsUs_andVerifiesWhomItNamesThatWouldTakeARingPlace() {
        // a node of "the other half": between us and our successor, unknown to our ring
        List<Contact> after = clockwise(s.self, s.world.size());
        Contact between = after.stream().filter(c -> !s.ring.successors().contains(c)
                && c.id().inOpen(s.self, s.ring.successor().orElseThrow().id())).findFirst().orElse(null);
        if (between == null) { // make one: the world's first node clockwise from us leaves our ring
            between = s.ring.successor().orElseThrow();
            s.ring.remove(between.id());
        }
        Contact named = between;
        Contact far = s.ring.predecessor().orElseThrow(); // already ours, and no place to take anyway
        Contact probe = s.world.get(s.world.size() - 1);
        StabilizeProcedure p = new StabilizeProcedure(s.self, s.ring, s.table::contacts, vouching, List.of(probe));
        s.run(p, (r, m) -> {
            if (m instanceof Message.FindNode find) {
                assertEquals(Message.FindNode.RING, find.mode());
                assertEquals(s.self.next(), find.target(), "who follows us");
                return new Message.Nodes(m.txId(), probe.id(), Scripted.token(probe), false,
                        WireContacts.wire(List.of(far, named)));
            }
            return new Message.Neighbours(m.txId(), s.contactAt(r.to()).id(), null, List.of());
        });
        assertEquals(List.of(probe.address()), s.sentOf(Message.Type.FIND_NODE).stream().map(x -> x.request().to()).toList());
        assertTrue(verified.contains(named.address()), "the node it named, which would be our successor, is verified");
        assertFalse(verified.contains(far.address()));
        assertTrue(p.isDone());
        assertEquals(1, s.sentOf(Message.Type.NOTIFY).size(), "the round itself went on");
    }

    @Test
    void aProbeThatFails_doesNotStopTheRound() {
        Contact probe = s.world.get(s.world.size() - 1);
        StabilizeProcedure p = new StabilizeProcedure(s.self, s.ring, s.table::contacts, vouching, List.of(probe));
        s.run(p, (r, m) -> m instanceof Message.FindNode ? null
                : new Message.Neighbours(m.txId(), s.contactAt(r.to()).id(), null, List.of()));
        assertTrue(p.isDone());
        assertEquals(1, s.sentOf(Message.Type.NOTIFY).size());
    }
}
