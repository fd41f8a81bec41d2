package io.kadring.simulator.run;

import io.kadring.crypto.Identity;
import io.kadring.routing.Id;
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
 */
final class Workload {
    private static final byte[] SALT = "sim".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VALUE_BYTES = 100;

    private final Simulation sim;
    private final LookupStats lookups = new LookupStats();
    private final LookupStats successorLookups = new LookupStats();
    /** The findClosest lookups that client-mode nodes made (also in {@link #lookups}). */
    private final LookupStats clientLookups = new LookupStats();
    private long replicaChecks;
    private long replicaChecksMeetingQuorum;
    private long replicaCheckMessages;
    private final RecordStats records = new RecordStats();
    private final AnnouncementWorkload announcements;
    /** Records that were stored, in publication order (deterministic). */
    private final List<Published> published = new ArrayList<>();
    private final Map<SimPeer, List<Published>> byOwner = new HashMap<>();
    private boolean stopped;

    private static final class Published {
        final Id key;
        final SimPeer owner;
        /** The newest seq the owner published under the key. */
        final long seq;
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
        return records;
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
                    if (peer.client) sim.checkClosest(clientLookups, key, o, false);
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
        peer.node.publish(owner, SALT, value, -1).whenComplete((result, error) -> {
            if (!peer.alive()) return; // a node that died mid-put says nothing about the DHT
            records.puts++;
            if (error != null || !result.succeeded()) return;
            records.putSuccesses++;
            Published p = new Published(result.key(), peer, result.seq());
            published.add(p);
            byOwner.computeIfAbsent(peer, x -> new ArrayList<>()).add(p);
            long every = sim.config().replicaCheckIntervalMillis();
            if (every > 0) sim.schedule(peer, 1 + peer.workload.nextLong(every), () -> checkReplicas(peer, p.key));
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
            peer.node.get(p.key).thenAccept(r -> {
                if (!peer.alive()) return; // the reader died mid-get
                records.gets++;
                if (p.isNewest(r)) records.getSuccesses++;
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
        records.published = expected.size();
        for (Published p : expected) {
            SimPeer reader = sim.randomJoined();
            if (reader == null) continue;
            reader.node.get(p.key).thenAccept(r -> {
                if (p.isNewest(r)) records.retrievableAtEnd++;
            });
        }
    }
}
