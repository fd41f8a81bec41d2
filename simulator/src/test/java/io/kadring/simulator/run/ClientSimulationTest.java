package io.kadring.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A run with client-mode nodes and replica checks: lookups stay exact, no node takes a client in. */
final class ClientSimulationTest {
    @Test
    void aFifthOfClients_leaveLookupsExact_andAppearInNoTableRingOrAnswer() {
        SimulationReport report = new Simulation(SimulationConfig.builder().nodes(50).seed(5)
                .durationMillis(2 * 60_000).lookupIntervalMillis(20_000).publishFraction(0.2).clientFraction(0.2)
                .replicaCheckIntervalMillis(30_000).build()).run();

        ClientFigures clients = report.clients();
        assertTrue(clients.clients() >= 5, report::summary);
        assertTrue(clients.lookups().count() > 20, report::summary);
        assertEquals(1.0, clients.lookups().exactRate(), report::summary);
        assertTrue(report.lookups().exactRate() >= 0.99, report::summary);
        assertEquals(1.0, report.successorLookups().successRate(), report::summary);
        assertEquals(0, clients.entriesNamingClients(), report::summary);
        assertEquals(0, clients.answersNamingClients(), report::summary);
        assertEquals(report.records().published(), report.records().retrievableAtEnd(), report::summary);

        ReplicaFigures checks = report.replicaChecks();
        assertTrue(checks.checks() >= 20, report::summary);
        assertEquals(1.0, checks.quorumRate(), report::summary);
        assertTrue(checks.messagesPerNodePerSecond() > 0, report::summary);
        assertTrue(report.toJson().contains("\"clients\":{\"count\":" + clients.clients()), report::toJson);
        assertTrue(report.toJson().contains("\"replica_checks\":{\"count\":" + checks.checks()), report::toJson);
    }
}
