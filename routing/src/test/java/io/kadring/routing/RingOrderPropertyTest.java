package io.kadring.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The ring orderings compare ids in place; these check them against the plain definitions
 * (a clockwise distance made per contact and sorted in a TreeMap) on random and edge ids.
 */
final class RingOrderPropertyTest {
    private final SplittableRandom random = new SplittableRandom(11);

    /** Ids near a few anchors, so that equal ids, wrap-arounds and neighbours all come up. */
    private Id someId(List<Id> anchors) {
        return switch (random.nextInt(4)) {
            case 0 -> Id.random(random);
            case 1 -> anchors.get(random.nextInt(anchors.size()));
            case 2 -> anchors.get(random.nextInt(anchors.size())).next();
            default -> Id.ofWords(random.nextInt(3) - 1L, random.nextInt(3) - 1L, random.nextInt(3) - 1L,
                    random.nextInt(3) - 1L);
        };
    }

    private List<Id> anchors() {
        return new ArrayList<>(List.of(Id.ZERO, Id.MAX, Id.random(random), Id.random(random)));
    }

    @Test
    void compareClockwise_andIntervals_agreeWithTheDistanceTheyStandFor() {
        for (int run = 0; run < 20_000; run++) {
            List<Id> anchors = anchors();
            Id o = someId(anchors), a = someId(anchors), b = someId(anchors);
            assertEquals(o.clockwiseTo(a).compareTo(o.clockwiseTo(b)), o.compareClockwise(a, b));
            boolean halfOpen = o.equals(a) || (!b.equals(o) && o.clockwiseTo(b).compareTo(o.clockwiseTo(a)) <= 0);
            assertEquals(halfOpen, b.inHalfOpen(o, a), () -> b + " in (" + o + ", " + a + "]");
            boolean open = !b.equals(o) && (o.equals(a) || o.clockwiseTo(b).compareTo(o.clockwiseTo(a)) < 0);
            assertEquals(open, b.inOpen(o, a), () -> b + " in (" + o + ", " + a + ")");
        }
    }

    @Test
    void nearestAndSuccessor_pickWhatSortingByDistanceWould_firstOfEqualIdsKept() {
        for (int run = 0; run < 3_000; run++) {
            List<Id> anchors = anchors();
            Id key = someId(anchors), local = someId(anchors);
            anchors.add(key);
            List<Contact> known = new ArrayList<>();
            int size = random.nextInt(60);
            for (int i = 0; i < size; i++) {
                known.add(Contact.seen(someId(anchors), new InetSocketAddress("10.0.0.1", 1 + i), 0));
            }
            int n = 1 + random.nextInt(30);
            assertSameContacts(nearest(known, n, key, true), RingNeighbours.closestPreceding(key, known, n));
            assertSameContacts(nearest(known, n, key, false), RingNeighbours.successorsOf(key, known, n));
            assertSame(successorOf(key, known).orElse(null), RingNeighbours.successorOf(key, known).orElse(null));
            assertSame(closestPreceding(local, key, known).orElse(null),
                    RingNeighbours.closestPreceding(local, key, known).orElse(null));
        }
    }

    private static void assertSameContacts(List<Contact> expected, List<Contact> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) assertSame(expected.get(i), actual.get(i));
    }

    // ---- the definitions, made plain --------------------------------------------------------

    private static List<Contact> nearest(List<Contact> known, int n, Id key, boolean preceding) {
        TreeMap<Id, Contact> best = new TreeMap<>();
        for (Contact c : known) {
            if (preceding && c.id().equals(key)) continue;
            best.putIfAbsent(preceding ? c.id().clockwiseTo(key) : key.clockwiseTo(c.id()), c);
        }
        return best.values().stream().limit(n).toList();
    }

    private static Optional<Contact> successorOf(Id key, List<Contact> known) {
        Contact best = null;
        for (Contact c : known) {
            if (best == null || key.clockwiseTo(c.id()).compareTo(key.clockwiseTo(best.id())) < 0) best = c;
        }
        return Optional.ofNullable(best);
    }

    private static Optional<Contact> closestPreceding(Id local, Id key, List<Contact> known) {
        Contact best = null;
        for (Contact c : known) {
            boolean inside = !c.id().equals(local)
                    && (local.equals(key) || local.clockwiseTo(c.id()).compareTo(local.clockwiseTo(key)) < 0);
            if (!inside) continue;
            if (best == null || c.id().clockwiseTo(key).compareTo(best.id().clockwiseTo(key)) < 0) best = c;
        }
        return Optional.ofNullable(best);
    }
}
