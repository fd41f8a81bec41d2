package io.kadring.simulator;

import io.kadring.overlay.env.DatagramHandler;
import io.kadring.routing.time.EventQueue;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A simulated datagram network on an {@link EventLoop}. A datagram is checked when it is sent
 * (partition, then loss, each counted by {@link DropCause}), delayed by the
 * {@link LatencyModel}, and handed to whatever handler is attached at the destination when it
 * arrives. The bytes are copied on send, as a socket would. All randomness (loss, per-datagram
 * latency, host placement) comes from the one generator given here, in event order.
 */
public final class SimNetwork {
    /** Port of every address {@link #newAddress()} hands out. */
    public static final int PORT = 7400;

    private final EventLoop loop;
    private final LatencyModel latency;
    private final RandomGenerator random;
    private final Map<InetSocketAddress, Host> hosts = new HashMap<>();
    private final List<Partition> partitions = new ArrayList<>();
    private final long[] drops = new long[DropCause.values().length];
    private double lossRate;
    private final PublicAddresses addresses = new PublicAddresses();
    private long sent;
    private long sentBytes;
    private long delivered;
    private long deliveredBytes;

    public SimNetwork(EventLoop loop, LatencyModel latency, RandomGenerator random) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.latency = Objects.requireNonNull(latency, "latency");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The loop this network schedules deliveries on. */
    public EventLoop loop() {
        return loop;
    }

    /**
     * A fresh address in a public-looking /24 of its own (host .1), always port {@link #PORT}:
     * no other address this network hands out shares its /24, so the routing table's
     * per-prefix diversity limit applies as on the internet. See {@link #newSubnet()} for
     * several hosts in one /24.
     */
    public InetSocketAddress newAddress() {
        return PublicAddresses.address(addresses.nextSubnet(), 1, PORT);
    }

    /** A fresh public-looking /24 of its own, whose hosts {@link Subnet#address} gives. */
    public Subnet newSubnet() {
        return new Subnet(addresses.nextSubnet());
    }

    /** One /24 this network handed out: its hosts .1 to .254, port {@link #PORT}. */
    public static final class Subnet {
        private final int prefix;

        private Subnet(int prefix) {
            this.prefix = prefix;
        }

        /** Host {@code host} (1..254) of this /24. */
        public InetSocketAddress address(int host) {
            return PublicAddresses.address(prefix, host, PORT);
        }
    }

    /** Starts delivering datagrams for {@code address} to {@code handler}. */
    public void attach(InetSocketAddress address, DatagramHandler handler) {
        attachHost(address, handler);
    }

    /** As {@link #attach}; returns the host, which its environment sends from without a look-up. */
    Host attachHost(InetSocketAddress address, DatagramHandler handler) {
        Objects.requireNonNull(handler, "handler");
        Host host = host(address);
        if (host.handler != null) {
            throw new IllegalStateException(address + " is already attached");
        }
        host.handler = handler;
        return host;
    }

    /** Crashes the host at {@code address}: datagrams arriving from now on are dropped. */
    public void detach(InetSocketAddress address) {
        Host host = hosts.get(address);
        if (host != null) {
            host.handler = null;
        }
    }

    /** Whether a handler is attached at {@code address}. */
    public boolean isAttached(InetSocketAddress address) {
        Host host = hosts.get(address);
        return host != null && host.handler != null;
    }

    /**
     * Sends one datagram. The source is not checked, so it may be spoofed; a host is created
     * for an address the first time it is seen.
     */
    public void send(InetSocketAddress from, InetSocketAddress to, byte[] datagram) {
        sendOwned(from, to, datagram.clone());
    }

    /**
     * As {@link #send}, for a sender that hands {@code datagram} over and never changes it
     * again (a node's environment: {@link io.kadring.overlay.env.Environment#send}), so it
     * travels without a copy.
     */
    void sendOwned(InetSocketAddress from, InetSocketAddress to, byte[] datagram) {
        sendOwned(host(from), to, datagram);
    }

