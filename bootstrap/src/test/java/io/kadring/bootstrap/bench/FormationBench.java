package io.kadring.bootstrap.bench;

import io.kadring.bootstrap.peer.PeerSettings;
import io.kadring.overlay.KadringNode;
import io.kadring.overlay.node.NodeConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Network formation on loopback: {@code --nodes N} (default 100) real nodes in this JVM, each
 * a {@link KadringNode} on one shared Vert.x (as the peer process runs it) with a real UDP
 * socket on 127.0.0.1 asking for the peer's receive buffer, its own meter registry, and the
 * default {@link NodeConfig}, joined one after another through node 0. Prints the wall time of
 * the whole formation (from node 0's build to the last join) and the process's CPU time in it (what
 * to compare on a busy machine), the datagrams each joining node
 * sent and received until its join completed (mean, p50, max), the kernel's receive drops of
 * all the sockets, the RPC timeouts of all the nodes, and the live heap per node: what a full
 * GC finds freed once nodes 1..N-1 are closed and their registries let go, divided by N-1 (the
 * shared Vert.x, Netty's buffer pools and the JVM's own caches stay, as they would for one node).
 *
 * <p>{@code --rounds R} (default 2) forms the network R times in this JVM, each time with new
 * nodes, ports and keys, closing the previous one first: round 1 pays the JVM's warm-up (class
 * loading, the interpreter, JIT compilation), later rounds show a warm JVM. {@code --json} prints
 * one JSON line per round too.
 *
 * <p>Run: {@code bootstrap/benchmark.sh formation [--nodes N] [--rounds R] [--json]}.
 */
public final class FormationBench {
    private static final long JOIN_LIMIT_SECONDS = 30;

    private FormationBench() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(BenchArgs.value(args, "--nodes", "100"));
        if (n < 2) throw new IllegalArgumentException("--nodes must be at least 2, got " + n);
        int rounds = Integer.parseInt(BenchArgs.value(args, "--rounds", "2"));
        if (rounds < 1) throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        Vertx vertx = Vertx.vertx();
        try {
            for (int round = 1; round <= rounds; round++) form(vertx, n, round, BenchArgs.flag(args, "--json"));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** One formation of {@code n} new nodes on {@code vertx}, reported and closed. */
    private static void form(Vertx vertx, int n, int round, boolean json) throws Exception {
        List<KadringNode> nodes = new ArrayList<>();
        List<MeterRegistry> registries = new ArrayList<>();
        long[] datagrams = new long[n - 1];
        long cpuStarted = processCpuNanos();
        long started = System.nanoTime();
        try {
            InetSocketAddress first = null;
            for (int i = 0; i < n; i++) {
                MeterRegistry registry = new SimpleMeterRegistry();
                KadringNode.Builder builder = KadringNode.builder().host("127.0.0.1").port(0)
                        .config(NodeConfig.defaults()).meterRegistry(registry).vertx(vertx)
                        .receiveBufferBytes(PeerSettings.RECEIVE_BUFFER_BYTES);
                KadringNode node = (first == null ? builder : builder.bootstrap(List.of(first))).build();
                nodes.add(node);
                registries.add(registry);
                node.start().get(JOIN_LIMIT_SECONDS, TimeUnit.SECONDS);
                if (first == null) {
                    first = node.localAddress();
                } else {
                    datagrams[i - 1] = sum(registry, "kadring.rpc.sent") + sum(registry, "kadring.rpc.received")
                            + sum(registry, "kadring.datagrams.dropped");
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;
            long timeouts = 0;
            java.util.Map<String, Long> timeoutsByType = new java.util.TreeMap<>();
            for (MeterRegistry r : registries) {
                timeouts += sum(r, "kadring.rpc.timeouts");
                for (Counter c : r.find("kadring.rpc.timeouts").counters()) {
                    timeoutsByType.merge(c.getId().getTag("type"), (long) c.count(), Long::sum);
                }
            }
            long drops = 0;
            boolean dropsKnown = true;
            for (KadringNode node : nodes) {
                OptionalLong d = node.kernelReceiveDrops();
                dropsKnown &= d.isPresent();
                drops += d.orElse(0);
            }
            double contacts = 0;
            for (KadringNode node : nodes) contacts += node.contacts().get(5, TimeUnit.SECONDS).size();
            int meters = registries.get(n - 1).getMeters().size();
            long heapAll = liveHeap();
            for (int i = n - 1; i >= 1; i--) {
                nodes.remove(i).closeAsync().get(10, TimeUnit.SECONDS);
                registries.remove(i);
            }
            long heapPerNode = (heapAll - liveHeap()) / (n - 1);
            long[] sorted = datagrams.clone();
            Arrays.sort(sorted);
            double mean = Arrays.stream(sorted).average().orElse(0);
            long p50 = sorted[sorted.length / 2];
            long max = sorted[sorted.length - 1];
            String dropsText = dropsKnown ? Long.toString(drops) : "unknown";
            System.out.printf(Locale.ROOT, "round %d (%s): formation of %d nodes on loopback (receive buffer %d bytes granted)%n",
                    round, round == 1 ? "cold JVM" : "warm JVM, new nodes", n, nodes.get(0).receiveBufferBytes());
            System.out.printf(Locale.ROOT, "  wall time              %.2f s (%.1f ms per join)%n", seconds,
                    seconds * 1000 / (n - 1));
            System.out.printf(Locale.ROOT, "  cpu time               %.2f s (the process's: JIT and GC threads included)%n", cpuSeconds);
            System.out.printf(Locale.ROOT, "  datagrams per join     mean %.1f, p50 %d, max %d (sent + received by the joiner)%n",
                    mean, p50, max);
            System.out.printf(Locale.ROOT, "  kernel receive drops   %s%n", dropsText);
            System.out.printf(Locale.ROOT, "  rpc timeouts           %d (all nodes; by type %s)%n", timeouts, timeoutsByType);
            System.out.printf(Locale.ROOT, "  contacts per node      %.1f%n", contacts / n);
            System.out.printf(Locale.ROOT, "  live heap per node     %.1f KiB (freed by closing nodes 1..N-1; their %d meters each included)%n",
                    heapPerNode / 1024.0, meters);
            if (json) {
                System.out.printf(Locale.ROOT, "{\"round\":%d,\"nodes\":%d,\"wallSeconds\":%.3f,\"cpuSeconds\":%.3f,\"datagramsPerJoin\":{\"mean\":%.1f,"
                        + "\"p50\":%d,\"max\":%d},\"kernelReceiveDrops\":%s,\"rpcTimeouts\":%d,\"contactsPerNode\":%.1f,"
                        + "\"liveHeapBytesPerNode\":%d}%n", round, n, seconds, cpuSeconds, mean, p50, max, dropsKnown ? dropsText : "null",
                        timeouts, contacts / n, heapPerNode);
            }
        } finally {
            for (KadringNode node : nodes) node.closeAsync().get(10, TimeUnit.SECONDS);
        }
    }

    /** The sum of every counter named {@code name}, whatever its tags. */
    private static long sum(MeterRegistry registry, String name) {
        return (long) registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** CPU time of this process so far, all threads. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Used heap after full collections (a few, until it stops shrinking). */
    static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) break;
            used = now;
        }
        return used;
    }
}
