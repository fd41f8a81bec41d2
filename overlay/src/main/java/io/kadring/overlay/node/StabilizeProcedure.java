package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.RingNeighbours;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Chord's stabilize round: ask the successor for its predecessor and successor list
 * (GET_NEIGHBOURS), adopt a closer successor if there is one, reconcile the list, and NOTIFY
 * the successor of us. A successor that fails is dropped (admission does that) and the next one
 * is asked at once; with no ring neighbour left, the table's verified contacts seed the ring
 * again. At most a successor list's worth of successors is tried in one round.
 *
 * <p>Alongside, probes: contacts of the table (the node picks them at random) are asked, in
 * ring mode, who follows us. Stabilize alone repairs a ring, but it cannot merge two: after a
 * partition heals, each half's ring is correct in itself and no successor ever names a node of
 * the other half. A contact of the other half that the table kept does; whoever it names that
 * would take a place among our ring neighbours is pinged (its PONG admits it).
 */
final class StabilizeProcedure extends AbstractProcedure<Void> {
    private final Id self;
    private final RingNeighbours ring;
    private final Supplier<List<Contact>> tableContacts;
    private final Vouching vouching;
    private int triesLeft;
    private Contact asking;
    private Contact toNotify;
    /** The successor part is over (notified, or nobody left to ask). */
    private boolean ringDone;
    private List<Contact> probes;
    /** Probe requests not yet answered or failed. */
    private final List<Request> probing = new ArrayList<>(2);

    StabilizeProcedure(Id self, RingNeighbours ring, Supplier<List<Contact>> tableContacts, Vouching vouching) {
        this(self, ring, tableContacts, vouching, List.of());
    }

    /** {@code probes}: the contacts asked who follows us. */
    StabilizeProcedure(Id self, RingNeighbours ring, Supplier<List<Contact>> tableContacts, Vouching vouching,
                       List<Contact> probes) {
        this.self = self;
        this.ring = ring;
        this.tableContacts = tableContacts;
        this.vouching = vouching;
        this.triesLeft = ring.successorListSize() + 1;
        this.probes = probes;
    }

    @Override
    public List<Request> poll(long now) {
        if (isDone()) return List.of();
        List<Request> out = new ArrayList<>(2);
        for (Contact probe : probes) {
            Request r = Request.once(probe, tx -> new Message.FindNode(tx, self, self.next(), Message.FindNode.RING), this);
            probing.add(r);
            out.add(r);
        }
        probes = List.of();
        if (toNotify != null) {
            Contact succ = toNotify;
            toNotify = null;
            ringDone = true;
            out.add(Request.oneWay(succ, tx -> new Message.Notify(tx, self), this));
        } else if (!ringDone && asking == null) {
            askSuccessor(out);
        }
        if (ringDone && probing.isEmpty()) finish(null);
        return out;
    }

    private void askSuccessor(List<Request> out) {
        if (triesLeft-- == 0) {
            ringDone = true;
            return;
        }
        var successor = ring.successor();
        if (successor.isEmpty()) {
            // every ring neighbour failed: the table's (verified) contacts seed the ring again
            tableContacts.get().forEach(ring::observe);
            successor = ring.successor();
            if (successor.isEmpty()) {
                ringDone = true;
                return;
            }
        }
        asking = successor.get();
        out.add(Request.to(asking, tx -> new Message.GetNeighbours(tx, self), this));
    }

    @Override
    public void onReply(Request request, Message reply, long now) {
        if (probing.remove(request)) {
            if (reply instanceof Message.Nodes n) {
                // pinged even when vouched for: a node we have not heard from in a while may be
                // the one whose departure the ring is repairing, and must not come back unproven
                for (WireContact w : n.contacts()) {
                    if (ring.wouldPlace(w.id()) && !ring.contains(w.id())) vouching.verify(w.address());
                }
            }
            return;
        }
        Contact succ = asking;
        asking = null;
        if (reply instanceof Message.Neighbours n) {
            reconcile(succ, n, now);
            toNotify = succ;
        } else {
            vouching.failed(succ.id(), succ.address()); // an error instead of its neighbours
        }
    }

    @Override
    public void onFailure(Request request, long now) {
        if (!probing.remove(request)) {
            asking = null; // admission dropped it from the ring; the next poll asks the next one
        }
    }

    /**
     * Takes in what our successor knows: its predecessor (a node may have joined between us)
     * and its successor list. Entries of ours that fall inside the stretch the successor's list
     * covers but are missing from it have left: the successor would know.
     */
    private void reconcile(Contact succ, Message.Neighbours n, long now) {
        List<WireContact> theirs = n.successors();
        if (n.predecessor() != null) consider(n.predecessor(), now);
        Set<Id> listed = new HashSet<>();
        for (WireContact w : theirs) {
            listed.add(w.id());
            consider(w, now);
        }
        if (theirs.size() < ring.successorListSize() || theirs.isEmpty()) return;
        Id last = theirs.get(theirs.size() - 1).id();
        for (Contact mine : ring.successors()) {
            if (!mine.id().equals(succ.id()) && mine.id().inHalfOpen(succ.id(), last) && !listed.contains(mine.id())) {
                ring.remove(mine.id());
            }
        }
    }

    /** A contact the successor told us about: taken if already vouched for, else verified first. */
    private void consider(WireContact w, long now) {
        if (w.id().equals(self)) return;
        if (vouching.isVouchedFor(w.id(), w.address())) {
            ring.observe(Contact.seen(w.id(), w.address(), now));
        } else {
            vouching.verify(w.address());
        }
    }
}
