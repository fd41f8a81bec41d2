package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.routing.Id;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The size estimate and the isolation alarm of real nodes with default settings, on public
 * addresses, in virtual time.
 */
final class NetworkHealthTest {
    private static final int NODES = 60;

    @Test
    void nodesEstimateTheSizeOfTheNetworkAndNoticeWhenTheyAreCutOff() {
        TestNetwork net = new TestNetwork(5, 20);
        List<TestNetwork.Member> members = new ArrayList<>();
        for (int i = 0; i < NODES; i++) members.add(net.node(NodeConfig.defaults(), JoinCostTest.publicAddress(i)));
        Node first = members.get(0).node();
        net.await(first.start(List.of()), 1, "the first start");
        assertFalse(first.isolated(), "a node alone is not isolated");
        for (int i = 1; i < NODES; i++) {
            net.await(members.get(i).node().start(List.of(members.get(0).address())), 60_000, "join " + i);
        }
        SplittableRandom random = new SplittableRandom(9);
        for (TestNetwork.Member m : members) {
            for (int j = 0; j < 4; j++) net.await(m.node().findClosest(Id.random(random)), 60_000, "a lookup");
        }
        net.runFor(10 * 60_000);

        long[] estimates = members.stream().mapToLong(m -> m.node().networkSizeEstimate()).sorted().toArray();
        long median = estimates[estimates.length / 2];
        assertTrue(Math.abs(median - NODES) <= NODES / 10, "median estimate " + median + " of " + NODES
                + ": " + Arrays.toString(estimates));
        for (TestNetwork.Member m : members) {
            assertFalse(m.node().isolated(), m.node() + " isolated in a healthy network");
            assertTrue(m.node().contactSilenceMillis() < 60_000, "silence " + m.node().contactSilenceMillis());
        }
        assertEquals(0, gauge(members.get(1), "kadring.isolated"));
        assertTrue(gauge(members.get(1), "kadring.network.size.estimate") > 1);

        // cut node 1 off: nothing to or from it arrives
        InetSocketAddress cut = members.get(1).address();
        net.dropWhen((from, to) -> from.equals(cut) || to.equals(cut));
        long alarm = NodeConfig.defaults().isolationAlarmMillis();
        net.runFor(alarm - 35_000); // the alarm is checked every stabilize round (30 s)
        assertFalse(members.get(1).node().isolated(), "isolated before the alarm's time");
        net.runFor(70_000);
        assertTrue(members.get(1).node().isolated(), "no answers for " + members.get(1).node().contactSilenceMillis());
        assertEquals(1, gauge(members.get(1), "kadring.isolated"));
        assertFalse(members.get(2).node().isolated(), "the others still hear from each other");

        net.dropWhen((from, to) -> false);
        net.runFor(2 * 60_000);
        assertFalse(members.get(1).node().isolated(), "heard from its contacts again");
        assertEquals(0, gauge(members.get(1), "kadring.isolated"));

        // every reason counted was declared at start (so every series existed from the start)
        for (TestNetwork.Member m : members) {
            for (var c : m.registry().find("kadring.datagrams.dropped").counters()) {
                assertTrue(Node.DROP_REASONS.contains(c.getId().getTag("reason")), c.getId().toString());
            }
            assertEquals(Node.DROP_REASONS.size(), m.registry().find("kadring.datagrams.dropped").counters().size());
            assertEquals(Node.REJECT_REASONS.size(), m.registry().find("kadring.records.rejected").counters().size());
        }
        double lookups = members.get(3).registry().get("kadring.operations")
                .tags("operation", "lookup", "outcome", "success").counter().count();
        assertEquals(4, lookups, "the four lookups it was asked for");
    }

    private static double gauge(TestNetwork.Member m, String name) {
        return m.registry().get(name).gauge().value();
    }
}
