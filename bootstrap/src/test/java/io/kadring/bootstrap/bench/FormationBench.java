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
 * socket on 127.0.0.1 asking for the peer's receive buffer, and the default {@link NodeConfig}, joined one after another through
 * node 0. Prints the wall time of the whole formation, the datagrams each joining node sent and
 * received until its join completed (mean, p50, max), the kernel's receive drops of all the
 * sockets, the RPC timeouts of all the nodes, and the live heap per node (used heap after a
 * full GC, minus the same before the first node). {@code --json} prints one JSON line too.
 *
 * <p>Run: {@code bootstrap/benchmark.sh formation [--nodes N] [--json]}.
 */
public final class FormationBench {
    private static final long JOIN_LIMIT_SECONDS = 30;

    private FormationBench() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(BenchArgs.value(args, "--nodes", "100"));
        if (n < 2) throw new IllegalArgumentException("--nodes must be at least 2, got " + n);
        long heapBefore = liveHeap();
        Vertx vertx = Vertx.vertx();
        List<KadringNode> nodes = new ArrayList<>();
        List<MeterRegistry> registries = new ArrayList<>();
        long[] datagrams = new long[n - 1];
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
            long heapPerNode = (liveHeap() - heapBefore) / n;
            long[] sorted = datagrams.clone();
            Arrays.sort(sorted);
            double mean = Arrays.stream(sorted).average().orElse(0);
            long p50 = sorted[sorted.length / 2];
            long max = sorted[sorted.length - 1];
            String dropsText = dropsKnown ? Long.toString(drops) : "unknown";
            System.out.printf(Locale.ROOT, "formation of %d nodes on loopback (receive buffer %d bytes granted)%n", n,
                    nodes.get(0).receiveBufferBytes());
            System.out.printf(Locale.ROOT, "  wall time              %.2f s (%.1f ms per join)%n", seconds,
                    seconds * 1000 / (n - 1));
            System.out.printf(Locale.ROOT, "  datagrams per join     mean %.1f, p50 %d, max %d (sent + received by the joiner)%n",
                    mean, p50, max);
            System.out.printf(Locale.ROOT, "  kernel receive drops   %s%n", dropsText);
            System.out.printf(Locale.ROOT, "  rpc timeouts           %d (all nodes; by type %s)%n", timeouts, timeoutsByType);
            System.out.printf(Locale.ROOT, "  contacts per node      %.1f%n", contacts / n);
            System.out.printf(Locale.ROOT, "  live heap per node     %.1f KiB (after full GC; Vert.x shared)%n",
                    heapPerNode / 1024.0);
            if (BenchArgs.flag(args, "--json")) {
                System.out.printf(Locale.ROOT, "{\"nodes\":%d,\"wallSeconds\":%.3f,\"datagramsPerJoin\":{\"mean\":%.1f,"
                        + "\"p50\":%d,\"max\":%d},\"kernelReceiveDrops\":%s,\"rpcTimeouts\":%d,\"contactsPerNode\":%.1f,"
                        + "\"liveHeapBytesPerNode\":%d}%n", n, seconds, mean, p50, max, dropsKnown ? dropsText : "null",
                        timeouts, contacts / n, heapPerNode);
            }
        } finally {
            for (KadringNode node : nodes) node.closeAsync().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** The sum of every counter named {@code name}, whatever its tags. */
    private static long sum(MeterRegistry registry, String name) {
        return (long) registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
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
