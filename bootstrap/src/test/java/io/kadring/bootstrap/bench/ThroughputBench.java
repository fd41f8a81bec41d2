package io.kadring.bootstrap.bench;

import io.kadring.overlay.KadringNode;
import io.kadring.overlay.node.NodeConfig;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.routing.Id;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Requests per second one node answers: {@code --clients C} (default 64) UDP sockets on
 * loopback each keep {@code --window W} (default 4) FIND_NODE requests in flight (from a node
 * id of their own, padded as nodes send them) to one {@link KadringNode}, for
 * {@code --seconds S} (default 5) after a warm-up of the same length; then the same load
 * against a raw Vert.x UDP echo server with Vert.x's default socket options (2048-byte reads,
 * as the node's socket reads; asking Vert.x for a receive buffer would also make it read every
 * datagram into a new buffer of that size). Both servers run alone on a Vert.x with one event loop,
 * so the CPU time of that thread per answered request is what serving costs; the clients run
 * on a Vert.x of their own. Prints both rates, both CPU figures and the node/echo ratios.
 *
 * <p>Run: {@code bootstrap/benchmark.sh throughput [--clients C] [--window W] [--seconds S]}.
 */
public final class ThroughputBench {
    private ThroughputBench() {}

    /** What one measured run gave. */
    private record Rate(double perSecond, double cpuMicrosPerRequest) {}

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(BenchArgs.value(args, "--clients", "64"));
        int window = Integer.parseInt(BenchArgs.value(args, "--window", "4"));
        double seconds = Double.parseDouble(BenchArgs.value(args, "--seconds", "5"));
        Vertx clientVertx = Vertx.vertx();
        try {
            Rate node = againstNode(clientVertx, clients, window, seconds);
            Rate echo = againstEcho(clientVertx, clients, window, seconds);
            System.out.printf(Locale.ROOT, "request throughput on loopback, %d client sockets x %d in flight, %.0f s%n",
                    clients, window, seconds);
            System.out.printf(Locale.ROOT, "  node FIND_NODE -> NODES  %,10.0f requests/s  %6.2f us CPU per request%n",
                    node.perSecond(), node.cpuMicrosPerRequest());
            System.out.printf(Locale.ROOT, "  raw Vert.x UDP echo      %,10.0f requests/s  %6.2f us CPU per request%n",
                    echo.perSecond(), echo.cpuMicrosPerRequest());
            System.out.printf(Locale.ROOT, "  node / echo              %10.2f x rate       %6.2f x CPU%n",
                    node.perSecond() / echo.perSecond(), node.cpuMicrosPerRequest() / echo.cpuMicrosPerRequest());
        } finally {
            clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Vertx oneEventLoop() {
        return Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    }

    private static Rate againstNode(Vertx clientVertx, int clients, int window, double seconds) throws Exception {
        Vertx serverVertx = oneEventLoop();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // The load clients never answer a PING, so they stay unverified: with antiAmplification the
        // node would answer them only within its shared 2000/s budget for unverified sources and drop
        // the rest, and the figure would be that budget, not what serving a FIND_NODE costs.
        NodeConfig config = NodeConfig.defaults().toBuilder()
                .defences(NodeConfig.defaults().defences().without("anti-amplification")).build();
        KadringNode node = KadringNode.builder().host("127.0.0.1").port(0).vertx(serverVertx).meterRegistry(registry)
                .receiveBufferBytes(KadringNode.RECOMMENDED_RECEIVE_BUFFER_BYTES).config(config)
                .build();
        try {
            node.start().get(10, TimeUnit.SECONDS);
            SplittableRandom random = new SplittableRandom(5);
            Supplier<byte[]> requests = () -> MessageCodec.encodePadded(new Message.FindNode(random.nextLong(),
                    Ids.random(random), Ids.random(random), Message.FindNode.XOR));
            Rate rate = measure(clientVertx, serverVertx, node.localAddress(), clients, window, seconds, requests);
            System.out.println("node: " + counts(registry, "kadring.rpc.sent", "type") + " sent, "
                    + counts(registry, "kadring.rpc.received", "type") + " received, "
                    + counts(registry, "kadring.datagrams.dropped", "reason") + " dropped");
            return rate;
        } finally {
            node.closeAsync().get(10, TimeUnit.SECONDS);
            serverVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** The counters named {@code name} by their {@code tag}. */
    private static Map<String, Long> counts(SimpleMeterRegistry registry, String name, String tag) {
        Map<String, Long> byTag = new TreeMap<>();
        for (Counter c : registry.find(name).counters()) byTag.merge(c.getId().getTag(tag), (long) c.count(), Long::sum);
        return byTag;
    }

    private static Rate againstEcho(Vertx clientVertx, int clients, int window, double seconds) throws Exception {
        Vertx serverVertx = oneEventLoop();
        try {
            DatagramSocket echo = serverVertx.createDatagramSocket(new DatagramSocketOptions());
            echo.handler(p -> echo.send(p.data(), p.sender().port(), p.sender().host()));
            echo.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            byte[] request = MessageCodec.encodePadded(new Message.FindNode(1, Id.ZERO, Id.MAX, Message.FindNode.XOR));
            return measure(clientVertx, serverVertx, new InetSocketAddress("127.0.0.1", echo.localAddress().port()),
                    clients, window, seconds, () -> request);
        } finally {
            serverVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Warms up for {@code seconds}, then counts answers and the server thread's CPU for {@code seconds}. */
    private static Rate measure(Vertx clientVertx, Vertx serverVertx, InetSocketAddress server, int clients, int window,
                                double seconds, Supplier<byte[]> requests) throws Exception {
        CompletableFuture<Thread> serverThread = new CompletableFuture<>();
        serverVertx.runOnContext(ignored -> serverThread.complete(Thread.currentThread()));
        long tid = serverThread.get(5, TimeUnit.SECONDS).getId();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<LoadClient> load = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            load.add(LoadClient.start(clientVertx, server, window, requests.get()).get(5, TimeUnit.SECONDS));
        }
        try {
            long millis = (long) (seconds * 1000);
            Thread.sleep(millis); // warm-up: a fixed span of load, not a wait for a condition
            long answers0 = LoadClient.answers(load);
            long cpu0 = threads.getThreadCpuTime(tid);
            long t0 = System.nanoTime();
            Thread.sleep(millis); // the measured span
            long answers = LoadClient.answers(load) - answers0;
            long cpu = threads.getThreadCpuTime(tid) - cpu0;
            double elapsed = (System.nanoTime() - t0) / 1e9;
            return new Rate(answers / elapsed, answers == 0 ? Double.NaN : cpu / 1e3 / answers);
        } finally {
            for (LoadClient c : load) c.close();
        }
    }
}
