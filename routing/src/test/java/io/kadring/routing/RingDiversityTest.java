package io.kadring.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ring takeover from one /24: 60 ids from 44.9.9.0/24, each closer clockwise to the local node
 * than any honest node (one per /24), fill every successor and the predecessor of a ring view
 * without a diversity limit, and at most {@code maxPerPrefix} of those places with it.
 */
final class RingDiversityTest {
    private static final RoutingConfig CONFIG = RoutingConfig.defaults();
    private static final Id LOCAL = IdTest.id(BigInteger.ONE.shiftLeft(255));

    private static InetSocketAddress address(int a, int b, int c, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {44, (byte) a, (byte) b, (byte) c}), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static Id offset(long n) {
        return IdTest.id(BigInteger.ONE.shiftLeft(255).add(BigInteger.valueOf(n)));
    }

    /** Honest nodes first (the longer-lived), spread over the ring near us; then the Sybils, nearer still. */
    private static List<Contact> arrivals() {
        List<Contact> out = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            out.add(Contact.seen(offset(1_000_000L * i), address(i, 0, 1, 4000), 0));   // successors
            out.add(Contact.seen(offset(-1_000_000L * i), address(100 + i, 0, 1, 4000), 0)); // predecessors
        }
        for (int i = 1; i <= 60; i++) {
            long step = 1_000L * i;
            Contact sybil = Contact.seen(offset(i % 2 == 0 ? step : -step), address(9, 9, i, 4000), 0);
            out.add(sybil);
        }
        return out;
    }

    /** Distinct Sybil ids among the successors and the predecessor. */
    private static int sybils(RingNeighbours ring) {
        java.util.Set<Id> ids = new java.util.HashSet<>();
        List<Contact> placed = new ArrayList<>(ring.successors());
        ring.predecessor().ifPresent(placed::add);
        for (Contact c : placed) if (c.address().getAddress().getAddress()[1] == 9) ids.add(c.id());
        return ids.size();
    }

    @Test
    void sixtySybilsFromOnePrefix_takeEverySuccessorAndThePredecessor_withoutTheLimit() {
        RingNeighbours ring = new RingNeighbours(LOCAL, CONFIG.successorListSize());
        arrivals().forEach(ring::observe);
        assertEquals(CONFIG.successorListSize() + 1, sybils(ring), ring.toString());
    }

    @Test
    void sixtySybilsFromOnePrefix_getAtMostMaxPerPrefixRingPlaces_withTheLimit() {
        RingNeighbours ring = new RingNeighbours(LOCAL, CONFIG);
        arrivals().forEach(ring::observe);
        assertTrue(sybils(ring) <= CONFIG.maxPerPrefix(), ring.toString());
        assertEquals(CONFIG.successorListSize(), ring.successors().size());
        assertTrue(ring.predecessor().isPresent());
    }

    @Test
    void mergedSuccessorLists_areHeldToTheLimitToo() {
        RingNeighbours ring = new RingNeighbours(LOCAL, CONFIG);
        List<Contact> all = arrivals();
        ring.mergeSuccessorList(all.get(0), all.subList(40, all.size()));
        assertTrue(sybils(ring) <= CONFIG.maxPerPrefix(), ring.toString());
    }

    @Test
    void exemptPrivateAddresses_areNotLimited_unlessTheConfigSaysSo() {
        RoutingConfig strict = new RoutingConfig(20, 20, 3, 2, 8, true, false);
        for (RoutingConfig config : List.of(CONFIG, strict)) {
            RingNeighbours ring = new RingNeighbours(LOCAL, config);
            for (int i = 1; i <= 8; i++) {
                ring.observe(Contact.seen(offset(i), new InetSocketAddress("10.0.0." + i, 4000), 0));
            }
            assertEquals(config.exemptPrivate() ? 8 : 2, ring.successors().size());
        }
    }
}
