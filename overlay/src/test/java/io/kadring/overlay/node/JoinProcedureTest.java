package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.metrics.NodeMetrics;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Contact;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Joining, scripted: rounds of PINGs with backoff, what each bootstrap node did, then the lookups. */
final class JoinProcedureTest {
    private final Scripted s = new Scripted(60, 0);
    private final NodeRecord selfRecord = NodeRecord.sign(s.identity(), Scripted.publicAddress(9_999), 1);
    private final InetSocketAddress silent = Scripted.publicAddress(7_000);
    private final InetSocketAddress refusing = Scripted.publicAddress(7_001);

    private JoinProcedure join(int rounds, InetSocketAddress... bootstrap) {
        LocalNode local = s.local(NodeConfig.builder().joinAttempts(rounds)
                .joinBackoff(java.time.Duration.ofSeconds(1)).build(), NodeMetrics.noop(), Scripted.NO_TIMERS);
        return new JoinProcedure(List.of(bootstrap), local, () -> selfRecord, s.lookups, s.table);
    }

    @Test
    void roundsWithNoAnswer_backOffWithJitter_thenFailWithWhatEachBootstrapDid() {
        JoinProcedure join = join(3, silent, refusing);
        long backoff = 1_000;
        for (int round = 1; round <= 3; round++) {
            for (Request r : join.poll(s.now)) {
                assertInstanceOf(Message.Ping.class, r.message(1));
                if (r.to().equals(silent)) {
                    join.onFailure(r, s.now);
                } else {
                    join.onPong(r, null, RecordRefusal.ADDRESS_MISMATCH, s.now);
                }
            }
            if (round < 3) {
                long wait = join.deadline() - s.now;
                assertTrue(wait >= backoff / 2 && wait <= backoff * 3 / 2, "round " + round + " waits " + wait + " ms");
                assertTrue(join.poll(s.now + wait - 1).isEmpty(), "nothing before the deadline");
                s.now += wait;
                backoff *= 2;
            }
        }
        assertTrue(join.isDone());
        JoinException failure = assertInstanceOf(JoinException.class, join.failure());
        assertEquals(Map.of(silent, JoinProcedure.NO_ANSWER, refusing,
                "answered but refused: " + RecordRefusal.ADDRESS_MISMATCH.description()), join.outcomes());
        assertTrue(failure.getMessage().contains("after 3 attempts"), failure.getMessage());
    }

    @Test
    void eachRoundAsksForTheAddressesAnew_andARoundWithNoneIsOneThatFailed() {
        LocalNode local = s.local(NodeConfig.builder().joinAttempts(3)
                .joinBackoff(java.time.Duration.ofSeconds(1)).build(), NodeMetrics.noop(), Scripted.NO_TIMERS);
        java.util.ArrayDeque<List<InetSocketAddress>> rounds = new java.util.ArrayDeque<>(List.of(
                List.of(), List.of(silent), List.of(refusing)));
        JoinProcedure join = new JoinProcedure(rounds::poll, local, () -> selfRecord, s.lookups, s.table);
        assertTrue(join.poll(s.now).isEmpty(), "no address yet: nothing to ping");
        assertFalse(join.isDone());
        s.now = join.deadline();
        List<Request> second = join.poll(s.now);
        assertEquals(List.of(silent), second.stream().map(Request::to).toList(), "the name resolved meanwhile");
        join.onFailure(second.get(0), s.now);
        s.now = join.deadline();
        List<Request> third = join.poll(s.now);
        assertEquals(List.of(refusing), third.stream().map(Request::to).toList(), "and moved");
        join.onFailure(third.get(0), s.now);
        assertTrue(join.isDone());
        assertTrue(join.failure().getMessage().contains("after 3 attempts"), join.failure().getMessage());
    }

    @Test
    void theFirstBootstrapAdmitted_leadsToALookupOfOurOwnId_andNothingMore() {
        Contact bootstrap = s.world.get(0);
        JoinProcedure join = join(0, silent, bootstrap.address());
        Integer rounds = s.run(join, (r, m) -> {
            if (r.to().equals(silent)) return null;
            Contact at = s.contactAt(r.to());
            if (m instanceof Message.Ping) {
                s.table.observe(at, s.now); // what admission does with its PONG
                return new Message.Pong(m.txId(), at.id(), NodeRecord.sign(s.identity(), at.address(), 1),
                        selfRecord.address());
            }
            s.table.observe(at, s.now); // answered: admission admits it
            return s.nodes(r, m);
        });

        assertEquals(1, rounds);
        assertEquals(JoinProcedure.ADMITTED, join.outcomes().get(bootstrap.address()));
        assertEquals(JoinProcedure.NO_ANSWER, join.outcomes().get(silent));
        List<Scripted.Sent> finds = s.sentOf(Message.Type.FIND_NODE);
        assertEquals(s.self, ((Message.FindNode) finds.get(0).message()).target(), "our own id first");
        assertEquals(bootstrap.address(), finds.get(0).request().to(), "through the bootstrap node");
        long targets = finds.stream().map(f -> ((Message.FindNode) f.message()).target()).distinct().count();
        assertEquals(1, targets, "no bucket refreshes at join: farther buckets fill from later traffic");
        assertFalse(s.table.contacts().isEmpty());
    }

    @Test
    void aBootstrapWhoseNamedNodesAllFail_isSaidSo_andTriedAgain() {
        Contact bootstrap = s.world.get(0);
        JoinProcedure join = join(1, bootstrap.address());
        s.run(join, (r, m) -> m instanceof Message.Ping
                ? new Message.Pong(m.txId(), bootstrap.id(), NodeRecord.sign(s.identity(), bootstrap.address(), 1),
                        selfRecord.address())
                : null); // the ping admitted nothing into the table here, and every FIND_NODE fails
        assertTrue(join.isDone());
        assertEquals(Map.of(bootstrap.address(), "answered, but every node it named failed"), join.outcomes());
        assertInstanceOf(JoinException.class, join.failure());
    }
}
