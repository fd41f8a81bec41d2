package io.kadring.overlay.node;

import io.kadring.crypto.Identity;
import io.kadring.overlay.env.Cancellable;
import io.kadring.overlay.env.DatagramHandler;
import io.kadring.overlay.env.Environment;
import io.kadring.overlay.metrics.NodeMetrics;
import io.kadring.overlay.wire.MalformedMessageException;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.routing.time.EventQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.random.RandomGenerator;

/**
 * A deterministic network in virtual time for node tests, on the shared {@link EventQueue}:
 * events due at the same moment run in the order they were scheduled; datagrams are delivered after a fixed latency to whatever handler is attached
 * at the destination (none: lost), unless a drop filter says otherwise. One master seed;
 * every environment gets its own generator split from it. Single-threaded: the test thread
 * is every node's thread.
 */
final class TestNetwork {
    /** A node on this network with what a test needs to look at it. */
    record Member(Node node, InetSocketAddress address, SimpleMeterRegistry registry) {
        double dropped(String reason) {
            return TestNetwork.dropped(registry, reason);
        }
    }

    private final EventQueue queue = new EventQueue();
    private final Map<InetSocketAddress, DatagramHandler> hosts = new HashMap<>();
    private final SplittableRandom seeds;
    private final long latency;
    private BiPredicate<InetSocketAddress, InetSocketAddress> drop = (from, to) -> false;
    private Tap tap = (from, to, datagram) -> { };
    private long delivered;
    private long lost;

    TestNetwork(long seed, long latencyMillis) {
        this.seeds = new SplittableRandom(seed);
        this.latency = latencyMillis;
    }

    // ---- hosts ---------------------------------------------------------------

    /** An environment for a host at {@code self}: datagrams it sends come from that address. */
    Environment environment(InetSocketAddress self) {
        RandomGenerator random = seeds.split();
        return new Environment() {
            @Override
            public long now() {
                return queue.now();
            }

            @Override
            public Cancellable schedule(long delayMillis, Runnable task) {
                return TestNetwork.this.schedule(delayMillis, task);
            }

            @Override
            public void send(InetSocketAddress to, byte[] datagram) {
                TestNetwork.this.send(self, to, datagram);
            }

            @Override
            public RandomGenerator random() {
                return random;
            }
        };
    }

    /** Datagrams sent to {@code address} go to {@code handler} from now on. */
    void attach(InetSocketAddress address, DatagramHandler handler) {
        hosts.put(address, handler);
    }

    /** Datagrams from {@code from} to {@code to} for which {@code filter} holds are lost. Replaces any earlier filter. */
    void dropWhen(BiPredicate<InetSocketAddress, InetSocketAddress> filter) {
        this.drop = filter;
    }

    /** Sees every datagram sent on this network, as it is sent (lost ones too). */
    interface Tap {
        void sent(InetSocketAddress from, InetSocketAddress to, byte[] datagram);
    }

    /** Installs {@code tap}, replacing any earlier one. */
    void tap(Tap tap) {
        this.tap = tap;
    }

    /** Sends a datagram as if from {@code from} (any address: spoofing is allowed here). */
    void send(InetSocketAddress from, InetSocketAddress to, byte[] datagram) {
        tap.sent(from, to, datagram);
        if (drop.test(from, to)) {
            lost++;
            return;
        }
        byte[] copy = datagram.clone();
        schedule(latency, () -> {
            DatagramHandler h = hosts.get(to);
            if (h == null) {
                lost++;
                return;
            }
            delivered++;
            h.onDatagram(from, copy);
        });
    }

    /** A seeded identity from the master seed (Identity.generate() would use SecureRandom). */
    Identity identity() {
        byte[] seed = new byte[Identity.SEED_BYTES];
        seeds.nextBytes(seed);
        return Identity.fromSeed(seed);
    }

    /** A node advertising and attached at {@code address}, metrics in a registry of its own. Not started. */
    Member node(NodeConfig config, InetSocketAddress address) {
        return node(config, address, address);
    }

    /** A node attached at {@code address} that advertises {@code advertised} (e.g. a wildcard). */
    Member node(NodeConfig config, InetSocketAddress address, InetSocketAddress advertised) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Node node = new Node(environment(address), config, identity(), advertised, NodeMetrics.of(registry));
        attach(address, node);
        return new Member(node, address, registry);
    }

    /** 10.0.{i / 250}.{i % 250 + 1}:4000, a private address (exempt from the per-prefix bucket limit). */
    /** The message {@code datagram} carries; null when it is malformed (what a tap or a fake peer ignores). */
    static Message decoded(byte[] datagram) {
        try {
            return MessageCodec.decode(datagram);
        } catch (MalformedMessageException e) {
            return null;
        }
    }

    static InetSocketAddress address(int i) {
        return address("10.0." + (i / 250) + "." + (i % 250 + 1), 4000);
    }

    static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    // ---- time ----------------------------------------------------------------

    long now() {
        return queue.now();
    }

    long delivered() {
        return delivered;
    }

    long lost() {
        return lost;
    }

    /** Runs {@code task} after {@code delayMillis} (≥ 0, else IllegalArgumentException). */
    Cancellable schedule(long delayMillis, Runnable task) {
        return queue.schedule(delayMillis, task)::cancel;
    }

    /** Runs every event due within the next {@code millis}, then sets the clock to that moment. */
    void runFor(long millis) {
        queue.runFor(millis);
    }

    /**
     * Runs events until {@code future} is done, for at most {@code limitMillis} of virtual time;
     * fails naming {@code what} if it is still not done then. Returns the future (done).
     */
    <T> CompletableFuture<T> runUntilDone(CompletableFuture<T> future, long limitMillis, String what) {
        if (!queue.runUntil(future::isDone, queue.now() + limitMillis)) {
            throw new AssertionError("virtual time " + limitMillis + " ms passed without " + what
                    + (queue.nextEventTime() == Long.MAX_VALUE ? " (no events left)" : ""));
        }
        return future;
    }

    /** {@link #runUntilDone} and the future's value (its exception, if it failed, as thrown by join). */
    <T> T await(CompletableFuture<T> future, long limitMillis, String what) {
        return runUntilDone(future, limitMillis, what).join();
    }

    // ---- metrics -------------------------------------------------------------

    /** The {@code kadring.datagrams.dropped} count for {@code reason} (0 when never counted). */
    static double dropped(SimpleMeterRegistry registry, String reason) {
        Counter c = registry.find("kadring.datagrams.dropped").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    /** The {@code kadring.datagrams.dropped} count over every reason. */
    static double droppedTotal(SimpleMeterRegistry registry) {
        return registry.find("kadring.datagrams.dropped").counters().stream().mapToDouble(Counter::count).sum();
    }

    /** The {@code kadring.rpc.timeouts} count for message {@code type} (e.g. "ping"). */
    static double timeouts(SimpleMeterRegistry registry, String type) {
        Counter c = registry.find("kadring.rpc.timeouts").tag("type", type).counter();
        return c == null ? 0 : c.count();
    }

    /** Datagrams that reached a scripted host, with the virtual time they arrived. */
    record Arrival(long time, InetSocketAddress from, byte[] bytes) {}

    /** Attaches a host at {@code address} that only records what it receives. */
    List<Arrival> recorder(InetSocketAddress address) {
        List<Arrival> inbox = new ArrayList<>();
        attach(address, (from, bytes) -> inbox.add(new Arrival(queue.now(), from, bytes)));
        return inbox;
    }
}
