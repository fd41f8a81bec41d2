package io.kadring.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.routing.time.EventQueue;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both lookups against an in-memory network of 1,000 nodes whose answers come from real
 * routing tables and ring views, checked against brute-force truth.
 */
final class LookupOracleTest {
    private static final int N = 1_000;
    private static final int K = 20;
    private static final int ALPHA = 3;
    private static final int R = 8;
    private static final int LOOKUPS = 1_000;

    private record Node(Contact contact, RoutingTable table, RingNeighbours ring) {
        Id id() {
            return contact.id();
        }
    }

    private static final List<Node> nodes = new ArrayList<>();
    private static final Map<Id, Node> byId = new HashMap<>();

    /** Each node observes every other in its own random order; the ring is the true one. */
    @BeforeAll
    static void buildNetwork() {
        SplittableRandom random = new SplittableRandom(2024);
        List<Contact> everyone = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            everyone.add(Contact.seen(Id.random(random), new InetSocketAddress("127.0.0.1", 10_000 + i), 0));
        }
        RoutingConfig config = new RoutingConfig(K, K, 3, 2, R);
        for (Contact self : everyone) {
            RoutingTable table = new RoutingTable(self.id(), config);
            List<Contact> order = new ArrayList<>(everyone);
            Collections.shuffle(order, new Random(random.nextLong()));
            long now = 0;
            for (Contact c : order) table.observe(c, now++);
            Node node = new Node(self, table, new RingNeighbours(self.id(), R));
            nodes.add(node);
            byId.put(self.id(), node);
        }
        List<Contact> sorted = new ArrayList<>(everyone);
        sorted.sort((a, b) -> a.id().compareTo(b.id()));
        for (int i = 0; i < N; i++) {
            RingNeighbours ring = byId.get(sorted.get(i).id()).ring();
            ring.observe(sorted.get((i + N - 1) % N));
            for (int j = 1; j <= R; j++) ring.observe(sorted.get((i + j) % N));
        }
    }

    @Test
    void network_hasRealisticTables() {
        int total = 0;
        for (Node n : nodes) {
            total += n.table().size();
            assertEquals(K, n.table().bucketSize(0));
            assertEquals(R, n.ring().successors().size());
        }
        System.out.printf(java.util.Locale.ROOT, "oracle network: %d nodes, mean table size %.1f%n", N, (double) total / N);
    }

    @Test
    void xorLookups_findTheTrueKClosest() {
        runXorLookups(Set.of(), new SplittableRandom(1));
    }

    @Test
    void successorLookups_findTheTrueSuccessor() {
        runSuccessorLookups(Set.of(), new SplittableRandom(2));
    }

    @Test
    void xorLookups_findTheTrueKClosestLiveNodesWhenATenthAreDead() {
        runXorLookups(killTenPercent(new SplittableRandom(3)), new SplittableRandom(4));
    }

    @Test
    void successorLookups_findTheTrueLiveSuccessorWhenATenthAreDead() {
        runSuccessorLookups(killTenPercent(new SplittableRandom(5)), new SplittableRandom(6));
    }

    private static Set<Id> killTenPercent(SplittableRandom random) {
        Set<Id> dead = new HashSet<>();
        while (dead.size() < N / 10) dead.add(nodes.get(random.nextInt(N)).id());
        return dead;
    }

    private static Node liveNode(Set<Id> dead, SplittableRandom random) {
        while (true) {
            Node n = nodes.get(random.nextInt(N));
            if (!dead.contains(n.id())) return n;
        }
    }

    /** Random keys, with node ids (live or dead) and ids just past the start node mixed in. */
    private static Id key(Node start, int i, SplittableRandom random) {
        return switch (i % 10) {
            case 0 -> nodes.get(random.nextInt(N)).id();
            case 1 -> IdTest.id(IdTest.big(start.id()).add(java.math.BigInteger.ONE));
            case 2 -> start.id();
            default -> Id.random(random);
        };
    }

    private void runXorLookups(Set<Id> dead, SplittableRandom random) {
        Stats stats = new Stats("xor", dead);
        for (int i = 0; i < LOOKUPS; i++) {
            Node start = liveNode(dead, random);
            Id target = key(start, i, random);
            List<Contact> seeds = start.table().closest(target, K);
            Set<Id> named = new HashSet<>();
            named.add(start.id());
            seeds.forEach(c -> named.add(c.id()));
            XorLookup lookup = new XorLookup(target, start.contact(), seeds, K, ALPHA);
            LookupResult result = drive(start, lookup::next, lookup::isFinished, lookup::inFlight, dead, random,
                    (from, n) -> {
                        List<Contact> answer = n.table().closest(target, K);
                        answer.forEach(c -> named.add(c.id()));
                        lookup.onResponse(from, answer);
                    },
                    lookup::onFailure, lookup::result);

            List<Id> found = result.closest().stream().map(Contact::id).toList();
            List<Id> overall = nodes.stream().map(Node::id).sorted(target.byDistance()).toList();
            List<Id> liveTruth = overall.stream().filter(id -> !dead.contains(id)).limit(K).toList();
            // Every live node among the true k closest is found ...
            for (Id id : overall.subList(0, K)) {
                if (!dead.contains(id)) {
                    assertTrue(found.contains(id), () -> "lookup of " + target + " from " + start.id() + " missed " + id);
                }
            }
            // ... and the answer is the k closest live nodes among all that were named to it.
            List<Id> bestNamed = named.stream().filter(id -> !dead.contains(id)).sorted(target.byDistance())
                    .limit(K).toList();
            assertEquals(bestNamed, found, () -> "lookup of " + target + " from " + start.id());
            assertEquals(found.get(0).equals(start.id()), result.hops() == 0);
            // With dead nodes in the tables, a live node just past them may never be named
            // (answers hold only the k closest a table has, the dead included): count those.
            if (!found.equals(liveTruth)) stats.inexact++;
            stats.overlap += found.stream().filter(liveTruth::contains).count();
            stats.add(result);
        }
        stats.print();
        if (dead.isEmpty()) assertEquals(0, stats.inexact);
        assertTrue(stats.meanHops() < 4, "mean hops " + stats.meanHops());
    }

    private void runSuccessorLookups(Set<Id> dead, SplittableRandom random) {
        Stats stats = new Stats("successor", dead);
        for (int i = 0; i < LOOKUPS; i++) {
            Node start = liveNode(dead, random);
            Id key = key(start, i, random);
            SuccessorLookup lookup = new SuccessorLookup(key, start.contact(), start.ring(),
                    start.table().contacts(), K, ALPHA);
            LookupResult result = drive(start, lookup::next, lookup::isFinished, lookup::inFlight,
                    dead, random, (from, n) -> lookup.onResponse(from, n.ring().answer(key, n.table().contacts(), K)),
                    lookup::onFailure, lookup::result);

            Id truth = nodes.stream().map(Node::id).filter(id -> !dead.contains(id))
                    .min((a, b) -> key.clockwiseTo(a).compareTo(key.clockwiseTo(b))).orElseThrow();
            assertEquals(1, result.closest().size());
            assertEquals(truth, result.closest().get(0).id(), () -> "successor of " + key + " from " + start.id());
            stats.add(result);
        }
        stats.print();
        assertTrue(stats.meanHops() < 5, "mean hops " + stats.meanHops());
    }

    /**
     * Answers the lookup's queries in virtual time, as an asynchronous network would: each
     * answer (or failure, for a dead node) comes back after a random latency of 1 to 100 ms,
     * one event at a time, and the lookup is topped up after each. Checks it never asks twice,
     * never asks itself and never has more than alpha in flight.
     */
    private static LookupResult drive(Node start, java.util.function.Supplier<List<Contact>> next,
                                      java.util.function.BooleanSupplier finished,
                                      java.util.function.IntSupplier inFlightCount, Set<Id> dead,
                                      SplittableRandom random, java.util.function.BiConsumer<Id, Node> respond,
                                      java.util.function.Consumer<Id> fail,
                                      java.util.function.Supplier<LookupResult> result) {
        EventQueue network = new EventQueue();
        List<Contact> inFlight = new ArrayList<>();
        Set<Id> asked = new HashSet<>();
        int steps = 0;
        while (!finished.getAsBoolean()) {
            for (Contact c : next.get()) {
                assertFalse(c.id().equals(start.id()), "never asks itself");
                assertTrue(asked.add(c.id()), "never asks twice: " + c);
                inFlight.add(c);
                network.schedule(random.nextLong(1, 101), () -> {
                    inFlight.remove(c);
                    if (dead.contains(c.id())) fail.accept(c.id());
                    else respond.accept(c.id(), byId.get(c.id()));
                });
            }
            assertEquals(inFlight.size(), inFlightCount.getAsInt());
            assertTrue(inFlight.size() <= K, "at most k in flight (alpha until the lookup stalls)");
            assertFalse(inFlight.isEmpty(), "not finished, so something must be in flight");
            assertTrue(network.runNext(), "something in flight, so an answer is due");
            assertTrue(++steps < 5_000, "a lookup that does not end");
        }
        assertTrue(next.get().isEmpty(), "nothing more to ask once finished");
        LookupResult r = result.get();
        assertEquals(asked.size(), r.messages());
        assertEquals(r.messages() - inFlight.size(), r.responses() + r.failures());
        return r;
    }

    private static final class Stats {
        final String kind;
        final Set<Id> dead;
        int count;
        long hops;
        int maxHops;
        long messages;
        int maxMessages;
        long failures;
        int inexact;
        long overlap;

        Stats(String kind, Set<Id> dead) {
            this.kind = kind;
            this.dead = dead;
        }

        void add(LookupResult r) {
            count++;
            hops += r.hops();
            maxHops = Math.max(maxHops, r.hops());
            messages += r.messages();
            maxMessages = Math.max(maxMessages, r.messages());
            failures += r.failures();
        }

        double meanHops() {
            return (double) hops / count;
        }

        void print() {
            String quality = kind.equals("xor")
                    ? String.format(java.util.Locale.ROOT, "; %d of %d differ from the true k closest live nodes, mean overlap %.2f of %d",
                            inexact, count, (double) overlap / count, K)
                    : "; every one the true successor";
            System.out.printf(java.util.Locale.ROOT, "%-9s lookups, N=%d, %3d dead: hops mean %.2f max %d; messages mean %.2f max %d;"
                            + " failed queries mean %.2f%s%n", kind, N, dead.size(), meanHops(), maxHops,
                    (double) messages / count, maxMessages, (double) failures / count, quality);
        }
    }
}
