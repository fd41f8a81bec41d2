package io.kadring.overlay.node;

import io.kadring.overlay.env.Cancellable;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The periodic work that keeps a node's view true while nodes come and go, each on the
 * scheduler with jitter: Chord's stabilize / notify / check-predecessor rounds and
 * Kademlia's refresh of idle buckets.
 */
final class Maintenance {
    private final Node node;
    private final List<Cancellable> timers = new ArrayList<>();
    private boolean stopped;
    private boolean stabilizing;

    Maintenance(Node node) {
        this.node = node;
    }

    void start() {
        long stabilize = node.config().stabilizeIntervalMillis();
        every(stabilize, this::stabilize);
        every(stabilize, this::checkPredecessor);
        every(stabilize, this::checkOldestContact);
        every(Math.max(1, node.config().bucketRefreshMillis() / 4), this::refreshIdleBuckets);
        every(node.config().replicateIntervalMillis(), node.records()::republish);
    }

    void stop() {
        stopped = true;
        timers.forEach(Cancellable::cancel);
        timers.clear();
    }

    /** Runs {@code task} about every {@code period} ms, each wait jittered to 0.5–1.5 periods. */
    private void every(long period, Runnable task) {
        long delay = period / 2 + node.env().random().nextLong(period + 1);
        Cancellable[] self = new Cancellable[1];
        self[0] = node.env().schedule(delay, () -> {
            timers.remove(self[0]);
            if (stopped) return;
            task.run();
            every(period, task);
        });
        timers.add(self[0]);
    }

    /**
     * Chord's stabilize: ask the successor for its predecessor and successor list, adopt a
     * closer successor if there is one, reconcile the list, and notify the successor of us.
     * A successor that does not answer is dropped and the next one is tried at once.
     */
    void stabilize() {
        if (stopped || stabilizing) return;
        var successor = node.ring().successor();
        if (successor.isEmpty()) {
            // every ring neighbour failed: the table's (verified) contacts seed the ring again
            node.table().contacts().forEach(node.ring()::observe);
            successor = node.ring().successor();
            if (successor.isEmpty()) return;
        }
        Contact succ = successor.get();
        stabilizing = true;
        node.rpc().request(succ.address(), tx -> new Message.GetNeighbours(tx, node.id()), new RpcEngine.Callback() {
            @Override
            public void onResponse(Message response, long rtt) {
                stabilizing = false;
                if (!(response instanceof Message.Neighbours n) || !n.sender().equals(succ.id())) {
                    node.admission().failed(succ.id(), succ.address());
                    stabilize();
                    return;
                }
                node.admission().heardFrom(succ.id(), succ.address());
                reconcile(succ, n);
                node.rpc().send(succ.address(), new Message.Notify(node.env().random().nextLong(), node.id()));
            }

            @Override
            public void onFailure() {
                stabilizing = false;
                node.admission().failed(succ.id(), succ.address());
                stabilize();
            }
        });
    }

    /**
     * Takes in what our successor knows: its predecessor (a node may have joined between
     * us) and its successor list. Entries of ours that fall inside the stretch the
     * successor's list covers but are missing from it have left: the successor would know.
     */
    private void reconcile(Contact succ, Message.Neighbours n) {
        List<WireContact> theirs = n.successors();
        if (n.predecessor() != null) consider(n.predecessor());
        Set<Id> listed = new HashSet<>();
        for (WireContact w : theirs) {
            listed.add(w.id());
            consider(w);
        }
        if (theirs.size() < node.config().successorListSize() || theirs.isEmpty()) return;
        Id last = theirs.get(theirs.size() - 1).id();
        for (Contact mine : node.ring().successors()) {
            if (!mine.id().equals(succ.id()) && mine.id().inHalfOpen(succ.id(), last) && !listed.contains(mine.id())) {
                node.ring().remove(mine.id());
            }
        }
    }

    /** A contact someone told us about: admitted if already vouched for, else verified first. */
    private void consider(WireContact w) {
        if (w.id().equals(node.id())) return;
        if (node.admission().isVouchedFor(w.id(), w.address())) {
            node.ring().observe(Contact.seen(w.id(), w.address(), node.now()));
        } else {
            node.admission().verify(w.address());
        }
    }

    /** Chord's check-predecessor: a predecessor that does not answer a PING is forgotten. */
    void checkPredecessor() {
        node.ring().predecessor().ifPresent(node.admission()::checkAlive);
    }

    /**
     * Pings the routing-table contact heard from longest ago, if that was more than a
     * stabilize interval back: a dead contact is found within a bounded time even when no
     * lookup of ours passes it, and stops being handed to others (see {@link Responder}).
     */
    void checkOldestContact() {
        node.records().store().cleanUp(); // expire records exactly on time, between puts too
        long cutoff = node.now() - node.config().stabilizeIntervalMillis();
        Contact oldest = null;
        for (Contact c : node.table().contacts()) {
            if (c.lastSeen() < cutoff && (oldest == null || c.lastSeen() < oldest.lastSeen())) oldest = c;
        }
        if (oldest != null) node.admission().checkAlive(oldest);
        node.viewChanged();
    }

    /** Kademlia's refresh: a lookup for a random id in every bucket not used for an hour. */
    void refreshIdleBuckets() {
        long now = node.now();
        for (int bucket : node.table().idleBuckets(now, node.config().bucketRefreshMillis())) {
            refreshBucket(bucket);
        }
    }

    /** A lookup for a random id that falls into {@code bucket}. */
    java.util.concurrent.CompletableFuture<LookupOutcome> refreshBucket(int bucket) {
        return node.lookups().closest(node.id().randomInBucket(bucket, node.env().random()));
    }
}
