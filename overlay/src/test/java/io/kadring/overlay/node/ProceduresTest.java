package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The driver, through a node in virtual time: deadlines become timers, a wrong sender a failure, close an end. */
final class ProceduresTest {
    private final TestNetwork net = new TestNetwork(3, 10);

    @Test
    void aJoinsBackoffDeadline_wakesItForTheNextRound() {
        NodeConfig config = NodeConfig.builder().joinAttempts(2).build();
        TestNetwork.Member a = net.node(config, TestNetwork.address(1));
        InetSocketAddress silent = TestNetwork.address(5);
        List<TestNetwork.Arrival> pings = net.recorder(silent);
        CompletableFuture<JoinResult> join = net.runUntilDone(a.node().start(List.of(silent)), 120_000, "the join");
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, join::join);
        assertInstanceOf(JoinException.class, e.getCause());
        long rounds = pings.stream().map(p -> decode(p.bytes()).txId()).distinct().count();
        assertEquals(2, rounds, "a second round, woken by its deadline");
    }

    @Test
    void closingTheNode_endsEveryProcedureThatWaits() {
        TestNetwork.Member a = net.node(NodeConfig.defaults(), TestNetwork.address(1));
        InetSocketAddress silent = TestNetwork.address(5);
        net.recorder(silent);
        CompletableFuture<JoinResult> join = a.node().start(List.of(silent));
        CompletableFuture<?> ping = a.node().ping(TestNetwork.address(6));
        net.runFor(100);
        a.node().close();
        assertTrue(join.isCompletedExceptionally(), "the join ended");
        assertTrue(ping.isCompletedExceptionally(), "the ping ended");
        assertEquals(0, a.node().outstandingRequests());
    }

    private static Message decode(byte[] bytes) {
        try {
            return MessageCodec.decode(bytes);
        } catch (io.kadring.overlay.wire.MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }
}
