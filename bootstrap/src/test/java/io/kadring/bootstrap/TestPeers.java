package io.kadring.bootstrap;

import io.kadring.bootstrap.peer.PeerProcess;
import io.kadring.bootstrap.peer.PeerSettings;
import io.kadring.overlay.node.NodeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Peers on loopback for tests, bounded waits, and the CLI run in-process. */
public final class TestPeers {
    /** Fast rounds so that rings settle within a test's patience. */
    public static final NodeConfig FAST = PeerSettings.defaultNodeConfig().toBuilder()
            .stabilizeInterval(Duration.ofMillis(300))
            .rpcTimeout(Duration.ofMillis(100), Duration.ofSeconds(1))
            .rpcTimeoutInitial(Duration.ofMillis(300))
            .joinBackoff(Duration.ofMillis(100))
            .build();

    private static final Duration JOIN_LIMIT = Duration.ofSeconds(10);

    private TestPeers() {}

    /** Settings for a peer on 127.0.0.1 with free UDP and admin ports. */
    public static PeerSettings settings(Path dataDir, List<InetSocketAddress> bootstrap, Duration saveInterval) {
        return settings(dataDir, bootstrap, saveInterval, FAST);
    }

    /** As {@link #settings(Path, List, Duration)}, with {@code config} for the node. */
    public static PeerSettings settings(Path dataDir, List<InetSocketAddress> bootstrap, Duration saveInterval,
                                        NodeConfig config) {
        return PeerSettings.defaults(dataDir).with(s -> {
            s.host = "127.0.0.1";
            s.port = 0;
            s.adminPort = 0;
            s.bootstrap = bootstrap;
            s.saveInterval = saveInterval;
            s.node = config;
        });
    }

    /** A peer started with {@link #settings}, saving every 5 minutes. */
    public static PeerProcess start(Path dataDir, InetSocketAddress... bootstrap) throws IOException {
        return PeerProcess.start(settings(dataDir, List.of(bootstrap), PeerSettings.SAVE_INTERVAL));
    }

    /**
     * Peers named {@code names} (their data directories under {@code dir}): the first starts a
     * network, the others join through it; returns once every one has joined. When one fails to
     * start or join, those started are closed.
     */
    public static List<PeerProcess> startJoined(Path dir, String... names) throws Exception {
        return startJoined(dir, FAST, names);
    }

    /** As {@link #startJoined(Path, String...)}, every node with {@code config}. */
    public static List<PeerProcess> startJoined(Path dir, NodeConfig config, String... names) throws Exception {
        List<PeerProcess> peers = new ArrayList<>();
        try {
            for (String name : names) {
                List<InetSocketAddress> bootstrap = peers.isEmpty() ? List.of() : List.of(peers.get(0).udpAddress());
                PeerProcess peer = PeerProcess.start(settings(dir.resolve(name), bootstrap, PeerSettings.SAVE_INTERVAL,
                        config));
                peers.add(peer);
                if (peers.size() == 1) peer.joined().get(JOIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (PeerProcess peer : peers) peer.joined().get(JOIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception | AssertionError e) {
            closeAll(peers);
            throw e;
        }
        return peers;
    }

    /** Closes {@code peers}, the last started first. */
    public static void closeAll(List<PeerProcess> peers) {
        for (int i = peers.size() - 1; i >= 0; i--) peers.get(i).close();
    }

    /** Polls {@code condition} until it holds or {@code limit} passes; then fails naming {@code what}. */
    public static void await(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + limit + " waiting for " + what);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** What one in-process run of the {@code kadring} command did. */
    public record Run(int exitCode, String out, String err) {}

    /** Runs {@code kadring args...} in this JVM with the given environment variables. */
    public static Run cli(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), environment, args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs {@code kadring args...} in this JVM with an empty environment. */
    public static Run cli(String... args) {
        return cli(Map.of(), args);
    }
}
