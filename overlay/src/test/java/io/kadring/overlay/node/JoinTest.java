package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.wire.MalformedMessageException;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.routing.Contact;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Starting a node: a new network, a join through a live bootstrap, or a join that gives up. */
final class JoinTest {
    private static final long LATENCY = 10;

    private final TestNetwork net = new TestNetwork(17, LATENCY);

    @Test
    void node_withNoBootstrap_startsANewNetwork() {
        TestNetwork.Member a = net.node(NodeConfig.defaults(), TestNetwork.address(1));

        JoinResult result = net.await(a.node().start(List.of()), 1, "the start");

        assertTrue(result.newNetwork());
        assertEquals(0, result.contacts());
        assertEquals(Optional.empty(), result.successor());
    }

    @Test
    void node_joiningThroughALiveBootstrap_joinsItsNetwork() {
        TestNetwork.Member a = net.node(NodeConfig.defaults(), TestNetwork.address(1));
        TestNetwork.Member b = net.node(NodeConfig.defaults(), TestNetwork.address(2));
        net.await(a.node().start(List.of()), 1, "a's start");

        JoinResult result = net.await(b.node().start(List.of(a.address())), 60_000, "b's join");

        assertFalse(result.newNetwork());
        assertEquals(1, result.contacts());
        assertEquals(Optional.of(a.node().id()), result.successor().map(Contact::id));
        net.runFor(2 * NodeConfig.defaults().stabilizeIntervalMillis());
        assertEquals(Optional.of(b.node().id()), a.node().successor().map(Contact::id), "a took b in");
        assertEquals(Optional.of(b.node().id()), a.node().predecessor().map(Contact::id));
    }

    @Test
    void join_withAnUnreachableBootstrap_failsAfterJoinAttemptsRounds_withAGrowingBackoff() {
        int attempts = 5;
        NodeConfig config = NodeConfig.builder().joinAttempts(attempts).joinBackoff(Duration.ofSeconds(1))
                .rpcRetries(1).rpcTimeout(Duration.ofMillis(200), Duration.ofSeconds(5))
                .rpcTimeoutInitial(Duration.ofSeconds(1)).build();
        TestNetwork.Member a = net.node(config, TestNetwork.address(1));
        InetSocketAddress bootstrap = TestNetwork.address(2);
        List<TestNetwork.Arrival> inbox = net.recorder(bootstrap); // a host that never answers

        CompletableFuture<JoinResult> join = net.runUntilDone(a.node().start(List.of(bootstrap)),
                3_600_000, "the join to fail");

        CompletionException failure = assertThrows(CompletionException.class, join::join);
        JoinException e = assertInstanceOf(JoinException.class, failure.getCause());
        assertTrue(e.getMessage().contains(attempts + " attempts"), e.getMessage());

        // each round is one PING (a new txId) sent twice: once, and once more after a 1 s timeout
        Map<Long, List<Long>> rounds = new LinkedHashMap<>();
        for (TestNetwork.Arrival arrival : inbox) {
            rounds.computeIfAbsent(txId(arrival.bytes()), tx -> new ArrayList<>()).add(arrival.time() - LATENCY);
        }
        assertEquals(attempts, rounds.size(), "rounds of bootstrap pings");
        List<Long> starts = rounds.values().stream().map(sends -> sends.get(0)).toList();
        rounds.values().forEach(sends -> assertEquals(2, sends.size()));

        List<Long> backoffs = new ArrayList<>();
        for (int i = 0; i + 1 < starts.size(); i++) {
            long roundFailedAt = starts.get(i) + 1_000 + 2_000;
            long backoff = starts.get(i + 1) - roundFailedAt;
            long base = 1_000L << i;
            assertTrue(backoff >= base / 2 && backoff <= base + base / 2,
                    "backoff " + i + " is " + backoff + " ms, expected " + base + " ms ± 50 %");
            backoffs.add(backoff);
        }
        assertTrue(backoffs.get(backoffs.size() - 1) > backoffs.get(0), "the backoff grew: " + backoffs);
        long lastRoundFailedAt = starts.get(starts.size() - 1) + 3_000;
        assertEquals(lastRoundFailedAt, net.now(), "the join failed as the last round did");
        System.out.println("[join] backoffs between " + attempts + " rounds (ms): " + backoffs);
    }

