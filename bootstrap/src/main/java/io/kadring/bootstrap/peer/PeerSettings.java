package io.kadring.bootstrap.peer;

import io.kadring.overlay.node.NodeConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to run a peer. {@link #defaults(Path)} are what a user gets from {@code kadring peer} with
 * no flags; {@link #with} makes a copy with some changed.
 *
 * @param host UDP address to bind
 * @param port UDP port (0 picks a free one)
 * @param advertise the address to put in the node's record, when known (a public address in
 *     front of a NAT or a wildcard bind); null lets the node learn what others see of it
 * @param bootstrap nodes to join through, pinged in each join round together with the saved
 *     contacts (listed after them); none (and none saved) starts a network of its own
 * @param dataDir where the identity, the saved contacts and the saved records live
 * @param adminHost the admin API's address; anything but a loopback address requires a bearer token
 * @param adminPort the admin API's port (0 picks a free one)
 * @param adminTokenFile where the admin API's bearer token is kept (created owner-only when
 *     absent); null for {@code <dataDir>/admin-token}
 * @param saveInterval how often the contacts are saved (also when joined and at stop)
 * @param newIdentity whether to replace the identity in the data directory by a new one
 * @param node protocol settings
 * @param receiveBufferBytes the UDP receive buffer (SO_RCVBUF) to ask for, 0 for the OS default
 */
public record PeerSettings(String host, int port, InetSocketAddress advertise, List<InetSocketAddress> bootstrap,
                           Path dataDir, String adminHost, int adminPort, Path adminTokenFile,
                           Duration saveInterval, boolean newIdentity, NodeConfig node, int receiveBufferBytes) {
    /** The default time between saves of the contacts. */
    public static final Duration SAVE_INTERVAL = Duration.ofMinutes(5);
    /** The default UDP port; the admin API's default is the next one. */
    public static final int PORT = 7420;
    /** The admin API's default address. */
    public static final String ADMIN_HOST = "127.0.0.1";
    /** The UDP receive buffer a peer asks for by default: 4 MiB. */
    public static final int RECEIVE_BUFFER_BYTES = io.kadring.overlay.KadringNode.RECOMMENDED_RECEIVE_BUFFER_BYTES;

    public PeerSettings {
        Objects.requireNonNull(host, "host");
        bootstrap = List.copyOf(bootstrap);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(adminHost, "adminHost");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        if (adminPort < 0 || adminPort > 65_535) {
            throw new IllegalArgumentException("admin port must be in 0..65535, got " + adminPort);
        }
        if (saveInterval.isNegative() || saveInterval.isZero()) {
            throw new IllegalArgumentException("save interval must be positive, got " + saveInterval);
        }
        Objects.requireNonNull(node, "node");
        if (receiveBufferBytes < 0) {
            throw new IllegalArgumentException("receive buffer must be a number of bytes >= 0, got " + receiveBufferBytes);
        }
    }

    /** The token file to use: {@link #adminTokenFile()} or {@code <dataDir>/admin-token}. */
    public Path adminTokenPath() {
        return adminTokenFile != null ? adminTokenFile : dataDir.resolve("admin-token");
    }

    /** The protocol defaults, except that joining keeps trying while no bootstrap node answers. */
    public static NodeConfig defaultNodeConfig() {
        return NodeConfig.defaults().toBuilder().joinAttempts(0).build();
    }

    /** The settings of {@code kadring peer --data-dir dataDir} with no other flag. */
    public static PeerSettings defaults(Path dataDir) {
        return new PeerSettings("0.0.0.0", PORT, null, List.of(), dataDir, ADMIN_HOST, PORT + 1, null, SAVE_INTERVAL, false,
                defaultNodeConfig(), RECEIVE_BUFFER_BYTES);
    }

    /** A copy of these settings with what {@code change} sets on a draft of them: {@code s.with(d -> d.port = 0)}. */
    public PeerSettings with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.settings();
    }

    /** Settings being changed: each field starts as the settings copied, and is checked once they are made. */
    public static final class Draft {
        public String host;
        public int port;
        public InetSocketAddress advertise;
        public List<InetSocketAddress> bootstrap;
        public final Path dataDir;
        public String adminHost;
        public int adminPort;
        public Path adminTokenFile;
        public Duration saveInterval;
        public boolean newIdentity;
        public NodeConfig node;
        public int receiveBufferBytes;

        private Draft(PeerSettings from) {
            host = from.host;
            port = from.port;
            advertise = from.advertise;
            bootstrap = from.bootstrap;
            dataDir = from.dataDir;
            adminHost = from.adminHost;
            adminPort = from.adminPort;
            adminTokenFile = from.adminTokenFile;
            saveInterval = from.saveInterval;
            newIdentity = from.newIdentity;
            node = from.node;
            receiveBufferBytes = from.receiveBufferBytes;
        }

        private PeerSettings settings() {
            return new PeerSettings(host, port, advertise, bootstrap, dataDir, adminHost, adminPort, adminTokenFile,
                    saveInterval, newIdentity, node, receiveBufferBytes);
        }
    }
}
