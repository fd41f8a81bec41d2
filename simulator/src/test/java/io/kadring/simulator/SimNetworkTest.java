package io.kadring.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

final class SimNetworkTest {
    private final EventLoop loop = new EventLoop();
    private final Seeds seeds = new Seeds(1);

    /** A datagram as the receiver saw it. */
    private record Arrival(long time, InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
    }

    private final List<Arrival> arrivals = new ArrayList<>();
    private SimNetwork network;
    private InetSocketAddress a;
    private InetSocketAddress b;

    private SimNetwork network(LatencyModel latency) {
        return new SimNetwork(loop, latency, seeds.random("network"));
    }

    /** The network under test, with hosts {@code a} and {@code b} attached. */
    private void twoHosts(LatencyModel latency) {
        network = network(latency);
        a = attached();
        b = attached();
    }

    private InetSocketAddress attached() {
        InetSocketAddress address = network.newAddress();
        network.attach(address, (from, bytes) -> arrivals.add(new Arrival(loop.now(), from, address, bytes)));
        return address;
    }

    @Test
    void newAddress_handsOutPublicAddresses_eachInAPrefixOfItsOwn() {
        network = network(LatencyModel.constant(1));
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 70_000; i++) {
            InetSocketAddress address = network.newAddress();
            java.net.InetAddress ip = address.getAddress();
            assertFalse(ip.isSiteLocalAddress() || ip.isLoopbackAddress() || ip.isMulticastAddress()
                    || ip.isLinkLocalAddress() || ip.isAnyLocalAddress(), address::toString);
            assertEquals(SimNetwork.PORT, address.getPort());
            byte[] b = ip.getAddress();
            assertTrue(prefixes.add((b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF)), address::toString);
        }
    }

    @Test
    void newSubnet_putsSeveralHostsInOnePrefix_apartFromEveryOtherAddress() {
        network = network(LatencyModel.constant(1));
        InetSocketAddress own = network.newAddress();
        SimNetwork.Subnet subnet = network.newSubnet();
        InetSocketAddress first = subnet.address(1);
        InetSocketAddress second = subnet.address(2);

        assertNotEquals(first, second);
        assertArrayEquals(java.util.Arrays.copyOf(first.getAddress().getAddress(), 3),
                java.util.Arrays.copyOf(second.getAddress().getAddress(), 3));
        assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOf(own.getAddress().getAddress(), 3),
                java.util.Arrays.copyOf(first.getAddress().getAddress(), 3)));
    }

    @Test
    void constantLatency_delaysEveryDatagramByExactlyThatMuch_andDeliversFromTheSender() {
        twoHosts(LatencyModel.constant(40));

        loop.runUntil(15);
        network.send(a, b, new byte[] {1, 2, 3});
        loop.runUntil(1000);

        assertEquals(1, arrivals.size());
        Arrival arrival = arrivals.get(0);
        assertEquals(55, arrival.time());
        assertEquals(a, arrival.from());
        assertEquals(b, arrival.to());
        assertArrayEquals(new byte[] {1, 2, 3}, arrival.bytes());
    }

    @Test
    void send_copiesTheBytes_soTheSenderMayReuseItsBuffer() {
        twoHosts(LatencyModel.constant(5));
        byte[] buffer = {7};

        network.send(a, b, buffer);
        buffer[0] = 8;
        loop.runUntil(10);

        assertArrayEquals(new byte[] {7}, arrivals.get(0).bytes());
    }

    @Test
    void sendOwned_handsTheSendersArrayOn_withoutACopy() {
        twoHosts(LatencyModel.constant(5));
        byte[] datagram = {7};

        network.sendOwned(a, b, datagram);
        loop.runUntil(10);

        assertSame(datagram, arrivals.get(0).bytes());
    }

    @Test
    void uniformLatency_staysWithinItsBounds_andReachesBothEnds() {
        LatencyModel model = LatencyModel.uniform(20, 30);
        RandomGenerator random = seeds.random("test");
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            long delay = model.delayMillis(0, 1, random);
            assertTrue(delay >= 20 && delay <= 30, () -> "delay " + delay);
            seen.add(delay);
        }
        assertEquals(11, seen.size());
        assertThrows(IllegalArgumentException.class, () -> LatencyModel.uniform(30, 20));
    }

    @Test
    void coordinatesLatency_isFixedAndSymmetricPerPair_boundedByTheSquare_andDiffersBetweenPairs() {
        LatencyModel model = LatencyModel.coordinates(10, 100);
        RandomGenerator random = seeds.random("test");
        int hosts = 50;
        for (int h = 0; h < hosts; h++) {
            model.place(h, random);
        }
        Set<Long> distinct = new HashSet<>();
        for (int a = 0; a < hosts; a++) {
            assertEquals(10, model.delayMillis(a, a, random));
            for (int b = a + 1; b < hosts; b++) {
                long there = model.delayMillis(a, b, random);
                assertEquals(there, model.delayMillis(b, a, random), "symmetric");
                assertEquals(there, model.delayMillis(a, b, random), "the same every time");
                assertTrue(there >= 10 && there <= 10 + Math.round(100 * Math.sqrt(2)), () -> "delay " + there);
                distinct.add(there);
            }
        }
        assertTrue(distinct.size() > 50, () -> distinct.size() + " distinct delays");
    }

    @Test
    void coordinatesLatency_placesHostsAsTheNetworkMeetsThem() {
        twoHosts(LatencyModel.coordinates(5, 200));

        network.send(a, b, new byte[1]);
        network.send(b, a, new byte[1]);
        loop.runUntil(1000);

        assertEquals(2, arrivals.size());
        assertEquals(arrivals.get(0).time(), arrivals.get(1).time());
    }

    @Test
    void lossRate_dropsAboutThatFractionOfDatagrams() {
        twoHosts(LatencyModel.constant(1));
        network.setLossRate(0.1);

        int n = 100_000;
        for (int i = 0; i < n; i++) {
            network.send(a, b, new byte[0]);
        }
        loop.runUntil(10);

        long lost = network.dropped(DropCause.LOSS);
        assertTrue(Math.abs(lost - 0.1 * n) < 0.01 * n, () -> lost + " lost of " + n);
        assertEquals(n - lost, arrivals.size());
        assertEquals(n, network.traffic().messagesSent());
        assertEquals(n - lost, network.traffic().messagesReceived());
        assertThrows(IllegalArgumentException.class, () -> network.setLossRate(1.5));
    }

    @Test
    void partition_dropsOnlyDatagramsAcrossTheCut_andOnlyInsideItsWindow() {
        twoHosts(LatencyModel.constant(1));
        InetSocketAddress c = attached();
        InetSocketAddress d = attached();
        network.partition(Set.of(a, b), 1000, 2000);

        int[] sent = {0};
        for (long t : new long[] {999, 1000, 1999, 2000}) {
            loop.scheduleAt(t, () -> {
                network.send(a, c, new byte[] {1}); // across
                network.send(d, b, new byte[] {2}); // across, the other way
                network.send(a, b, new byte[] {3}); // same side
                network.send(c, d, new byte[] {4}); // other side
                sent[0] += 4;
            });
        }
        loop.runUntil(3000);

        assertEquals(4, network.dropped(DropCause.PARTITION), "2 across at 1000 and 2 at 1999");
        assertEquals(sent[0] - 4, arrivals.size());
        for (Arrival arrival : arrivals) {
            boolean across = arrival.bytes()[0] <= 2;
            long sentAt = arrival.time() - 1;
            assertFalse(across && sentAt >= 1000 && sentAt < 2000, () -> "crossed the cut at " + sentAt);
        }
    }

    @Test
    void partition_letsThroughWhatWasInFlightWhenItStarted() {
        twoHosts(LatencyModel.constant(50));
        network.partition(Set.of(a), 10, 100);

        network.send(a, b, new byte[1]);
        loop.runUntil(200);

        assertEquals(1, arrivals.size());
    }

    @Test
    void detachedHost_receivesNothing_notEvenWhatWasAlreadyInFlight_untilItIsAttachedAgain() {
        twoHosts(LatencyModel.constant(10));

        network.send(a, b, new byte[] {1});
        loop.runUntil(5);
        network.detach(b);
        network.send(a, b, new byte[] {2});
        loop.runUntil(100);

        assertTrue(arrivals.isEmpty());
        assertEquals(2, network.dropped(DropCause.DESTINATION_DOWN));
        assertFalse(network.isAttached(b));

        List<byte[]> restarted = new ArrayList<>();
        network.attach(b, (from, bytes) -> restarted.add(bytes));
        network.send(a, b, new byte[] {3});
        loop.runUntil(200);
        assertEquals(1, restarted.size());
        assertThrows(IllegalStateException.class, () -> network.attach(b, (from, bytes) -> { }));
    }

    @Test
    void send_toAnAddressNoHostEverHad_isDroppedAndCounted() {
        network = network(LatencyModel.constant(10));
        a = attached();

        network.send(a, network.newAddress(), new byte[5]);
        loop.runUntil(100);

        assertEquals(1, network.dropped(DropCause.UNKNOWN_DESTINATION));
        assertEquals(new Traffic(1, 5, 0, 0), network.traffic(a));
    }

    @Test
    void traffic_countsMessagesAndBytesPerHostAndInTotal() {
        twoHosts(LatencyModel.constant(1));

        network.send(a, b, new byte[100]);
        network.send(a, b, new byte[20]);
        network.send(b, a, new byte[3]);
        loop.runUntil(10);

        assertEquals(new Traffic(2, 120, 1, 3), network.traffic(a));
        assertEquals(new Traffic(1, 3, 2, 120), network.traffic(b));
        assertEquals(new Traffic(3, 123, 3, 123), network.traffic());
        assertEquals(new Traffic(0, 0, 0, 0), network.traffic(network.newAddress()));
        assertNotEquals(a, b);
    }
}
