package io.kadring.overlay.metrics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

final class NodeMetricsTest {
    private enum Type { PING, FIND_NODE }

    private enum Reason { TRUNCATED }

    private enum Kind { XOR, SUCCESSOR }

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final NodeMetrics metrics = NodeMetrics.of(registry);

    @Test
    void sent_countsTheMessageByLowerCaseTypeAndItsBytes() {
        metrics.sent(Type.FIND_NODE, 100);
        metrics.sent(Type.FIND_NODE, 50);
        metrics.sent(Type.PING, 7);

        assertEquals(2, count("kadring.rpc.sent", "type", "find_node"));
        assertEquals(1, count("kadring.rpc.sent", "type", "ping"));
        assertEquals(150, registry.get("kadring.sent").tag("type", "find_node").counter().count());
        assertEquals(7, registry.get("kadring.sent").tag("type", "ping").counter().count());
    }

    @Test
    void received_countsBytesInAndMessagesByType() {
        metrics.received(Type.PING, 1400);
        metrics.received(null, 33);
        metrics.receivedMessage(Type.PING);

        assertEquals(1400, registry.get("kadring.received").tag("type", "ping").counter().count());
        assertEquals(33, registry.get("kadring.received").tag("type", "malformed").counter().count());
        assertEquals(1, count("kadring.rpc.received", "type", "ping"));
    }

    @Test
    void declare_registersEverySeriesAtZero_andRoundTripsAndOperationsHaveAFewFixedBuckets() {
        metrics.declare(List.of(Type.values()), List.of(Type.PING), List.of("truncated", "rate_limited"), List.of("bad_token"),
                List.of(Kind.values()), List.of(Kind.values()));
        assertEquals(0, count("kadring.rpc.sent", "type", "find_node"));
        assertEquals(0, count("kadring.rpc.timeouts", "type", "ping"));
        assertEquals(null, registry.find("kadring.rpc.timeouts").tag("type", "find_node").counter(), "only requests time out");
        assertEquals(0, registry.get("kadring.received").tag("type", "malformed").counter().count());
        assertEquals(0, count("kadring.datagrams.dropped", "reason", "rate_limited"));
        assertEquals(0, count("kadring.records.rejected", "reason", "bad_token"));
        assertEquals(NodeMetrics.Outcome.values().length * Kind.values().length,
                registry.find("kadring.operations").counters().size());
        metrics.operation(Kind.XOR, NodeMetrics.Outcome.TIMEOUT);
        assertEquals(1, registry.get("kadring.operations").tags("operation", "xor", "outcome", "timeout").counter().count());
        metrics.recordStored();
        assertEquals(1, registry.get("kadring.records.stored").counter().count());
        metrics.roundTrip(42);
        var rtt = registry.get("kadring.rpc.rtt").timer();
        assertEquals(1, rtt.count());
        assertTrue(rtt.takeSnapshot().histogramCounts().length <= 12, "a few fixed buckets");
        metrics.lookupFinished(Kind.XOR, 30, 2);
        assertTrue(registry.get("kadring.lookup.duration").timer().takeSnapshot().histogramCounts().length <= 12);
    }

    @Test
    void timeout_countsByType() {
        metrics.timeout(Type.FIND_NODE);

        assertEquals(1, count("kadring.rpc.timeouts", "type", "find_node"));
    }

    @Test
    void dropped_countsAnEnumReasonAndTheSameStringReasonTogether() {
        metrics.dropped(Reason.TRUNCATED);
        metrics.dropped("truncated");
        metrics.dropped("unsolicited");

        assertEquals(2, count("kadring.datagrams.dropped", "reason", "truncated"));
        assertEquals(1, count("kadring.datagrams.dropped", "reason", "unsolicited"));
    }

    @Test
    void recordRejected_republishRoundAndSelfAddressChanged_countEachCall() {
        metrics.recordRejected("stale_seq");
        metrics.republishRound();
        metrics.republishRound();
        metrics.selfAddressChanged();

        assertEquals(1, count("kadring.records.rejected", "reason", "stale_seq"));
        assertEquals(2, registry.get("kadring.republish.rounds").counter().count());
        assertEquals(1, registry.get("kadring.self.address.changes").counter().count());
    }

    @Test
    void lookupFinished_recordsTheGivenDurationAndHopsByKind() {
        metrics.lookupFinished(Kind.XOR, 120, 3);
        metrics.lookupFinished(Kind.XOR, 80, 5);
        metrics.lookupFinished(Kind.SUCCESSOR, 10, 1);

        Timer duration = registry.get("kadring.lookup.duration").tag("kind", "xor").timer();
        DistributionSummary hops = registry.get("kadring.lookup.hops").tag("kind", "xor").summary();
        assertEquals(2, duration.count());
        assertEquals(200, duration.totalTime(TimeUnit.MILLISECONDS), 1e-9);
        assertEquals(8, hops.totalAmount(), 1e-9);
        assertEquals(1, registry.get("kadring.lookup.hops").tag("kind", "successor").summary().count());
    }

    @Test
    void registerNodeAndRecords_gaugesReadTheSuppliersWhenScraped() {
        AtomicInteger contacts = new AtomicInteger(3);
        metrics.registerNode(contacts::get, () -> 9);
        metrics.registerRecords(() -> 4, () -> 4096);

        contacts.set(20);

        assertEquals(20, registry.get("kadring.routing.contacts").gauge().value());
        assertEquals(9, registry.get("kadring.ring.neighbours").gauge().value());
        assertEquals(4, registry.get("kadring.records.held").gauge().value());
        assertEquals(4096, registry.get("kadring.records.bytes").gauge().value());
    }

    @Test
    void of_withCommonTagsPutsThemOnEveryMeter() {
        NodeMetrics tagged = NodeMetrics.of(registry, Tags.of("node", "ab12cd34"));

        tagged.sent(Type.PING, 10);
        tagged.registerNode(() -> 1, () -> 2);

        assertEquals(1, registry.get("kadring.rpc.sent").tags("node", "ab12cd34", "type", "ping").counter().count());
        assertEquals(10, registry.get("kadring.sent").tags("node", "ab12cd34", "type", "ping").counter().count());
        assertEquals(1, registry.get("kadring.routing.contacts").tag("node", "ab12cd34").gauge().value());
    }

    @Test
    void close_removesTheMetersItRegistered() {
        metrics.sent(Type.PING, 1);
        metrics.registerNode(() -> 1, () -> 1);

        metrics.close();

        assertTrue(registry.getMeters().isEmpty(), registry.getMeters().toString());
    }

    @Test
    void of_aNullRegistryGivesTheNoopThatRecordsNothingAndNeverThrows() {
        NodeMetrics none = NodeMetrics.of(null);

        assertSame(NodeMetrics.noop(), none);
        assertDoesNotThrow(() -> {
            none.sent(Type.PING, 10);
            none.received(Type.PING, 10);
            none.roundTrip(3);
            none.operation(Kind.XOR, NodeMetrics.Outcome.SUCCESS);
            none.receivedMessage(Type.PING);
            none.timeout(Type.PING);
            none.dropped(Reason.TRUNCATED);
            none.dropped("x");
            none.lookupFinished(Kind.XOR, 1, 1);
            none.recordRejected(Reason.TRUNCATED);
            none.recordRejected("x");
            none.republishRound();
            none.selfAddressChanged();
            none.registerNode(() -> 1, () -> 1);
            none.registerRecords(() -> 1, () -> 1);
            none.close();
        });
    }

    private double count(String name, String tagKey, String tagValue) {
        return registry.get(name).tag(tagKey, tagValue).counter().count();
    }
}
