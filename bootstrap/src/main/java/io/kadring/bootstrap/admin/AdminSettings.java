package io.kadring.bootstrap.admin;

import io.kadring.bootstrap.state.AdminTokenFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the admin API listens and who may use it.
 *
 * @param host the address to bind (and only that); 127.0.0.1 by default
 * @param port the port (0 picks a free one)
 * @param token the bearer token every route but {@code /metrics} and {@code /health} requires;
 *     empty for none (allowed only on a loopback host)
 */
public record AdminSettings(String host, int port, Optional<String> token) {
    private static final Logger LOG = LoggerFactory.getLogger(AdminSettings.class);

    public AdminSettings {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) throw new IllegalArgumentException("admin host must be an address such as 127.0.0.1, got ''");
        Objects.requireNonNull(token, "token");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("admin port must be in 0..65535, got " + port);
    }

    /**
     * The settings of a peer's admin API on {@code host}:{@code port}: no token on a loopback
     * address; on any other, the token in {@code tokenFile} (created there when absent, see
     * {@link AdminTokenFile}) and a warning in the log that other hosts can reach the API. Throws
     * when the host does not resolve or the token file is unusable (the message names it).
     */
    public static AdminSettings forHost(String host, int port, Path tokenFile) throws IOException {
        if (isLoopback(host)) return new AdminSettings(host, port, Optional.empty());
        String token = AdminTokenFile.readOrCreate(tokenFile);
        LOG.warn("admin API on {} is reachable from other hosts; every route but /metrics, /health and the status page (it asks for it) needs the "
                + "bearer token in {}", port == 0 ? host + " (a free port)" : AdminServer.where(host, port), tokenFile);
        return new AdminSettings(host, port, Optional.of(token));
    }

    /** Whether {@code host} is a loopback address (or a name for one); throws when it does not resolve. */
    static boolean isLoopback(String host) throws UnknownHostException {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            UnknownHostException failure = new UnknownHostException("admin host '" + host
                    + "' is neither an IP address nor a host name that resolves");
            failure.initCause(e);
            throw failure;
        }
    }
}
