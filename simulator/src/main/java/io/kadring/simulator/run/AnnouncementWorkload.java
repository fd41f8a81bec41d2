package io.kadring.simulator.run;

import io.kadring.crypto.Identity;
import io.kadring.overlay.node.AnnouncementsResult;
import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The announcement share of the workload: {@value #ANNOUNCER_SHARE} of the nodes announce
 * themselves (a 6-byte address) on one of {@value #TOPICS} topics and announce again every
 * 15 minutes with a 30-minute lifetime while they live, as a node does for its own
 * announcements; every node looks a random topic up about every {@value #LOOKUP_MINUTES}
 * minutes, and each lookup is checked against the announcers of that topic that are up and
 * whose first announce was taken before it began. The workload announces each round itself
 * (rather than leaving it to the node's re-announcing) so that it can count what every round costs.
 */
final class AnnouncementWorkload {
    static final double ANNOUNCER_SHARE = 0.1;
    static final int TOPICS = 3;
    static final long LOOKUP_MINUTES = 10;
    private static final long REANNOUNCE_MILLIS = 15 * 60_000L;
    private static final long LIFETIME_MILLIS = 30 * 60_000L;

    private final Simulation sim;
    private long announcers;
    private long announces;
    private long announceSuccesses;
    private long lookups;
    private long lookupsComplete;
    private long expected;
    private long found;
    private long requests;
    private final List<Id> topics = new ArrayList<>();
    /** Announcers by topic, in the order their first announce was taken. */
    private final List<List<Announcer>> byTopic = new ArrayList<>();
    private boolean stopped;

    private static final class Announcer {
        final SimPeer peer;
        final ByteBuffer key;

        Announcer(SimPeer peer, ByteBuffer key) {
            this.peer = peer;
            this.key = key;
        }
    }

    AnnouncementWorkload(Simulation sim) {
        this.sim = sim;
        for (int t = 0; t < TOPICS; t++) {
            topics.add(Announcement.topicKey(("sim topic " + t).getBytes(StandardCharsets.US_ASCII)));
            byTopic.add(new ArrayList<>());
        }
    }

    AnnouncementStats stats() {
        double nodeSeconds = sim.config().nodes() * (sim.config().durationMillis() / 1000.0);
        return new AnnouncementStats(announcers, announces, announceSuccesses, lookups, lookupsComplete, expected,
                found, requests, nodeSeconds);
    }

    void stop() {
        stopped = true;
    }

    /** Starts {@code peer}'s share: announcing, if it is an announcer, and lookups. */
    void start(SimPeer peer) {
        RandomGenerator random = sim.seeds().random("announcer", peer.index);
        if (random.nextDouble() < ANNOUNCER_SHARE) {
            byte[] seed = new byte[Identity.SEED_BYTES];
            random.nextBytes(seed);
            Identity identity = Identity.fromSeed(seed);
            int topic = random.nextInt(TOPICS);
            byte[] address = new byte[6];
            random.nextBytes(address);
            announcers++;
            sim.schedule(peer, 1 + peer.workload.nextLong(60_000), () -> announce(peer, identity, topic, address, true));
        }
        sim.schedule(peer, exp(peer), () -> lookUp(peer));
    }

    private void announce(SimPeer peer, Identity identity, int topic, byte[] address, boolean first) {
        if (stopped || !peer.alive()) return;
        peer.node.announce(identity, topics.get(topic), address, LIFETIME_MILLIS).whenComplete((result, error) -> {
            if (!peer.alive()) return;
            announces++;
            if (error != null) return;
            requests += result.messages();
            if (result.succeeded()) {
                announceSuccesses++;
                if (first) byTopic.get(topic).add(new Announcer(peer, ByteBuffer.wrap(identity.publicKey())));
            }
            // not taken the first time: try again next round, and count it as first then
            boolean counted = !first || result.succeeded();
            sim.schedule(peer, REANNOUNCE_MILLIS, () -> announce(peer, identity, topic, address, !counted));
        });
    }

    private void lookUp(SimPeer peer) {
        if (stopped || !peer.alive()) return;
        int topic = peer.workload.nextInt(TOPICS);
        Set<ByteBuffer> live = new HashSet<>();
        for (Announcer a : byTopic.get(topic)) {
            if (a.peer.alive()) live.add(a.key);
        }
        peer.node.announcements(topics.get(topic), 1000).thenAccept(result -> {
            if (stopped || !peer.alive()) return;
            checked(live, result);
        });
        sim.schedule(peer, exp(peer), () -> lookUp(peer));
    }

    private void checked(Set<ByteBuffer> live, AnnouncementsResult result) {
        lookups++;
        requests += result.messages();
        int returned = 0;
        for (AnnouncementsResult.Found f : result.entries()) {
            if (live.contains(ByteBuffer.wrap(f.announcement().publicKey()))) returned++;
        }
        expected += live.size();
        found += returned;
        if (returned == live.size()) lookupsComplete++;
    }

    private static long exp(SimPeer peer) {
        return 1 + (long) (-StrictMath.log(1 - peer.workload.nextDouble()) * LOOKUP_MINUTES * 60_000);
    }
}
