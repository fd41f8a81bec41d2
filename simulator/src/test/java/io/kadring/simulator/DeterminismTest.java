package io.kadring.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Runs a ping-pong toy protocol among 200 nodes, with loss, a partition, crashes and restarts. */
final class DeterminismTest {
    private static final int NODES = 200;

    /** What one run produced: a hash over every delivery, and a few totals. */
    private record Outcome(String traceHash, long deliveries, long events, Traffic traffic) {
    }

    @Test
    void theSameSeed_givesTheIdenticalTrace() {
        Outcome first = run(2024);
        Outcome second = run(2024);

        assertEquals(first, second);
        assertTrue(first.deliveries() > 5_000, () -> first.deliveries() + " deliveries");
    }

    @Test
    void aDifferentSeed_givesADifferentTrace() {
        assertNotEquals(run(2024).traceHash(), run(2025).traceHash());
    }

    private static Outcome run(long masterSeed) {
        Seeds seeds = new Seeds(masterSeed);
        EventLoop loop = new EventLoop();
        SimNetwork network = new SimNetwork(loop, LatencyModel.uniform(10, 200), seeds.random("network"));
        network.setLossRate(0.02);
        MessageDigest trace = sha256();
        long[] deliveries = {0};

        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            addresses.add(network.newAddress());
        }
        List<SimEnvironment> environments = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            environments.add(PingPong.start(network, addresses, i, seeds.random("node", i), trace, deliveries));
        }
        network.partition(Set.copyOf(addresses.subList(0, NODES / 2)), 10_000, 15_000);
        loop.scheduleAt(5_000, () -> {
            for (int i = 0; i < 20; i++) {
                environments.get(i).crash();
            }
        });
        loop.scheduleAt(8_000, () -> {
            for (int i = 0; i < 20; i++) {
                PingPong.start(network, addresses, i, seeds.random("restart", i), trace, deliveries);
            }
        });

        loop.runUntil(30_000);
        return new Outcome(HexFormat.of().formatHex(trace.digest()), deliveries[0], loop.eventsExecuted(),
                network.traffic());
    }

    /** Pings a random peer every 0.5–1.5 s; answers a ping with a pong carrying its nonce. */
    private static final class PingPong {
        static SimEnvironment start(SimNetwork network, List<InetSocketAddress> peers, int index,
                java.util.random.RandomGenerator random, MessageDigest trace, long[] deliveries) {
            SimEnvironment env = new SimEnvironment(network, peers.get(index), random);
            env.attach((from, datagram) -> {
                deliveries[0]++;
                trace.update(ByteBuffer.allocate(12).putLong(env.now()).putInt(index).array());
                trace.update(from.getAddress().getAddress());
                trace.update(datagram);
                if (datagram[0] == 'P') {
                    byte[] pong = datagram.clone();
                    pong[0] = 'p';
                    env.send(from, pong);
                }
            });
            tick(env, peers);
            return env;
        }

        private static void tick(SimEnvironment env, List<InetSocketAddress> peers) {
            env.schedule(500 + env.random().nextLong(1000), () -> {
                InetSocketAddress peer = peers.get(env.random().nextInt(peers.size()));
                env.send(peer, ByteBuffer.allocate(9).put((byte) 'P').putLong(env.random().nextLong()).array());
                tick(env, peers);
            });
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
