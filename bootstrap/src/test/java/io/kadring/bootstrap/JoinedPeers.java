package io.kadring.bootstrap;

import io.kadring.bootstrap.peer.PeerProcess;
import io.kadring.overlay.node.NodeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Peers that join one network for a whole test class, in a data directory of their own, and
 * are closed after it: a field {@code @RegisterExtension static final JoinedPeers peers = new
 * JoinedPeers("first", "second");}. Before the first test every peer knows all the others and
 * has a successor and a predecessor on the ring.
 */
public final class JoinedPeers implements BeforeAllCallback, AfterAllCallback {
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private final String[] names;
    private final NodeConfig config;
    private Path dir;
    private List<PeerProcess> peers = List.of();

    /** Peers named {@code names} (their data directories' names), the first one starting the network. */
    public JoinedPeers(String... names) {
        this(TestPeers.FAST, names);
    }

    /** As {@link #JoinedPeers(String...)}, every node with {@code config} (e.g. a small k). */
    public JoinedPeers(NodeConfig config, String... names) {
        this.config = config;
        this.names = names.clone();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("kadring-joined");
        peers = TestPeers.startJoined(dir, config, names);
        int others = peers.size() - 1;
        TestPeers.await(SETTLE, "every peer to know the others and have both ring neighbours", () -> peers.stream()
                .allMatch(p -> p.node().contacts().join().size() == others && p.node().successor().join().isPresent()
                        && p.node().predecessor().join().isPresent()));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        TestPeers.closeAll(peers);
        peers = List.of();
        if (dir == null) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(JoinedPeers::delete);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every peer, the first one (which started the network) first. */
    public List<PeerProcess> all() {
        return peers;
    }

    /** The peer that started the network. */
    public PeerProcess first() {
        return peers.get(0);
    }

    /** The peer that joined through the first. */
    public PeerProcess second() {
        return peers.get(1);
    }

    /** The other peer that joined through the first. */
    public PeerProcess third() {
        return peers.get(2);
    }
}
