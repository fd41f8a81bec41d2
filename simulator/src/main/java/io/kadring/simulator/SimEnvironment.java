package io.kadring.simulator;

import io.kadring.overlay.env.Cancellable;
import io.kadring.overlay.env.DatagramHandler;
import io.kadring.overlay.env.Environment;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The environment of one node incarnation in the simulator: the loop's clock and scheduler,
 * the simulated network from this node's address, and the node's own seeded generator.
 *
 * <p>Life cycle: construct, build the node on it, {@link #attach} the node's handler; later
 * {@link #crash()}. After a crash the incarnation is gone for good: its pending timers never
 * run, new ones are not queued, its sends are dropped and nothing reaches it. A restart is a
 * new {@code SimEnvironment} (and a new node) at the same address.
 */
public final class SimEnvironment implements Environment {
    private static final Cancellable NOTHING = () -> { };

    private final SimNetwork network;
    private final EventLoop loop;
    private final InetSocketAddress address;
    private final RandomGenerator random;
    private final Lifespan lifespan = new Lifespan();
    private final long createdAt;
    /** Where this node sends from once attached; null before. */
    private SimNetwork.Host host;
    /** The host's datagrams sent and received when this incarnation attached (a restart reuses the host). */
    private long datagramsBefore;

    public SimEnvironment(SimNetwork network, InetSocketAddress address, RandomGenerator random) {
        this.network = Objects.requireNonNull(network, "network");
        this.loop = network.loop();
        this.address = Objects.requireNonNull(address, "address");
        this.random = Objects.requireNonNull(random, "random");
        this.createdAt = loop.now();
    }

    /** When this incarnation was made (virtual ms). */
    public long createdAt() {
        return createdAt;
    }

    /** Datagrams this incarnation sent and was handed, for the load per node. */
    public long datagrams() {
        return host == null ? 0 : host.sent + host.received - datagramsBefore;
    }

    /** This node's address on the simulated network. */
    public InetSocketAddress address() {
        return address;
    }

    /**
     * Starts delivering datagrams addressed to this node to {@code handler}.
     *
     * @throws IllegalStateException if this incarnation crashed, or the address is taken
     */
    public void attach(DatagramHandler handler) {
        if (!isAlive()) {
            throw new IllegalStateException("a crashed node cannot be attached again; make a new environment");
        }
        host = network.attachHost(address, handler);
        datagramsBefore = host.sent + host.received;
    }

    /** False once {@link #crash()} has been called. */
    public boolean isAlive() {
        return !lifespan.hasEnded();
    }

    /** Crashes this incarnation: detaches it and silences its timers. Idempotent. */
    public void crash() {
        if (isAlive()) {
            lifespan.end();
            if (host != null) {
                network.detach(address);
            }
        }
    }

    @Override
    public long now() {
        return loop.now();
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        if (!isAlive()) {
            return NOTHING;
        }
        return loop.schedule(delayMillis, lifespan, task);
    }

    @Override
    public void send(InetSocketAddress to, byte[] datagram) {
        if (isAlive()) {
            // the node hands its array over
            if (host != null) {
                network.sendOwned(host, to, datagram);
            } else {
                network.sendOwned(address, to, datagram);
            }
        } else {
            network.drop(DropCause.SENDER_DOWN);
        }
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public String toString() {
        return "SimEnvironment[" + address + (isAlive() ? "" : ", crashed") + "]";
    }
}
