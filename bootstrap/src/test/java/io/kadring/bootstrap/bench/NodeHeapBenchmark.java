package io.kadring.bootstrap.bench;

import io.kadring.overlay.KadringNode;
import io.kadring.routing.Id;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * What a real node costs in heap: {@code nodes} (default 200) {@link KadringNode}s with the
 * default configuration on UDP loopback in one JVM, on one shared Vert.x, join through a first
 * node; each then looks up a few random keys and the network runs on for {@code settle} seconds
 * (default 60: stabilize rounds, liveness checks). The live heap after a full GC, less the heap
 * with the first node alone up, divided by the nodes added, is printed after the joins and again
 * at the end. Unlike the simulator's nodes these share no flyweights: each holds its own copies
 * of the ids, addresses and records it decoded, and its own socket and Vert.x context objects.
 * With {@code -Dkadring.histogram=PREFIX} the class histogram of the live heap is written to
 * {@code PREFIX-before.txt}, {@code PREFIX-joined.txt} and {@code PREFIX-end.txt} at those three
 * points (as {@code jcmd <pid> GC.class_histogram} would print it), to see what the bytes are;
 * {@code -Dkadring.heapdump=PREFIX} dumps the live heap there ({@code PREFIX-stage.hprof}).
 *
 * <p>Not a timed benchmark (no JMH): a main class. Run, from the root of the checkout:
 * <pre>
 * mvn -o -q -B -pl bootstrap -am test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=bootstrap/target/bench.classpath
 * java -cp "bootstrap/target/test-classes:bootstrap/target/classes:$(cat bootstrap/target/bench.classpath)" \
 *     io.kadring.bootstrap.bench.NodeHeapBenchmark [nodes] [settle seconds]
 * </pre>
 */
public final class NodeHeapBenchmark {
    private static final int BATCH = 10;
    private static final int LOOKUPS_PER_NODE = 5;

    private NodeHeapBenchmark() {}

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? positive(args[0], "nodes") : 200;
        int settleSeconds = args.length > 1 ? positive(args[1], "settle seconds") : 60;
        Vertx vertx = Vertx.vertx();
        List<KadringNode> live = new ArrayList<>();
        try {
            KadringNode first = node(vertx, List.of());
            first.start().get(10, TimeUnit.SECONDS);
            live.add(first);
            first.findClosest(Id.random(new SplittableRandom(1))).get(10, TimeUnit.SECONDS); // load the classes
            long before = usedHeap();
            histogram("before");

            List<InetSocketAddress> bootstrap = List.of(first.localAddress());
            for (int batch = 0; batch < nodes; batch += BATCH) {
                List<CompletableFuture<?>> joins = new ArrayList<>();
                for (int i = batch; i < Math.min(nodes, batch + BATCH); i++) {
                    KadringNode n = node(vertx, bootstrap);
                    live.add(n);
                    joins.add(n.start());
                }
                CompletableFuture.allOf(joins.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
            }
            long joined = usedHeap();
            report("after the joins", nodes, joined - before);
            histogram("joined");

            SplittableRandom random = new SplittableRandom(20261203);
            List<CompletableFuture<?>> lookups = new ArrayList<>();
            for (KadringNode n : live) {
                for (int i = 0; i < LOOKUPS_PER_NODE; i++) lookups.add(n.findClosest(Id.random(random)));
            }
            CompletableFuture.allOf(lookups.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
            lookups.clear(); // their outcomes are ours, not the nodes': not to be counted
            Thread.sleep(settleSeconds * 1000L);
            report("after " + LOOKUPS_PER_NODE + " lookups each and " + settleSeconds + " s", nodes,
                    usedHeap() - before);
            histogram("end");
        } finally {
            for (KadringNode n : live) n.closeAsync().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static KadringNode node(Vertx vertx, List<InetSocketAddress> bootstrap) {
        return KadringNode.builder().vertx(vertx).host("127.0.0.1").port(0).bootstrap(bootstrap).build();
    }

    private static void report(String when, int nodes, long bytes) {
        System.out.printf(Locale.ROOT, "%d real nodes, %s: %d heap bytes per node (%.1f KB)%n",
                nodes, when, bytes / nodes, bytes / nodes / 1024.0);
    }

    /** Live heap after full collections (System.gc() is one with the default collectors). */
    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The class histogram to {@code PREFIX-stage.txt}, when {@code kadring.histogram} names a prefix. */
    private static void histogram(String stage) throws Exception {
        String dump = System.getProperty("kadring.heapdump");
        if (dump != null) {
            ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpHeap(dump + "-" + stage + ".hprof", true);
        }
        String prefix = System.getProperty("kadring.histogram");
        if (prefix == null) return;
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Files.writeString(Path.of(prefix + "-" + stage + ".txt"), String.valueOf(text));
    }

    private static int positive(String arg, String what) {
        try {
            int n = Integer.parseInt(arg);
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " must be a positive integer, got " + arg);
    }
}
