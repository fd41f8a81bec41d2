package io.kadring.simulator.run;

import io.kadring.crypto.Identity;
import io.kadring.routing.Id;
import io.kadring.simulator.stats.Histogram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulated users do: every node looks up random keys (both kinds) at a Poisson
 * rate; a share of nodes publish one signed record each, which they keep refreshing while
 * they live; every node gets a random published record now and then, which succeeds when it
 * returns the newest seq the owner published. At the end, every
 * record that should still exist is looked for from a random live node.
 *
 * <p>With a {@link ListenLoad}, a share of the nodes listen to a live publisher's key from when
 * they come up, publishers put a new seq now and then, and each new seq is checked
 * {@link #NOTIFY_WINDOW_MILLIS} after its put: every listener of the key that was up before the
 * put (and {@link #LISTEN_SETTLE_MILLIS} after its listen began) and still is, should have been told.
 */
final class Workload {
    private static final byte[] SALT = "sim".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VALUE_BYTES = 100;
    /** How long after a put its listeners have to hear of it. */
    static final long NOTIFY_WINDOW_MILLIS = 10_000;
    /** A listener counts for puts that start this long after its listen (its lookup and LISTENs are done). */
    static final long LISTEN_SETTLE_MILLIS = 30_000;

    private final Simulation sim;
    private final LookupStats lookups = new LookupStats();
    private final LookupStats successorLookups = new LookupStats();
    /** The findClosest lookups that client-mode nodes made (also in {@link #lookups}). */
    private final LookupStats clientLookups = new LookupStats();
    private long replicaChecks;
    private long replicaChecksMeetingQuorum;
    private long replicaCheckMessages;
    private long puts;
    private long putSuccesses;
    private long gets;
    private long getSuccesses;
    private long publishedAtEnd;
    private long retrievableAtEnd;
    private final AnnouncementWorkload announcements;
    private long listensStarted;
    private long listenUpdates;
    private long listenExpected;
    private long listenNotified;
    private final Histogram listenLatencyMillis = new Histogram();
    private final Map<Id, List<Listener>> listeners = new HashMap<>();
    private final List<Listener> allListeners = new ArrayList<>();
    private final Map<Id, Published> byKey = new HashMap<>();
    /** Records that were stored, in publication order (deterministic). */
    private final List<Published> published = new ArrayList<>();
    private final Map<SimPeer, List<Published>> byOwner = new HashMap<>();
    private boolean stopped;

    private static final class Published {
        final Id key;
        final SimPeer owner;
        /** The newest seq the owner published under the key. */
        long seq;
        long ownerDiedAt = -1;

        Published(Id key, SimPeer owner, long seq) {
            this.key = key;
            this.owner = owner;
            this.seq = seq;
        }

        /** Whether a get found what the owner last published. */
        boolean isNewest(io.kadring.overlay.node.GetResult r) {
            return r.record().isPresent() && r.record().get().seq() >= seq;
        }
    }

    /** One node listening to one key, and when it heard each seq. */
    private static final class Listener {
        final SimPeer peer;
        final long startedAt;
        final Map<Long, Long> heardAt = new HashMap<>();
        io.kadring.overlay.node.ListenHandle handle;

        Listener(SimPeer peer, long startedAt) {
            this.peer = peer;
            this.startedAt = startedAt;
        }
    }

    Workload(Simulation sim) {
        this.sim = sim;
        this.announcements = new AnnouncementWorkload(sim);
    }

    AnnouncementStats announcements() {
        return announcements.stats();
    }

    LookupStats lookups() {
        return lookups;
    }

    LookupStats successorLookups() {
        return successorLookups;
    }

    RecordStats records() {
        return new RecordStats(puts, putSuccesses, gets, getSuccesses, publishedAtEnd, retrievableAtEnd);
    }

    /** The listen workload's figures; {@code updatesSent}, the holders' UPDATEs, completes its cost. */
    ListenStats listens(long updatesSent) {
        long messages = updatesSent;
        for (Listener l : allListeners) messages += l.handle.messages();
        return new ListenStats(listensStarted, listenUpdates, listenExpected, listenNotified, listenLatencyMillis,
                messages);
    }

    LookupStats clientLookups() {
        return clientLookups;
    }

    /** The replica checks over a run of {@code nodes} nodes whose workload lasted {@code durationMillis}. */
    ReplicaFigures replicaFigures(int nodes, long durationMillis) {
        double perNodePerSecond = replicaCheckMessages / (double) nodes / (durationMillis / 1000.0);
        return new ReplicaFigures(replicaChecks, replicaChecksMeetingQuorum, replicaCheckMessages, perNodePerSecond);
    }

    /** Starts {@code peer}'s share of the workload; it stops by itself when the peer dies. */
    void start(SimPeer peer) {
        SimulationConfig c = sim.config();
        long lookupMean = c.lookupIntervalMillis();
        sim.schedule(peer, exp(peer, lookupMean), () -> lookUp(peer, true));
        sim.schedule(peer, exp(peer, lookupMean), () -> lookUp(peer, false));
        announcements.start(peer);
        if (c.publishFraction() > 0) {
            Identity owner = publisher(peer.index);
            if (owner != null) {
                sim.schedule(peer, peer.workload.nextLong(60_000), () -> publish(peer, owner));
            }
            sim.schedule(peer, exp(peer, c.getIntervalMillis()), () -> get(peer));
        }
        if (c.listen().any() && sim.seeds().random("listener", peer.index).nextDouble() < c.listen().fraction()) {
            sim.schedule(peer, peer.workload.nextLong(30_000), () -> listen(peer));
        }
    }

    /** {@code peer} listens to the key of a live publisher (again later while there is none). */
    private void listen(SimPeer peer) {
        if (stopped || !peer.alive()) return;
        List<Published> live = new ArrayList<>();
        for (Published p : published) {
            if (p.owner.alive() && p.owner != peer) live.add(p);
        }
        if (live.isEmpty()) {
            sim.schedule(peer, 60_000, () -> listen(peer));
            return;
        }
        Published p = live.get(peer.workload.nextInt(live.size()));
        Listener l = new Listener(peer, sim.now());
        l.handle = peer.node.listen(p.key, r -> l.heardAt.putIfAbsent(r.seq(), sim.now()));
        listeners.computeIfAbsent(p.key, k -> new ArrayList<>()).add(l);
        allListeners.add(l);
        listensStarted++;
    }

    /** A new seq of {@code key} was put from {@code startedAt}: its live listeners are checked after the window. */
    private void checkNotified(Id key, long seq, long startedAt) {
        List<Listener> of = listeners.getOrDefault(key, List.of());
        List<Listener> due = new ArrayList<>();
        for (Listener l : of) {
            if (l.peer.alive() && l.startedAt + LISTEN_SETTLE_MILLIS <= startedAt) due.add(l);
        }
        if (due.isEmpty()) return;
        listenUpdates++;
        sim.later(Math.max(0, startedAt + NOTIFY_WINDOW_MILLIS - sim.now()), () -> {
            for (Listener l : due) {
                if (!l.peer.alive()) continue;
                listenExpected++;
                Long at = l.heardAt.get(seq);
                if (at != null && at - startedAt <= NOTIFY_WINDOW_MILLIS) {
                    listenNotified++;
                    listenLatencyMillis.record(Math.max(0, at - startedAt));
                }
            }
        });
    }

    /**
     * The identity node {@code index} publishes its record with, or null if it publishes
     * none: drawn from a stream of its own, so the record keys are known before the run
     * (the eclipse attack grinds ids next to them).
     */
    private Identity publisher(int index) {
        java.util.random.RandomGenerator random = sim.seeds().random("publisher", index);
        if (!(random.nextDouble() < sim.config().publishFraction())) return null;
        byte[] seed = new byte[Identity.SEED_BYTES];
        random.nextBytes(seed);
        return Identity.fromSeed(seed);
    }

    /** The keys the first {@code nodes} nodes will publish their records under, in node order. */
    List<Id> plannedKeys(int nodes) {
        List<Id> keys = new ArrayList<>();
        if (sim.config().publishFraction() <= 0) return keys;
        for (int i = 0; i < nodes; i++) {
            Identity owner = publisher(i);
            if (owner != null) keys.add(io.kadring.storage.SignedRecord.mutableKey(owner.publicKey(), SALT));
        }
        return keys;
    }

    void stop() {
        stopped = true;
        announcements.stop();
    }

    void died(SimPeer peer) {
        for (Published p : byOwner.getOrDefault(peer, List.of())) p.ownerDiedAt = sim.now();
    }

    private long exp(SimPeer peer, long mean) {
        return 1 + (long) (-StrictMath.log(1 - peer.workload.nextDouble()) * mean);
    }

    private void lookUp(SimPeer peer, boolean xor) {
        if (stopped || !peer.alive()) return;
        Id key = Id.random(peer.workload);
        if (xor) {
            peer.node.findClosest(key).thenAccept(o -> {
                if (!stopped && peer.alive()) {
                    sim.checkClosest(lookups, key, o);
                    if (peer.client()) sim.checkClosest(clientLookups, key, o, false);
                }
            });
        } else {
            peer.node.findSuccessor(key).thenAccept(o -> {
                if (!stopped && peer.alive()) sim.checkSuccessor(successorLookups, key, o);
            });
        }
        sim.schedule(peer, exp(peer, sim.config().lookupIntervalMillis()), () -> lookUp(peer, xor));
    }

    private void publish(SimPeer peer, Identity owner) {
        if (stopped || !peer.alive()) return;
        byte[] value = new byte[VALUE_BYTES];
        peer.workload.nextBytes(value);
        long startedAt = sim.now();
        ListenLoad listen = sim.config().listen();
        peer.node.publish(owner, SALT, value, -1).whenComplete((result, error) -> {
            if (!peer.alive()) return; // a node that died mid-put says nothing about the DHT
            if (listen.any()) sim.schedule(peer, exp(peer, listen.updateIntervalMillis()), () -> publish(peer, owner));
            puts++;
            if (error != null || !result.succeeded()) return;
            putSuccesses++;
            Published known = byKey.get(result.key());
            if (known != null && known.owner == peer) {
                known.seq = Math.max(known.seq, result.seq());
            } else {
                Published p = new Published(result.key(), peer, result.seq());
                published.add(p);
                byKey.put(p.key, p);
                byOwner.computeIfAbsent(peer, x -> new ArrayList<>()).add(p);
                long every = sim.config().replicaCheckIntervalMillis();
                if (every > 0) sim.schedule(peer, 1 + peer.workload.nextLong(every), () -> checkReplicas(peer, p.key));
            }
            if (listen.any()) checkNotified(result.key(), result.seq(), startedAt);
        });
    }

    /** The owner's replica check of its record, every replica check interval while it lives. */
    private void checkReplicas(SimPeer peer, Id key) {
        if (stopped || !peer.alive()) return;
        peer.node.replicas(key).thenAccept(report -> {
            if (stopped || !peer.alive()) return;
            replicaChecks++;
            if (report.meetsQuorum()) replicaChecksMeetingQuorum++;
            replicaCheckMessages += report.messages();
        });
        sim.schedule(peer, sim.config().replicaCheckIntervalMillis(), () -> checkReplicas(peer, key));
    }

    private void get(SimPeer peer) {
        if (stopped || !peer.alive()) return;
        List<Published> candidates = existing(sim.now());
        if (!candidates.isEmpty()) {
            Published p = candidates.get(peer.workload.nextInt(candidates.size()));
            long wanted = p.seq; // what the owner had published when the get started
            peer.node.get(p.key).thenAccept(r -> {
                if (!peer.alive()) return; // the reader died mid-get
                gets++;
                if (r.record().isPresent() && r.record().get().seq() >= wanted) getSuccesses++;
            });
        }
        sim.schedule(peer, exp(peer, sim.config().getIntervalMillis()), () -> get(peer));
    }

    /**
     * Records that should exist at {@code now}: the owner is alive (it refreshes), or it died
     * less than a lifetime after its last refresh, which was at most a replicate interval
     * before it died.
     */
    private List<Published> existing(long now) {
        long lifetime = sim.config().node().recordLifetimeMillis();
        long interval = sim.config().node().replicateIntervalMillis();
        List<Published> out = new ArrayList<>();
        for (Published p : published) {
            if (p.ownerDiedAt < 0 || p.ownerDiedAt - interval + lifetime > now) out.add(p);
        }
        return out;
    }

    /**
     * Starts one get per record that should exist, each from a random live node (churn has
     * stopped by then, so the readers stay up).
     */
    void checkRecordsAtEnd(long now) {
        List<Published> expected = existing(now);
        publishedAtEnd = expected.size();
        for (Published p : expected) {
            SimPeer reader = sim.randomJoined();
            if (reader == null) continue;
            reader.node.get(p.key).thenAccept(r -> {
                if (p.isNewest(r)) retrievableAtEnd++;
            });
        }
    }
}
