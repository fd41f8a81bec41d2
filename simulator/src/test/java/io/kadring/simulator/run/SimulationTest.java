package io.kadring.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Whole runs of the real nodes: same seed, same JSON; and a static network answers correctly. */
final class SimulationTest {
    /** About 100 nodes with churn, a mass failure and loss, for a few simulated minutes. */
    private static final SimulationConfig TURBULENT = SimulationConfig.builder().nodes(100)
            .durationMillis(4 * 60_000).sessionMeanMillis(10 * 60_000).killFraction(0.2).loss(0.01)
            .lookupIntervalMillis(20_000).publishFraction(0.2).getIntervalMillis(60_000).build();

    private static SimulationConfig turbulent(long seed) {
        return TURBULENT.toBuilder().seed(seed).build();
    }

    /** The run both seed tests compare with (and the per-minute test reads), made once. */
    private static SimulationReport seed11;

    private static synchronized SimulationReport seed11Report() {
        if (seed11 == null) seed11 = new Simulation(turbulent(11)).run();
        return seed11;
    }

    private static String seed11() {
        return withoutMachineFigures(seed11Report().toJson());
    }

    @Test
    void theReport_countsJoinsAndLeavesPerMinute_theLoadPerNode_andLookupsOverTime() {
        SimulationReport report = seed11Report();
        long leaves = 0;
        long joins = 0;
        for (int i = 0; i < report.liveNodes().size(); i++) {
            leaves += (long) report.activity().leaves().sum(i);
            joins += (long) report.activity().joins().sum(i);
        }
        assertTrue(leaves >= 20, "the mass failure alone kills 20 of 100: " + leaves);
        assertTrue(joins > 0, "sessions of 10 min over 4 min bring arrivals: " + joins);
        assertTrue(report.activity().loadMilliPerSecond().count() >= 50, report::summary);
        assertTrue(report.activity().loadMilliPerSecond().p50() > 0, report::summary);
        assertTrue(report.summary().contains("load per node"), report::summary);
        String json = report.toJson();
        assertTrue(json.contains("\"joins\":[") && json.contains("\"leaves\":["), json);
        assertTrue(json.contains("\"find_closest\":{\"success_rate\":["), json);
        assertTrue(json.contains("\"exact_rate\":[") && json.contains("\"latency_p99_ms\":["), json);
        assertTrue(json.contains("\"load_per_node\":{\"nodes\":"), json);
        double minuteP50 = report.lookups().latencyOverTime().quantile(1, 0.5);
        assertTrue(minuteP50 > 0 && minuteP50 <= report.lookups().latencyMillis().max(), "minute 1 p50 " + minuteP50);
    }

    @Test
    void aStoppedRun_reportsWhatRan_markedInterrupted_withItsConfiguration() {
        Simulation simulation = new Simulation(SimulationConfig.builder().nodes(20).seed(2).durationMillis(600_000).build());
        simulation.stop(); // as a Ctrl-C before the first slice
        SimulationReport report = simulation.run();
        assertTrue(report.interrupted());
        assertTrue(report.summary().contains("INTERRUPTED at simulated"), report::summary);
        assertTrue(report.summary().contains("n/a"), "no lookup ran: n/a, not 100%\n" + report.summary());
        String json = report.toJson();
        assertTrue(json.contains("\"interrupted_at_seconds\":"), json);
        assertTrue(json.contains("\"config\":{\"nodes\":20,\"seed\":2,\"duration_ms\":600000"), json);
        assertTrue(json.contains("\"version\":"), json);
    }

    @Test
    void theSameSeed_givesTheSameJson_apartFromWallTimeAndHeap() {
        String first = seed11();
        String second = withoutMachineFigures(new Simulation(turbulent(11)).run().toJson());

        assertEquals(first, second);
        assertTrue(first.contains("\"lookups\":{\"count\":"), first);
        assertTrue(!first.contains("\"listen\""), "no listen figures without a listen workload");
    }

    @Test
    void aDifferentSeed_givesADifferentJson() {
        String first = seed11();
        String other = withoutMachineFigures(new Simulation(turbulent(12)).run().toJson());

        assertNotEquals(first, other);
    }

    @Test
    void aStaticNetworkOf200Nodes_findsEveryTrueClosestAndSuccessor() {
        SimulationReport report = new Simulation(SimulationConfig.builder().nodes(200).seed(3)
                .durationMillis(3 * 60_000).lookupIntervalMillis(60_000).build()).run();

        assertTrue(report.lookups().count() > 300, report::summary);
        assertEquals(1.0, report.lookups().successRate(), report::summary);
        assertTrue(report.lookups().exactRate() >= 0.99, report::summary);
        assertEquals(1.0, report.successorLookups().successRate(), report::summary);
        assertTrue(report.successorLookups().count() > 300, report::summary);
        assertEquals(report.records().published(), report.records().retrievableAtEnd(), report::summary);
        assertEquals(200, report.networkSize().truth(), report::summary);
        assertTrue(Math.abs(report.networkSize().relativeError()) <= 0.10, report::summary);
        assertTrue(report.toJson().contains("\"network_size\":{\"estimate_p50\":"), report::toJson);
        assertTrue(report.toJson().contains("\"per_minute\":{\"minute\":[0,1,2],\"live_nodes\":[200.0,"), report::toJson);
    }

    /** wall_seconds and the heap figures depend on the machine, not the seed. */
    static String withoutMachineFigures(String json) {
        String out = json.replaceAll("\"wall_seconds\":[0-9.eE+-]+,?", "")
                .replaceAll("\"heap_bytes_per_node(_after_build)?\":[0-9]+,?", "");
        assertNotEquals(json, out, "the JSON should have had wall_seconds and heap_bytes_per_node");
        return out;
    }
}