    /** As {@link #sendOwned(InetSocketAddress, InetSocketAddress, byte[])}, from a host already in hand. */
    void sendOwned(Host sender, InetSocketAddress to, byte[] datagram) {
        InetSocketAddress from = sender.address;
        int length = datagram.length;
        sender.sent++;
        sender.sentBytes += length;
        sent++;
        sentBytes += length;

        Host receiver = hosts.get(to);
        if (receiver == null) {
            drop(DropCause.UNKNOWN_DESTINATION);
        } else if (isCut(from, to)) {
            drop(DropCause.PARTITION);
        } else if (lossRate > 0 && random.nextDouble() < lossRate) {
            drop(DropCause.LOSS);
        } else {
            long delay = latency.delayMillis(sender.index, receiver.index, random);
            loop.enqueue(delay, new Delivery(sender.address, receiver, datagram));
        }
    }

    /** Each datagram is lost independently with probability {@code p}; 0 by default. */
    public void setLossRate(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("loss rate must be within [0, 1], got " + p);
        }
        lossRate = p;
    }

    /**
     * Cuts {@code side} off from every other address during [{@code fromMillis},
     * {@code untilMillis}): a datagram sent inside that window from one side to the other is
     * dropped. Datagrams already in flight when the window opens are still delivered.
     */
    public void partition(Set<InetSocketAddress> side, long fromMillis, long untilMillis) {
        if (untilMillis < fromMillis) {
            throw new IllegalArgumentException(
                    "partition ends at " + untilMillis + " ms, before it starts at " + fromMillis + " ms");
        }
        partitions.add(new Partition(Set.copyOf(side), fromMillis, untilMillis));
    }

    /** Totals over all hosts; received means delivered. */
    public Traffic traffic() {
        return new Traffic(sent, sentBytes, delivered, deliveredBytes);
    }

    /** What the host at {@code address} sent and received, over all its incarnations. */
    public Traffic traffic(InetSocketAddress address) {
        Host host = hosts.get(address);
        return host == null
                ? new Traffic(0, 0, 0, 0)
                : new Traffic(host.sent, host.sentBytes, host.received, host.receivedBytes);
    }

    /** Datagrams dropped for {@code cause} so far. */
    public long dropped(DropCause cause) {
        return drops[cause.ordinal()];
    }

    /** Counts a datagram that a crashed incarnation tried to send (see {@link SimEnvironment}). */
    void drop(DropCause cause) {
        drops[cause.ordinal()]++;
    }

    private Host host(InetSocketAddress address) {
        Host host = hosts.get(Objects.requireNonNull(address, "address"));
        if (host == null) {
            host = new Host(address, hosts.size());
            hosts.put(address, host);
            latency.place(host.index, random);
        }
        return host;
    }

    private boolean isCut(InetSocketAddress from, InetSocketAddress to) {
        if (partitions.isEmpty()) {
            return false;
        }
        long now = loop.now();
        partitions.removeIf(p -> now >= p.untilMillis);
        for (Partition p : partitions) {
            if (now >= p.fromMillis && p.side.contains(from) != p.side.contains(to)) {
                return true;
            }
        }
        return false;
    }

    private void deliver(Delivery delivery) {
        Host to = delivery.to;
        DatagramHandler handler = to.handler;
        if (handler == null) {
            drop(DropCause.DESTINATION_DOWN);
            return;
        }
        int length = delivery.datagram.length;
        to.received++;
        to.receivedBytes += length;
        delivered++;
        deliveredBytes += length;
        handler.onDatagram(delivery.from, delivery.datagram);
    }

    /** One address's state: its current handler (null while down) and its counters. */
    static final class Host {
        final InetSocketAddress address;
        final int index;
        DatagramHandler handler;
        long sent;
        long sentBytes;
        long received;
        long receivedBytes;

        Host(InetSocketAddress address, int index) {
            this.address = address;
            this.index = index;
        }
    }

    private record Partition(Set<InetSocketAddress> side, long fromMillis, long untilMillis) {
    }

    /** A datagram in flight: one object per datagram, queued directly on the loop. */
    private final class Delivery extends EventQueue.Event {
        final InetSocketAddress from;
        final Host to;
        final byte[] datagram;

        Delivery(InetSocketAddress from, Host to, byte[] datagram) {
            this.from = from;
            this.to = to;
            this.datagram = datagram;
        }

        @Override
        protected void fire() {
            deliver(this);
        }
    }
}
