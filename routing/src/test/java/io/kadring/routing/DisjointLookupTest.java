package io.kadring.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Disjoint paths against a captured path: 30 adversarial nodes with ids closer to the target than
 * any honest node answer every query with one another only. The lookup's closest seed is one of
 * them. On one path, the adversaries' referrals fill the k closest and the honest nodes nearest
 * the target (the holders of a value there) are never asked; on two disjoint paths, the second
 * path, which the adversaries' ids (owned by the first) cannot enter, reaches them.
 */
final class DisjointLookupTest {
    private static final int K = 20;
    private final SplittableRandom random = new SplittableRandom(11);
    private final Id target = Id.random(random);
    private final List<Contact> honest = new ArrayList<>();
    private final List<Contact> adversaries = new ArrayList<>();
    private final Set<Id> adversaryIds = new HashSet<>();
    private final Contact self = contact(Id.random(random), 0);

    private static Contact contact(Id id, int i) {
        return Contact.seen(id, new InetSocketAddress("127.0.0.1", 1 + i), 0);
    }

    DisjointLookupTest() {
        for (int i = 0; i < 200; i++) honest.add(contact(Id.random(random), 1 + i));
        for (int i = 0; i < 30; i++) {
            Contact a = contact(target.flipBit(100 + i), 1_000 + i); // 100 shared bits: closer than any honest node
            adversaries.add(a);
            adversaryIds.add(a.id());
        }
    }

    private List<Contact> closestHonest(Id to, int n) {
        return honest.stream().sorted(Comparator.comparing(Contact::id, to::compareDistance)).limit(n).toList();
    }

    /** Honest nodes answer their true k closest among the honest and, from a few, one adversary. */
    private List<Contact> answer(Contact asked) {
        if (adversaryIds.contains(asked.id())) return adversaries;
        List<Contact> out = new ArrayList<>(closestHonest(target, K - 1));
        out.add(adversaries.get(Math.floorMod(asked.id().hashCode(), adversaries.size())));
        return out;
    }

    /** Runs the lookup to the end, answering in the order asked; returns every contact asked. */
    private Set<Id> run(DisjointLookup lookup) {
        Set<Id> asked = new HashSet<>();
        Deque<Contact> queue = new ArrayDeque<>(lookup.next());
        while (!queue.isEmpty()) {
            Contact c = queue.pollFirst();
            assertTrue(asked.add(c.id()), c + " is asked once, on one path");
            lookup.onResponse(c.id(), answer(c));
            queue.addAll(lookup.next());
        }
        assertTrue(lookup.isFinished());
        return asked;
    }

    private List<Contact> seeds() {
        List<Contact> seeds = new ArrayList<>(honest.subList(100, 110)); // far honest contacts
        seeds.add(adversaries.get(0)); // the closest seed is an adversary
        return seeds;
    }

    @Test
    void onePath_isCapturedByAdversarialReferrals_andNeverAsksTheHonestHolders() {
        DisjointLookup lookup = new DisjointLookup(target, self, seeds(), K, 3, 1);
        Set<Id> asked = run(lookup);
        List<Contact> holders = closestHonest(target, 3);
        assertTrue(holders.stream().noneMatch(h -> asked.contains(h.id())), "no holder was asked");
        assertTrue(lookup.result().closest().stream().allMatch(c -> adversaryIds.contains(c.id())));
    }

    @Test
    void twoDisjointPaths_reachTheHonestHolders_onThePathTheAdversariesDoNotOwn() {
        DisjointLookup lookup = new DisjointLookup(target, self, seeds(), K, 3, 2);
        assertEquals(2, lookup.paths());
        Set<Id> asked = run(lookup);
        for (Contact h : closestHonest(target, 3)) assertTrue(asked.contains(h.id()), h + " was asked");
    }

    @Test
    void oneSeed_makesOnePath() {
        DisjointLookup lookup = new DisjointLookup(target, self, List.of(honest.get(0)), K, 3, 3);
        assertEquals(1, lookup.paths());
        assertFalse(lookup.isFinished());
    }
}
