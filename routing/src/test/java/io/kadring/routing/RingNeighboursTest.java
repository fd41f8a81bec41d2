package io.kadring.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class RingNeighboursTest {
    private final SplittableRandom random = new SplittableRandom(7);

    private static Contact contact(Id id) {
        return Contact.seen(id, new InetSocketAddress("127.0.0.1", 1 + (id.hashCode() & 0x7fff)), 0);
    }

    private static Id id(long n) {
        return IdTest.id(BigInteger.valueOf(n));
    }

    private static Id minus(long n) {
        return IdTest.id(BigInteger.valueOf(-n));
    }

    private static List<Id> ids(List<Contact> contacts) {
        return contacts.stream().map(Contact::id).toList();
    }

    @Test
    void wouldPlace_isTrueExactlyWhenObservingWouldTakeTheId_andContainsSaysWhatIsHeld() {
        for (int run = 0; run < 200; run++) {
            Id local = Id.random(random);
            RingNeighbours ring = new RingNeighbours(local, 1 + random.nextInt(8));
            for (int i = 0; i < random.nextInt(30); i++) ring.observe(contact(Id.random(random)));
            Id newcomer = Id.random(random);
            boolean predicted = ring.wouldPlace(newcomer);
            ring.observe(contact(newcomer));
            assertEquals(predicted, ring.contains(newcomer), "wouldPlace of " + newcomer + " in " + ring);
            assertFalse(ring.wouldPlace(local));
            assertFalse(ring.contains(local));
        }
    }

    @Test
    void successors_areOrderedClockwiseFromTheLocalIdAndBoundedByR() {
        for (int run = 0; run < 200; run++) {
            Id local = Id.random(random);
            int r = 1 + random.nextInt(8);
            RingNeighbours ring = new RingNeighbours(local, r);
            List<Contact> all = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(40); i++) all.add(contact(Id.random(random)));
            all.add(contact(local));
            for (Contact c : all) ring.observe(c);
            for (Contact c : all) ring.observe(c); // repeats change nothing

            List<Contact> others = new ArrayList<>(all.subList(0, all.size() - 1));
            others.sort(Comparator.comparing(c -> local.clockwiseTo(c.id())));
            assertEquals(ids(others.subList(0, Math.min(r, others.size()))), ids(ring.successors()));
            assertEquals(Optional.of(others.get(0)), ring.successor());
            // the predecessor is the closest counter-clockwise
            Contact pred = others.stream().min(Comparator.comparing(c -> c.id().clockwiseTo(local))).orElseThrow();
            assertEquals(Optional.of(pred), ring.predecessor());
        }
    }

    @Test
    void successors_wrapAroundZero() {
        Id local = minus(10);
        RingNeighbours ring = new RingNeighbours(local, 3);
        for (long n : new long[] {5, -3, 100, -20, 0}) ring.observe(contact(n < 0 ? minus(-n) : id(n)));
        assertEquals(List.of(minus(3), id(0), id(5)), ids(ring.successors()));
        assertEquals(minus(20), ring.predecessor().orElseThrow().id());
    }

    @Test
    void observe_ignoresTheLocalIdAndUpdatesAKnownOneInPlace() {
        Id local = id(1000);
        RingNeighbours ring = new RingNeighbours(local, 4);
        ring.observe(contact(local));
        assertTrue(ring.successors().isEmpty());
        assertTrue(ring.predecessor().isEmpty());
        ring.observe(contact(id(2000)));
        Contact moved = Contact.seen(id(2000), new InetSocketAddress("127.0.0.2", 9), 5);
        ring.observe(moved);
        assertEquals(moved.address(), ring.successor().orElseThrow().address());
        assertEquals(moved.address(), ring.predecessor().orElseThrow().address());
    }

    @Test
    void predecessor_changesOnlyForOneBetweenItAndTheLocalId() {
        Id local = id(1000);
        RingNeighbours ring = new RingNeighbours(local, 4);
        ring.observe(contact(id(500)));
        assertEquals(id(500), ring.predecessor().orElseThrow().id());
        ring.observe(contact(id(300)));
        assertEquals(id(500), ring.predecessor().orElseThrow().id(), "farther back: no change");
        ring.observe(contact(id(800)));
        assertEquals(id(800), ring.predecessor().orElseThrow().id());
        ring.observe(contact(id(1001)));
        assertEquals(id(800), ring.predecessor().orElseThrow().id(), "just after us is the farthest back");
        ring.clearPredecessor();
        assertTrue(ring.predecessor().isEmpty());
        ring.observe(contact(id(300)));
        assertEquals(id(300), ring.predecessor().orElseThrow().id(), "none: any contact will do");
    }

    @Test
    void mergeSuccessorList_takesInTheNeighbourAndItsSuccessorsButNotUs() {
        Id local = id(100);
        RingNeighbours ring = new RingNeighbours(local, 4);
        ring.observe(contact(id(300)));
        ring.mergeSuccessorList(contact(id(200)),
                List.of(contact(id(300)), contact(id(400)), contact(local), contact(id(50)), contact(id(600))));
        assertEquals(List.of(id(200), id(300), id(400), id(600)), ids(ring.successors()));
        assertEquals(id(50), ring.predecessor().orElseThrow().id());
    }

    @Test
    void remove_dropsAFailedNodeFromBothSides() {
        Id local = id(100);
        RingNeighbours ring = new RingNeighbours(local, 3);
        for (long n : new long[] {50, 200, 300, 400, 500}) ring.observe(contact(id(n)));
        ring.remove(id(200));
        ring.remove(id(50));
        assertEquals(List.of(id(300), id(400)), ids(ring.successors()), "no refill: the caller stabilizes");
        assertTrue(ring.predecessor().isEmpty());
        ring.remove(Id.random(random)); // unknown: nothing happens
        assertEquals(2, ring.successors().size());
    }

    @Test
    void constructor_rejectsAnEmptySuccessorList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RingNeighbours(id(1), 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }

    @Test
    void closestPreceding_matchesBruteForceIncludingWrapAround() {
        for (int run = 0; run < 1000; run++) {
            List<Contact> known = new ArrayList<>();
            Id key = run % 5 == 0 ? id(random.nextInt(50)) : Id.random(random);
            Id local = run % 7 == 0 ? key : (run % 3 == 0 ? minus(1 + random.nextInt(50)) : Id.random(random));
            for (int i = 0; i < random.nextInt(60); i++) {
                known.add(contact(run % 2 == 0 ? id(random.nextInt(100)) : Id.random(random)));
                if (random.nextInt(10) == 0) known.add(contact(key));
                if (random.nextInt(10) == 0) known.add(contact(local));
            }
            // Chord's closest preceding node
            Optional<Contact> expected = known.stream()
                    .filter(c -> c.id().inOpen(local, key))
                    .min(Comparator.comparing(c -> IdTest.big(c.id().clockwiseTo(key))));
            assertEquals(expected.map(Contact::id), RingNeighbours.closestPreceding(local, key, known).map(Contact::id));

            // the n best predecessors
            int n = random.nextInt(25);
            List<Id> sorted = known.stream().map(Contact::id).distinct().filter(x -> !x.equals(key))
                    .sorted(Comparator.comparing(x -> IdTest.big(x.clockwiseTo(key)))).toList();
            assertEquals(sorted.subList(0, Math.min(n, sorted.size())), ids(RingNeighbours.closestPreceding(key, known, n)));

            Optional<Id> successor = known.stream().map(Contact::id)
                    .min(Comparator.comparing(x -> IdTest.big(key.clockwiseTo(x))));
            assertEquals(successor, RingNeighbours.successorOf(key, known).map(Contact::id));
        }
    }

    @Test
    void answer_isFinalWithTheSuccessorListWhenTheKeyFallsBeforeTheSuccessor() {
        Id local = id(100);
        RingNeighbours ring = new RingNeighbours(local, 3);
        for (long n : new long[] {50, 200, 300, 400, 500}) ring.observe(contact(id(n)));
        RingAnswer a = ring.answer(id(150), List.of(), 20);
        assertTrue(a.isFinal());
        assertEquals(List.of(id(200), id(300), id(400)), ids(a.contacts()));
        assertTrue(ring.answer(id(200), List.of(), 20).isFinal(), "the successor's own id: (local, succ]");

        List<Contact> known = List.of(contact(id(700)), contact(id(900)), contact(id(20)), contact(local));
        RingAnswer referral = ring.answer(id(950), known, 6);
        assertFalse(referral.isFinal());
        // the best predecessors of 950 as room allows, the successors in their places among
        // them, and last the first known after 950: 20, past zero
        assertEquals(List.of(id(900), id(700), id(400), id(300), id(200), id(20)), ids(referral.contacts()));
        assertEquals(List.of(id(400), id(300), id(200), id(50), id(700)),
                ids(ring.answer(id(650), known, 5).contacts()));
        assertEquals(id(700), ring.answer(id(700), known, 4).contacts().get(3).id(), "the key's own node is named");
        assertFalse(ids(ring.answer(id(100), known, 20).contacts()).contains(local), "never refers to itself");
    }

    @Test
    void answer_neverExceedsMaxContacts() {
        Id local = id(100);
        RingNeighbours ring = new RingNeighbours(local, 8);
        List<Contact> known = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Contact c = contact(Id.random(random));
            known.add(c);
            ring.observe(c);
        }
        for (int max = 1; max <= 30; max++) {
            for (int i = 0; i < 20; i++) {
                Id key = Id.random(random);
                RingAnswer a = ring.answer(key, known, max);
                assertTrue(a.contacts().size() <= max);
                assertEquals(a.contacts().size(), ids(a.contacts()).stream().distinct().count());
                if (!a.isFinal() && max >= 9) {
                    assertTrue(a.contacts().containsAll(ring.successors()), "the successors always fit");
                    assertTrue(a.contacts().contains(RingNeighbours.successorOf(key, known).orElseThrow()));
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ring.answer(local, known, 0));
    }

    @Test
    void answer_ofANodeAloneIsFinalAndEmpty() {
        RingNeighbours ring = new RingNeighbours(id(5), 3);
        RingAnswer a = ring.answer(Id.random(random), List.of(), 20);
        assertTrue(a.isFinal());
        assertTrue(a.contacts().isEmpty());
        RingAnswer referral = ring.answer(id(10), List.of(contact(id(7)), contact(id(3))), 20);
        assertFalse(referral.isFinal(), "knows others but has no successor yet: refers on");
        assertEquals(List.of(id(7), id(3)), ids(referral.contacts()));
    }

    @Test
    void successors_areACopy() {
        RingNeighbours ring = new RingNeighbours(id(1), 3);
        ring.observe(contact(id(2)));
        List<Contact> s = ring.successors();
        assertThrows(UnsupportedOperationException.class, () -> s.add(contact(id(3))));
        ring.observe(contact(id(3)));
        assertEquals(1, s.size(), "a snapshot, not a view");
    }

    @Test
    void successorsView_followsTheRingAndIsReadOnly() {
        RingNeighbours ring = new RingNeighbours(id(1), 3);
        List<Contact> view = ring.successorsView();
        ring.observe(contact(id(5)));
        ring.observe(contact(id(2)));
        assertEquals(ring.successors(), view);
        ring.remove(id(2));
        assertEquals(List.of(id(5)), ids(view), "a view, not a snapshot");
        assertThrows(UnsupportedOperationException.class, () -> view.add(contact(id(3))));
    }
}
