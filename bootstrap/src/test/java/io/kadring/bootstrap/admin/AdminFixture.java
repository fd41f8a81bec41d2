package io.kadring.bootstrap.admin;

import io.kadring.bootstrap.TestPeers;
import io.kadring.overlay.KadringNode;
import io.kadring.overlay.node.NodeConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An admin API in this JVM over a real node on loopback, with the phase the test sets (the
 * node's own join decides nothing here), and an HTTP client for it.
 */
final class AdminFixture implements AutoCloseable {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final Vertx vertx = Vertx.vertx();
    private final List<KadringNode> nodes = new ArrayList<>();
    /** The node's one contact, with {@link #withOneContact}. */
    KadringNode other;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final Facts facts = new Facts();
    /** The records the API asked to make durable, in order. */
    final List<io.kadring.storage.SignedRecord> kept = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final RecordKeeper keeper = record -> {
        kept.add(record);
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    };
    private final String host;
    private KadringNode node;
    private AdminServer server;

    private AdminFixture(String host) {
        this.host = host;
    }

    /** The API over a node that started a network of its own: phase alone. */
    static AdminFixture alone(AdminSettings settings) throws Exception {
        return alone(settings, ConnectionLimits.DEFAULT);
    }

    /** As {@link #alone(AdminSettings)}, within {@code limits}. */
    static AdminFixture alone(AdminSettings settings, ConnectionLimits limits) throws Exception {
        return open(settings, limits, f -> {
            f.node = f.startNode(TestPeers.FAST);
            f.facts.phase = PeerFacts.ALONE;
        });
    }

    /** The API over a node that knows one other node, in phase joining until the test says otherwise. */
    static AdminFixture withOneContact(AdminSettings settings) throws Exception {
        return withOneContact(settings, TestPeers.FAST);
    }

    /** As {@link #withOneContact(AdminSettings)}, both nodes with {@code config}; the other one is {@link #other}. */
    static AdminFixture withOneContact(AdminSettings settings, NodeConfig config) throws Exception {
        return open(settings, ConnectionLimits.DEFAULT, f -> {
            KadringNode other = f.startNode(config);
            f.other = other;
            f.node = f.startNode(config, other.localAddress());
            TestPeers.await(LIMIT, "the node to know the other one", () -> f.node.contacts().join().size() == 1);
        });
    }

    /** The API over a node that was never started: not running, no contacts, phase joining. */
    static AdminFixture unstarted(AdminSettings settings) throws Exception {
        return open(settings, ConnectionLimits.DEFAULT, f -> {
            f.node = KadringNode.builder().host("127.0.0.1").port(0).config(TestPeers.FAST).vertx(f.vertx).build();
            f.nodes.add(f.node);
        });
    }

    /** How a fixture gets its node, before the API starts over it. */
    private interface Setup {
        void nodeFor(AdminFixture fixture) throws Exception;
    }

    /** A fixture whose node {@code setup} makes, with the API over it; all closed again when either fails. */
    private static AdminFixture open(AdminSettings settings, ConnectionLimits limits, Setup setup) throws Exception {
        AdminFixture f = new AdminFixture(settings.host());
        try {
            setup.nodeFor(f);
            f.server = AdminServer.start(f.vertx, settings, limits, f.node, f.registry, f.facts, f.keeper);
        } catch (Exception | AssertionError e) {
            f.close();
            throw e;
        }
        return f;
    }

    private KadringNode startNode(NodeConfig config, InetSocketAddress... bootstrap) throws Exception {
        KadringNode n = KadringNode.builder().host("127.0.0.1").port(0).bootstrap(List.of(bootstrap))
                .config(config).vertx(vertx).build();
        nodes.add(n);
        n.start().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        return n;
    }

    /**
     * This machine's own addresses other than loopback (from its up interfaces; link-local ones
     * left out, as they need a scope), IPv4 first. Empty on a machine with loopback only.
     */
    static List<InetAddress> localNonLoopbackAddresses() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(AdminFixture::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
                    .sorted(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1))
                    .toList();
        } catch (SocketException e) {
            throw new AssertionError("cannot list this machine's network interfaces", e);
        }
    }

    private static boolean isUp(NetworkInterface i) {
        try {
            return i.isUp() && !i.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    /** The literal of {@code address} for a host setting, without a scope or brackets. */
    static String literal(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }

    int port() {
        return server.port();
    }

    KadringNode node() {
        return node;
    }

    /** Requests to this API. */
    AdminHttp http() {
        return new AdminHttp(host, port());
    }

    HttpResponse<String> get(String path, String... headers) {
        return http().get(path, headers);
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        return http().post(path, body, headers);
    }

    @Override
    public void close() {
        if (server != null) server.closeAsync().orTimeout(LIMIT.toMillis(), TimeUnit.MILLISECONDS).join();
        for (KadringNode n : nodes) n.closeAsync().orTimeout(LIMIT.toMillis(), TimeUnit.MILLISECONDS).join();
        registry.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(LIMIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** A phase the test sets; uptime can be made to fail, to reach the API's internal-error path. */
    static final class Facts implements PeerFacts {
        volatile String phase = PeerFacts.JOINING;
        volatile boolean broken;

        @Override
        public String phase() {
            return phase;
        }

        @Override
        public long uptimeSeconds() {
            if (broken) throw new UnsupportedOperationException("uptime is broken on purpose");
            return 7;
        }
    }
}
