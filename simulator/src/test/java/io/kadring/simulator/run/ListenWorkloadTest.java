package io.kadring.simulator.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The listen workload over a small network with churn: listeners hear the updates, and it says what it cost. */
final class ListenWorkloadTest {

    @Test
    void liveListeners_areNotifiedOfNearlyEveryUpdate_andTheJsonHasTheFigures() {
        SimulationReport report = new Simulation(SimulationConfig.builder().nodes(30).seed(4)
                .durationMillis(150_000).sessionMeanMillis(30 * 60_000).lookupIntervalMillis(600_000)
                .publishFraction(0.25).getIntervalMillis(600_000).listen(new ListenLoad(0.4, 15_000)).build()).run();

        ListenStats listens = report.listens();
        assertTrue(listens.listeners() >= 6, report::summary);
        assertTrue(listens.expected() >= 30, report::summary);
        assertTrue(listens.notifiedShare() >= 0.99, report::summary);
        assertTrue(listens.latencyMillis().p99() < Workload.NOTIFY_WINDOW_MILLIS, report::summary);
        assertTrue(report.listenCostPerNodePerSecond() > 0, report::summary);
        String json = report.toJson();
        assertTrue(json.contains("\"listen\":{\"listeners\":") && json.contains("\"notified_share\":")
                && json.contains("\"messages_per_node_per_second\":"), json);
    }
}
