package io.kadring.bootstrap.peer;

import io.kadring.overlay.node.NodeConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to run a peer.
 *
 * @param host UDP address to bind
 * @param port UDP port (0 picks a free one)
 * @param bootstrap nodes to join through, tried after the saved contacts; none (and none saved)
 *     starts a new network
 * @param dataDir where the identity, the saved contacts and the saved records live
 * @param adminPort the admin API's port on 127.0.0.1 (0 picks a free one)
 * @param saveInterval how often the contacts and records are saved (also at stop)
 * @param node protocol settings
 */
public record PeerSettings(String host, int port, List<InetSocketAddress> bootstrap, Path dataDir, int adminPort,
                           Duration saveInterval, NodeConfig node) {
    /** The default time between saves of the contacts. */
    public static final Duration SAVE_INTERVAL = Duration.ofMinutes(5);

    public PeerSettings {
        Objects.requireNonNull(host, "host");
        bootstrap = List.copyOf(bootstrap);
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        if (adminPort < 0 || adminPort > 65_535) {
            throw new IllegalArgumentException("admin port must be in 0..65535, got " + adminPort);
        }
        if (saveInterval.isNegative() || saveInterval.isZero()) {
            throw new IllegalArgumentException("save interval must be positive, got " + saveInterval);
        }
        Objects.requireNonNull(node, "node");
    }

    /** The protocol defaults, except that joining keeps trying while no bootstrap node answers. */
    public static NodeConfig defaultNodeConfig() {
        return NodeConfig.defaults().toBuilder().joinAttempts(0).build();
    }
}
