package io.kadring.bootstrap.peer;

import io.kadring.overlay.node.NodeConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to run a peer. {@link #builder(Path)} starts from the defaults a user gets from
 * {@code kadring peer} with no flags.
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
 */
public record PeerSettings(String host, int port, InetSocketAddress advertise, List<InetSocketAddress> bootstrap,
                           Path dataDir, String adminHost, int adminPort, Path adminTokenFile,
                           Duration saveInterval, boolean newIdentity, NodeConfig node) {
    /** The default time between saves of the contacts. */
    public static final Duration SAVE_INTERVAL = Duration.ofMinutes(5);
    /** The default UDP port; the admin API's default is the next one. */
    public static final int PORT = 7420;
    /** The admin API's default address. */
    public static final String ADMIN_HOST = "127.0.0.1";

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
    }

    /** The token file to use: {@link #adminTokenFile()} or {@code <dataDir>/admin-token}. */
    public Path adminTokenPath() {
        return adminTokenFile != null ? adminTokenFile : dataDir.resolve("admin-token");
    }

    /** The protocol defaults, except that joining keeps trying while no bootstrap node answers. */
    public static NodeConfig defaultNodeConfig() {
        return NodeConfig.defaults().toBuilder().joinAttempts(0).build();
    }

    /** The defaults of {@code kadring peer --data-dir dataDir}. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** A copy of these settings to change. */
    public Builder toBuilder() {
        Builder b = new Builder(dataDir);
        b.host = host;
        b.port = port;
        b.advertise = advertise;
        b.bootstrap = bootstrap;
        b.adminHost = adminHost;
        b.adminPort = adminPort;
        b.adminTokenFile = adminTokenFile;
        b.saveInterval = saveInterval;
        b.newIdentity = newIdentity;
        b.node = node;
        return b;
    }

    /** Settings to fill in; every field starts at the peer command's default. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = PORT;
        private InetSocketAddress advertise;
        private List<InetSocketAddress> bootstrap = List.of();
        private final Path dataDir;
        private String adminHost = ADMIN_HOST;
        private int adminPort = PORT + 1;
        private Path adminTokenFile;
        private Duration saveInterval = SAVE_INTERVAL;
        private boolean newIdentity;
        private NodeConfig node = defaultNodeConfig();

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder advertise(InetSocketAddress advertise) {
            this.advertise = advertise;
            return this;
        }

        public Builder bootstrap(List<InetSocketAddress> bootstrap) {
            this.bootstrap = bootstrap;
            return this;
        }

        public Builder adminHost(String adminHost) {
            this.adminHost = adminHost;
            return this;
        }

        public Builder adminPort(int adminPort) {
            this.adminPort = adminPort;
            return this;
        }

        public Builder adminTokenFile(Path adminTokenFile) {
            this.adminTokenFile = adminTokenFile;
            return this;
        }

        public Builder saveInterval(Duration saveInterval) {
            this.saveInterval = saveInterval;
            return this;
        }

        public Builder newIdentity(boolean newIdentity) {
            this.newIdentity = newIdentity;
            return this;
        }

        public Builder node(NodeConfig node) {
            this.node = node;
            return this;
        }

        public PeerSettings build() {
            return new PeerSettings(host, port, advertise, bootstrap, dataDir, adminHost, adminPort, adminTokenFile,
                    saveInterval, newIdentity, node);
        }
    }
}
