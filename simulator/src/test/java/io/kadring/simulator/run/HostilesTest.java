package io.kadring.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Id;
import io.kadring.simulator.EventLoop;
import io.kadring.simulator.LatencyModel;
import io.kadring.simulator.Seeds;
import io.kadring.simulator.SimNetwork;
import io.kadring.simulator.adversary.Adversaries;
import io.kadring.simulator.adversary.Attack;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where the adversaries' ground ids land: next to the record keys, just after honest ids. */
final class HostilesTest {
    private static final int NODES = 150;

    private static Hostiles hostiles(Attack attack, List<Id> honest, List<Id> keys) {
        SimulationConfig c = SimulationConfig.builder().nodes(NODES).adversaries(new Adversaries(0.2, attack, 3)).build();
        Seeds seeds = new Seeds(9);
        SimNetwork network = new SimNetwork(new EventLoop(), LatencyModel.constant(1), seeds.random("network"));
        return new Hostiles(c, seeds, network, honest, keys);
    }

    private static List<Id> ids(String purpose, int n) {
        var random = new Seeds(4).random(purpose);
        List<Id> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Id.random(random));
        return out;
    }

    @Test
    void eclipseIds_shareTheGrindingPrefix_withAWorkloadKey() {
        List<Id> keys = ids("keys", 12);
        Hostiles h = hostiles(Attack.ECLIPSE, ids("honest", 120), keys);
        List<WireContact> sybils = h.group(Attack.ECLIPSE).members();
        System.out.printf("eclipse: %d ids ground to %d bits%n", sybils.size(), h.eclipseBits());

        assertEquals(30, sybils.size());
        assertTrue(h.eclipseBits() >= 5, () -> h.eclipseBits() + " bits");
        for (WireContact s : sybils) {
            assertTrue(keys.stream().anyMatch(k -> s.id().commonPrefixLength(k) >= h.eclipseBits()),
                    () -> s.id() + " is near no key");
        }
        for (Id k : keys) {
            assertTrue(sybils.stream().anyMatch(s -> s.id().commonPrefixLength(k) >= h.eclipseBits()),
                    () -> k + " has no Sybil next to it");
        }
    }

    @Test
    void sybilRingIds_sitJustAfterHonestIds_eachTakingADifferentPlace() {
        List<Id> honest = ids("honest", 120);
        Hostiles h = hostiles(Attack.SYBIL_RING, honest, List.of());
        List<Id> sorted = new ArrayList<>(honest);
        Collections.sort(sorted);
        Set<Id> predecessors = new HashSet<>();
        for (WireContact s : h.group(Attack.SYBIL_RING).members()) {
            int at = Collections.binarySearch(sorted, s.id());
            Id before = sorted.get(Math.floorMod(-at - 2, sorted.size()));
            predecessors.add(before);
            // a Sybil is its honest predecessor's successor: no honest id between them
            Id next = sorted.get(Math.floorMod(-at - 1, sorted.size()));
            assertTrue(s.id().inOpen(before, next), s::toString);
        }
        assertEquals(30, predecessors.size(), "each Sybil follows a different honest node");
        for (WireContact s : h.group(Attack.SYBIL_RING).members()) {
            byte[] ip = s.address().getAddress().getAddress();
            assertTrue(ip[0] != 10, s::toString);
        }
    }
}
