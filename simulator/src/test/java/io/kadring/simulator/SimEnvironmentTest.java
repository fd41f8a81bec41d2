package io.kadring.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SimEnvironmentTest {
    private final EventLoop loop = new EventLoop();
    private final Seeds seeds = new Seeds(7);
    private final SimNetwork network = new SimNetwork(loop, LatencyModel.constant(10), seeds.random("network"));
    private final List<String> log = new ArrayList<>();

    private SimEnvironment node(String name, InetSocketAddress address, long index) {
        SimEnvironment env = new SimEnvironment(network, address, seeds.random("node", index));
        env.attach((from, bytes) -> log.add(name + " got " + bytes[0] + " at " + loop.now()));
        return env;
    }

    @Test
    void environment_readsTheLoopsClock_andItsTimersRunOnTheLoop() {
        SimEnvironment env = node("a", network.newAddress(), 0);

        env.schedule(25, () -> log.add("timer at " + env.now()));
        loop.runUntil(100);

        assertEquals(List.of("timer at 25"), log);
        assertEquals(100, env.now());
    }

    @Test
    void crashedNode_receivesNothing_andItsTimersNeverRun() {
        SimEnvironment a = node("a", network.newAddress(), 0);
        SimEnvironment b = node("b", network.newAddress(), 1);
        b.schedule(50, () -> log.add("b's timer"));
        a.send(b.address(), new byte[] {1}); // in flight when b crashes

        loop.runUntil(5);
        b.crash();
        a.send(b.address(), new byte[] {2});
        b.schedule(1, () -> log.add("scheduled after the crash"));
        loop.runUntil(1000);

        assertEquals(List.of(), log);
        assertFalse(b.isAlive());
        assertEquals(2, network.dropped(DropCause.DESTINATION_DOWN));
        assertEquals(2, loop.eventsExecuted(), "the two deliveries ran (and dropped); the timer was skipped");
    }

    @Test
    void crashedNode_sendsNothing() {
        SimEnvironment a = node("a", network.newAddress(), 0);
        SimEnvironment b = node("b", network.newAddress(), 1);

        a.crash();
        a.send(b.address(), new byte[] {1});
        loop.runUntil(100);

        assertEquals(List.of(), log);
        assertEquals(1, network.dropped(DropCause.SENDER_DOWN));
        assertEquals(0, network.traffic().messagesSent());
    }

    @Test
    void restartedNode_atTheSameAddress_receivesAgain_whileTheOldIncarnationStaysSilent() {
        SimEnvironment a = node("a", network.newAddress(), 0);
        SimEnvironment old = node("old", network.newAddress(), 1);
        old.schedule(500, () -> log.add("old timer"));
        loop.runUntil(100);
        old.crash();
        loop.runUntil(200);

        SimEnvironment restarted = node("new", old.address(), 2);
        restarted.schedule(400, () -> log.add("new timer"));
        a.send(restarted.address(), new byte[] {9});
        old.crash(); // crashing the old incarnation again must not detach the new one
        loop.runUntil(1000);

        assertEquals(List.of("new got 9 at 210", "new timer"), log);
        assertTrue(restarted.isAlive());
        assertThrows(IllegalStateException.class, () -> old.attach((from, bytes) -> { }));
    }

    @Test
    void twoLiveNodes_cannotShareAnAddress() {
        InetSocketAddress address = network.newAddress();
        node("a", address, 0);

        assertThrows(IllegalStateException.class, () -> node("b", address, 1));
    }
}
