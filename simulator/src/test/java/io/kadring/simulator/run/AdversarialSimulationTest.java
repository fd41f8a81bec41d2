package io.kadring.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.routing.Id;
import io.kadring.simulator.adversary.Adversaries;
import io.kadring.simulator.adversary.Attack;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Small runs with adversaries and a partition: what the report carries, that adversaries
 * are left out of the truth, that the figures are a function of the seed, and that an attack
 * that works without the defences fails with them.
 */
final class AdversarialSimulationTest {
    private static final SimulationConfig SMALL = SimulationConfig.builder().nodes(150).seed(5)
            .durationMillis(3 * 60_000).lookupIntervalMillis(60_000).getIntervalMillis(60_000).build();

    private static SimulationConfig under(Attack attack, double fraction) {
        return SMALL.toBuilder().adversaries(new Adversaries(fraction, attack, 3)).build();
    }

    @Test
    void theJson_carriesTheAdversaries_theDefences_andTheOldKeys() {
        SimulationReport report = new Simulation(under(Attack.LIE, 0.2).toBuilder().defences(false).build()).run();
        String json = report.toJson();
        System.out.println(report.summary());

        assertTrue(json.contains("\"adversaries\":{\"fraction\":0.2,\"attack\":\"lie\",\"subnets\":3,\"count\":30"), json);
        assertTrue(json.contains("\"defences\":false"), json);
        for (String key : List.of("\"lookups\":{", "\"successor_lookups\":{", "\"gets\":{", "\"records\":{")) {
            assertTrue(json.contains(key), key + " in " + json);
        }
        assertFalse(json.contains("\"partition\""), json);
        assertTrue(report.adversaries().responsesRewritten() > 0, report::summary);
    }

    @Test
    void anEclipse_hidesRecordsAndKeys_withoutTheDefences_notWithThem() {
        // Sybils ground next to the workload's keys, 30% of 400 nodes, answering only with each other
        SimulationConfig eclipse = SimulationConfig.builder().nodes(400).durationMillis(10 * 60_000)
                .adversaries(new Adversaries(0.3, Attack.ECLIPSE, 3)).build();
        SimulationReport without = new Simulation(eclipse.toBuilder().defences(false).build()).run();
        SimulationReport with = new Simulation(eclipse).run();
        System.out.println("[eclipse 0.3, 400 nodes] without defences:\n" + without.summary()
                + "\nwith them:\n" + with.summary());

        assertTrue(without.records().getSuccessRate() < 0.995, "the attack works without: " + without.summary());
        assertTrue(without.lookups().successRate() < 0.995, without::summary);
        assertTrue(with.records().getSuccessRate() >= 0.999, "and fails with them: " + with.summary());
        assertTrue(with.lookups().successRate() >= 0.99, with::summary);
    }

    @Test
    void dropAdversaries_answerNothing_andTheirSilenceIsCounted() {
        Simulation sim = new Simulation(under(Attack.DROP, 0.2));
        SimulationReport report = sim.run();
        System.out.println(report.summary());

        AdversaryFigures a = report.adversaries();
        assertEquals(30, a.count());
        assertTrue(a.responsesDropped() > 0, report::summary);
        assertEquals(0, a.responsesPassed(), report::summary);
        assertEquals(0, a.responsesRewritten(), report::summary);
        for (SimPeer p : sim.adversaries()) assertTrue(p.node.id() != null);
    }

    @Test
    void theHonestTruth_leavesTheAdversariesOut_whichTheRingTruthHolds() {
        Simulation sim = new Simulation(under(Attack.MIXED, 0.2).toBuilder().nodes(100).durationMillis(60_000).build());
        sim.run();

        Set<Id> honest = new HashSet<>(sim.honestTruth());
        Set<Id> everyone = new HashSet<>(sim.everyoneTruth());
        assertEquals(80, honest.size());
        for (SimPeer p : sim.adversaries()) {
            assertFalse(honest.contains(p.node.id()), p::toString);
            assertTrue(everyone.contains(p.node.id()), p::toString);
        }
        assertEquals(100, everyone.size());
    }

    @Test
    void aPartition_cutsTheNetwork_andTheRingHealsAfterwards() {
        // 100 nodes, 40 s apart from 40 s on; then 9 stabilize intervals to merge the two rings
        SimulationReport report = new Simulation(SMALL.toBuilder().nodes(100).durationMillis(6 * 60_000)
                .lookupIntervalMillis(120_000).getIntervalMillis(120_000).partition(40_000, 40_000).build()).run();
        System.out.println(report.summary());
        PartitionFigures p = report.partition();

        assertTrue(p.datagramsCut() > 0, report::summary);
        assertTrue(p.roundsToSingleRing() >= 0, report::summary);
        assertTrue(p.afterHeal().count() > 0, report::summary);
        String json = report.toJson();
        assertTrue(json.contains("\"rounds_to_single_ring\":" + p.roundsToSingleRing()), json);
        assertTrue(json.contains("\"exact_after_heal\":"), json);
    }

    @Test
    void theSameSeed_givesTheSameJson_withAdversariesAndAPartition() {
        SimulationConfig c = under(Attack.MIXED, 0.3).toBuilder().nodes(80).durationMillis(2 * 60_000)
                .partition(30_000, 30_000).build();
        String first = SimulationTest.withoutMachineFigures(new Simulation(c).run().toJson());
        String second = SimulationTest.withoutMachineFigures(new Simulation(c).run().toJson());

        assertEquals(first, second);
    }
}
