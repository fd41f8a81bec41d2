package io.kadring.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SuccessorLookupTest {
    private static final int K = 20;

    private static Id id(long n) {
        return IdTest.id(BigInteger.valueOf(n));
    }

    private static Contact node(long n) {
        return Contact.seen(id(n), new InetSocketAddress("127.0.0.1", (int) (1 + Math.floorMod(n, 60_000))), 0);
    }

    private static RingNeighbours ring(long local, long... neighbours) {
        RingNeighbours ring = new RingNeighbours(id(local), 3);
        for (long n : neighbours) ring.observe(node(n));
        return ring;
    }

    private final Contact self = node(100);

    /** Asserts that {@code lookup} asks node {@code n} alone now, then has it answer {@code contacts}. */
    private static void askAndHear(SuccessorLookup lookup, long n, boolean isFinal, Contact... contacts) {
        assertEquals(List.of(node(n)), lookup.next());
        lookup.onResponse(id(n), isFinal, List.of(contacts));
    }

    private static void assertFinishedWith(SuccessorLookup lookup, Contact successor) {
        assertTrue(lookup.isFinished());
        assertEquals(List.of(successor), lookup.result().closest());
    }

    @Test
    void offTheRing_theLocalNodeIsNeverTheAnswer_evenForItsOwnId() {
        // a client-mode node at 100 with 50 before it and 200 after it: 200 succeeds 100 and 80
        for (long key : new long[] {100, 80}) {
            SuccessorLookup lookup = new SuccessorLookup(id(key), self, ring(100, 200, 50), List.of(), K, 3, false);
            assertFalse(lookup.isFinished());
            List<Contact> asked = lookup.next();
            assertTrue(asked.contains(node(50)) && !asked.contains(self), asked.toString());
            lookup.onResponse(id(50), true, List.of(node(200)));
            if (!asked.contains(node(200))) askAndHear(lookup, 200, false, node(50));
            else lookup.onResponse(id(200), false, List.of(node(50)));
            assertFinishedWith(lookup, node(200));
        }
    }

    @Test
    void offTheRing_withEveryoneGone_theAnswerIsEmpty() {
        SuccessorLookup lookup = new SuccessorLookup(id(150), self, ring(100, 200), List.of(), K, 3, false);
        for (Contact c : lookup.next()) lookup.onFailure(c.id());
        assertTrue(lookup.isFinished());
        assertEquals(List.of(), lookup.result().closest());
    }

    @Test
    void theLocalIdIsItsOwnSuccessor() {
        SuccessorLookup lookup = new SuccessorLookup(id(100), self, ring(100, 200), List.of(node(150)), K, 3);
        assertTrue(lookup.isFinished());
        assertEquals(new LookupResult(List.of(self), 0, 0, 0, 0), lookup.result());
    }

    @Test
    void aNodeAloneIsTheSuccessorOfEveryKey() {
        SuccessorLookup lookup = new SuccessorLookup(id(5), self, ring(100), List.of(), K, 3);
        assertFinishedWith(lookup, self);
    }

    @Test
    void aKeyBeforeOurSuccessorIsAnsweredByItOnceItAnswersAQuery() {
        SuccessorLookup lookup = new SuccessorLookup(id(150), self, ring(100, 200, 300, 50), List.of(), K, 3);
        assertFalse(lookup.isFinished());
        askAndHear(lookup, 200, false, node(100));
        assertTrue(lookup.isFinished());
        assertEquals(new LookupResult(List.of(node(200)), 1, 1, 1, 0), lookup.result(), "our own successor, asked once: 1 hop");
    }

    @Test
    void whenOurSuccessorHasGoneTheNextInTheListAnswers() {
        SuccessorLookup lookup = new SuccessorLookup(id(150), self, ring(100, 200, 300, 50), List.of(), K, 3);
        lookup.onFailure(lookup.next().get(0).id());
        askAndHear(lookup, 300, false);
        assertEquals(List.of(node(300)), lookup.result().closest());
        assertEquals(1, lookup.result().failures());
    }

    @Test
    void whenTheWholeSuccessorListHasGoneWhatTheTableKnowsPastTheKeyIsTried() {
        RingNeighbours ring = ring(100, 200, 300, 400);
        SuccessorLookup lookup = new SuccessorLookup(id(150), self, ring, List.of(node(900), node(500)), K, 3);
        for (int i = 0; i < 3; i++) lookup.onFailure(lookup.next().get(0).id());
        askAndHear(lookup, 500, false);
        assertFinishedWith(lookup, node(500));
    }

    @Test
    void routesThroughBetterPredecessorsAndConfirmsTheSuccessor() {
        // we are 100 with successor 200; the key 1000 lies far ahead
        SuccessorLookup lookup = new SuccessorLookup(id(1000), self, ring(100, 200),
                List.of(node(600), node(400), node(5000)), K, 1);
        assertEquals(List.of(node(600)), lookup.next(), "the closest preceding first");
        lookup.onResponse(id(600), false, List.of(node(950), node(700)));
        askAndHear(lookup, 950, true, node(1200), node(1300));
        assertEquals(List.of(node(1200)), lookup.next(), "the claimed successor must answer itself");
        assertFalse(lookup.isFinished());
        lookup.onResponse(id(1200), false, List.of(node(950)));
        assertTrue(lookup.isFinished());
        assertEquals(new LookupResult(List.of(node(1200)), 3, 3, 3, 0), lookup.result());
    }

    @Test
    void aDeadPredecessorIsRoutedAround() {
        SuccessorLookup lookup = new SuccessorLookup(id(1000), self, ring(100, 200),
                List.of(node(900), node(800)), K, 1);
        assertEquals(List.of(node(900)), lookup.next());
        lookup.onFailure(id(900));
        askAndHear(lookup, 800, true, node(900), node(1100));
        assertEquals(List.of(node(1100)), lookup.next(), "900 failed already: not asked again");
        lookup.onResponse(id(1100), false, List.of());
        assertFinishedWith(lookup, node(1100));
        assertEquals(2, lookup.result().hops());
    }

    @Test
    void aNodeWhoseIdIsTheKeyEndsTheLookupWhenItAnswers() {
        SuccessorLookup lookup = new SuccessorLookup(id(1000), self, ring(100, 200),
                List.of(node(1000), node(900)), K, 3);
        List<Contact> asked = lookup.next();
        assertTrue(asked.contains(node(1000)));
        lookup.onResponse(id(1000), false, List.of(node(900)));
        assertTrue(lookup.isFinished(), "nothing can come before the key itself");
        assertEquals(List.of(node(1000)), lookup.result().closest());
    }

    @Test
    void aNodeWithNoSuccessorYetRoutesThroughWhatItKnows() {
        // joining: 100 knows 50 and 400 but has no ring yet; its own successor is sought as 101
        SuccessorLookup lookup = new SuccessorLookup(id(101), self, ring(100), List.of(node(50), node(400)), K, 1);
        assertFalse(lookup.isFinished());
        askAndHear(lookup, 50, true, node(300), node(400));
        askAndHear(lookup, 300, false);
        assertFinishedWith(lookup, node(300));
    }

    @Test
    void lateAndUnsolicitedAnswersAreOnlyCounted() {
        SuccessorLookup lookup = new SuccessorLookup(id(1000), self, ring(100, 200), List.of(node(900)), K, 1);
        lookup.onResponse(id(777), true, List.of(node(1001)));
        assertEquals(1, lookup.ignoredResponses());
        assertEquals(List.of(node(900)), lookup.next());
        lookup.onFailure(id(900));
        lookup.onResponse(id(900), true, List.of(node(1001)));
        assertEquals(2, lookup.ignoredResponses());
        assertEquals(List.of(node(200)), lookup.next(), "1001 was never taken in");
        lookup.onResponse(id(200), false, List.of(node(900)));
        // of the nodes still standing we are the first after the key, going round
        assertFinishedWith(lookup, self);
        assertEquals(0, lookup.result().hops());
    }

    @Test
    void eachQueryIsSentOnceAndTheLookupAlwaysEnds() {
        // a ring of 64 nodes with every node knowing a few random others; some never answer
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        List<Contact> all = new ArrayList<>();
        for (int i = 0; i < 64; i++) all.add(node(i * 1000L + random.nextInt(1000)));
        int checked = 0;
        for (int run = 0; run < 300; run++) {
            Id key = id(random.nextInt(70_000));
            java.util.Set<Id> dead = new java.util.HashSet<>();
            for (Contact c : all) if (random.nextInt(4) == 0) dead.add(c.id());
            Contact start = all.get(random.nextInt(all.size()));
            dead.remove(start.id());
            SuccessorLookup lookup = new SuccessorLookup(key, start, ringOf(start, all), sample(all, random), K, 3);
            java.util.Set<Id> asked = new java.util.HashSet<>();
            int steps = 0;
            while (!lookup.isFinished()) {
                List<Contact> next = lookup.next();
                for (Contact c : next) assertTrue(asked.add(c.id()));
                assertTrue(lookup.inFlight() > 0, "not finished, so waiting on someone");
                for (Contact c : next) {
                    if (dead.contains(c.id())) lookup.onFailure(c.id());
                    else lookup.onResponse(c.id(), ringOf(c, all).answer(key, sample(all, random), K));
                }
                assertTrue(++steps < 1_000);
            }
            // Chord promises the live successor only while no successor list is wholly dead
            if (hasDeadRun(all, dead, 3)) continue;
            Id truth = all.stream().map(Contact::id).filter(x -> !dead.contains(x))
                    .min((a, b) -> key.clockwiseTo(a).compareTo(key.clockwiseTo(b))).orElseThrow();
            assertEquals(truth, lookup.result().closest().get(0).id());
            checked++;
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    /** Whether {@code length} nodes in a row around the ring ({@code all} is in ring order) are dead. */
    private static boolean hasDeadRun(List<Contact> all, java.util.Set<Id> dead, int length) {
        int run = 0;
        for (int i = 0; i < 2 * all.size(); i++) {
            run = dead.contains(all.get(i % all.size()).id()) ? run + 1 : 0;
            if (run >= length) return true;
        }
        return false;
    }

    /** The true ring view of {@code c}: predecessor and three successors, dead or alive. */
    private static RingNeighbours ringOf(Contact c, List<Contact> all) {
        RingNeighbours r = new RingNeighbours(c.id(), 3);
        all.forEach(r::observe);
        RingNeighbours trimmed = new RingNeighbours(c.id(), 3);
        r.predecessor().ifPresent(trimmed::observe);
        r.successors().forEach(trimmed::observe);
        return trimmed;
    }

    private static List<Contact> sample(List<Contact> all, java.util.SplittableRandom random) {
        List<Contact> out = new ArrayList<>();
        for (Contact c : all) if (random.nextInt(5) == 0) out.add(c);
        return out;
    }
}
