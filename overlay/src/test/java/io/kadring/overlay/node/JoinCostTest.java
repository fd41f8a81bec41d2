package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.wire.MessageCodec;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What a join costs in datagrams, with default settings and public addresses (no exemption):
 * nodes join one after another through the first, each counted from its start until its join
 * completes plus the answers and verifications it set off ({@link #AFTERMATH_MILLIS}). Each join
 * takes a few round trips (a PING, then the lookup of its own id) and waits for no timer.
 */
final class JoinCostTest {
    private static final long LATENCY = 20;
    private static final long AFTERMATH_MILLIS = 5_000;

    /** 45.{i / 250}.{i % 250}.7:4000: a /24 of its own per node, none exempt. */
    static InetSocketAddress publicAddress(int i) {
        return TestNetwork.address("45." + (i / 250) + "." + (i % 250) + ".7", 4000);
    }

    @Test
    void joiningAHundredNodes_costsAtMostSixtyDatagramsEach() {
        List<Integer> costs = formation(100);
        double mean = costs.stream().mapToInt(Integer::intValue).average().orElseThrow();
        List<Integer> sorted = costs.stream().sorted().toList();
        System.out.printf("[join-cost] N=100: datagrams per join mean %.1f, p50 %d, max %d%n", mean,
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
        assertTrue(mean <= 60, "mean datagrams per join " + mean);
    }

    /** Datagrams to or from each joining node (nodes 1 .. n-1) during its join and aftermath. */
    static List<Integer> formation(int n) {
        TestNetwork net = new TestNetwork(23, LATENCY);
        List<TestNetwork.Member> members = new ArrayList<>();
        for (int i = 0; i < n; i++) members.add(net.node(NodeConfig.defaults(), publicAddress(i)));
        net.await(members.get(0).node().start(List.of()), 1, "the first start");
        InetSocketAddress[] joiner = new InetSocketAddress[1];
        int[] count = new int[1];
        Map<String, Integer> byType = new TreeMap<>();
        net.tap((from, to, datagram) -> {
            if (from.equals(joiner[0]) || to.equals(joiner[0])) {
                count[0]++;
                byType.merge((from.equals(joiner[0]) ? "out " : "in ") + MessageCodec.header(datagram).type(), 1,
                        Integer::sum);
            }
        });
        List<Integer> costs = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            TestNetwork.Member m = members.get(i);
            joiner[0] = m.address();
            count[0] = 0;
            long start = net.now();
            net.await(m.node().start(List.of(members.get(0).address())), 60_000, "join " + i);
            long took = net.now() - start;
            if (took > 5 * 2 * LATENCY) {
                throw new AssertionError("join " + i + " took " + took + " ms of virtual time: it waited for a timer, "
                        + "not only for ~3 round trips of " + 2 * LATENCY + " ms");
            }
            net.runFor(AFTERMATH_MILLIS);
            costs.add(count[0]);
        }
        System.out.println("[join-cost] N=" + n + " by type over all joins: " + byType);
        return costs;
    }
}