    @Test
    void join_throughABootstrapBoundToAWildcard_getsInAtTheFirstRound() {
        // the first node of a network bound to 0.0.0.0 has heard from nobody yet: its record
        // says "address unknown", and the joiner takes it at the address it pinged
        InetSocketAddress where = TestNetwork.address(1);
        TestNetwork.Member a = net.node(NodeConfig.defaults(), where, TestNetwork.address("0.0.0.0", where.getPort()));
        TestNetwork.Member b = net.node(NodeConfig.defaults(), TestNetwork.address(2));
        net.await(a.node().start(List.of()), 1, "a's start");

        long start = net.now();
        JoinResult result = net.await(b.node().start(List.of(a.address())), 3_000, "b's join within 3 s");
        assertTrue(net.now() - start <= 20 * LATENCY, "joined after " + (net.now() - start) + " ms of virtual time, "
                + "a few round trips of " + 2 * LATENCY + " ms (no timeout waited for)");

        assertFalse(result.newNetwork());
        assertEquals(List.of(where), b.node().contacts().stream().map(Contact::address).toList());
        assertEquals(Map.of(where, JoinProcedure.ADMITTED), b.node().joinOutcomes());
        net.runFor(5_000);
        assertEquals(TestNetwork.address("0.0.0.0", where.getPort()), a.node().selfRecord().address(),
                "one peer's word is not enough (the address quorum)");
        TestNetwork.Member c = net.node(NodeConfig.defaults(), TestNetwork.address(3));
        net.await(c.node().start(List.of(a.address())), 3_000, "c's join");
        net.runFor(5_000);
        assertEquals(where, a.node().selfRecord().address(), "a learned its address once b and c agreed");
    }

    @Test
    void join_throughABootstrapAdvertisingAnotherAddress_failsNamingTheRefusal() {
        NodeConfig config = NodeConfig.builder().joinAttempts(2).joinBackoff(Duration.ofSeconds(1)).build();
        InetSocketAddress where = TestNetwork.address(1);
        TestNetwork.Member a = net.node(config, where, TestNetwork.address(9)); // a record naming a wrong address
        TestNetwork.Member b = net.node(config, TestNetwork.address(2));
        net.await(a.node().start(List.of()), 1, "a's start");

        CompletableFuture<JoinResult> join = net.runUntilDone(b.node().start(List.of(where)), 60_000, "b's join");

        CompletionException failure = assertThrows(CompletionException.class, join::join);
        String message = assertInstanceOf(JoinException.class, failure.getCause()).getMessage();
        assertTrue(message.contains(where.getAddress().getHostAddress() + ":" + where.getPort()
                + " answered but refused: its record advertises another address"), message);
    }

    @Test
    void join_throughASilentBootstrap_reportsNoAnswer() {
        NodeConfig config = NodeConfig.builder().joinAttempts(1).build();
        TestNetwork.Member a = net.node(config, TestNetwork.address(1));
        InetSocketAddress silent = TestNetwork.address(2);
        net.recorder(silent);

        net.runUntilDone(a.node().start(List.of(silent)), 60_000, "the join to fail");

        assertEquals(Map.of(silent, JoinProcedure.NO_ANSWER), a.node().joinOutcomes());
    }

    @Test
    void aFixedAdvertisedAddress_isNeverReplacedByWhatPeersReport() {
        SelfRecord self = new SelfRecord(net.identity(), TestNetwork.address("198.51.100.7", 4000), true);
        assertFalse(self.observed(TestNetwork.address("203.0.113.1", 4000), TestNetwork.address("203.0.113.9", 1)));
        assertFalse(self.observed(TestNetwork.address("203.0.113.1", 4000), TestNetwork.address("192.0.2.9", 1)));
        assertEquals(TestNetwork.address("198.51.100.7", 4000), self.address());
    }

    private static long txId(byte[] datagram) {
        try {
            return MessageCodec.decode(datagram).txId();
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }
}
