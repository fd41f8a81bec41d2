package io.kadring.bootstrap.cli;

import io.kadring.bootstrap.Main;
import io.kadring.bootstrap.peer.PeerProcess;
import io.kadring.bootstrap.peer.PeerSettings;
import io.kadring.overlay.HostPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kadring peer}: runs a peer until SIGTERM (or Ctrl-C), then saves contacts and records and exits 0. */
@Command(name = "peer", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Run a peer: bind a UDP port, join through bootstrap nodes (or start a new network "
                + "when none are given), serve the admin API on 127.0.0.1, keep identity, contacts and the records it "
                + "holds in the data directory. Runs until SIGTERM or Ctrl-C."})
public final class PeerCommand implements Callable<Integer> {
    /** Where {@code --bootstrap} comes from when the flag is absent. */
    static final String BOOTSTRAP_ENV = "KADRING_BOOTSTRAP";

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Main main;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + PeerSettings.PORT, converter = PortConverter.class,
            description = "UDP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "0.0.0.0",
            description = "Address to bind the UDP port on (default ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--advertise", paramLabel = "HOST:PORT", converter = AddressConverter.class,
            description = "The address other nodes reach this one at, when known (a public address in front of "
                    + "a NAT). Default: what other nodes report seeing, confirmed by more than one.")
    private InetSocketAddress advertise;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", split = ",", converter = AddressConverter.class,
            description = "Nodes to join through, comma-separated (names resolved now). Default: $"
                    + BOOTSTRAP_ENV + "; none starts a new network.")
    private List<InetSocketAddress> bootstrap;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "kadring-data",
            description = "Identity, saved contacts and records (default ./${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--admin-port", paramLabel = "PORT", converter = PortConverter.class,
            description = "Admin HTTP API port (default: --port + 1).")
    private Integer adminPort;

    @Option(names = "--admin-host", paramLabel = "HOST", defaultValue = PeerSettings.ADMIN_HOST,
            description = "Address the admin API binds, and only that (default ${DEFAULT-VALUE}). Any other than a "
                    + "loopback address requires the bearer token of --admin-token-file on every route but /metrics "
                    + "and /health.")
    private String adminHost;

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "The admin API's bearer token, created owner-only when absent (default <data-dir>/admin-token).")
    private Path adminTokenFile;

    @Option(names = "--new-identity",
            description = "Replace the identity in the data directory by a new one (the node id changes).")
    private boolean newIdentity;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "INFO",
            description = "Log level of kadring's own loggers: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    private LogLevel logLevel;

    @Option(names = "--save-interval", paramLabel = "SECONDS", defaultValue = "300",
            description = "Seconds between saves of the contacts and records (default ${DEFAULT-VALUE}; also saved at exit).")
    private int saveIntervalSeconds;

    @Override
    public Integer call() {
        PeerSettings settings = settings();
        logLevel.apply();
        PeerProcess peer;
        try {
            peer = PeerProcess.start(settings);
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.describe(e, ""), e);
        }
        // SIGTERM and Ctrl-C run shutdown hooks, after which the JVM would exit 143 (128 + 15);
        // a clean stop is a success, so the hook ends the process with 0 once the peer is stopped.
        Thread hook = new Thread(() -> {
            peer.close();
            Runtime.getRuntime().halt(0);
        }, "kadring-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            peer.terminated().join();
            return 0;
        } catch (CompletionException e) {
            throw new CommandFailure(CommandFailure.describe(e.getCause(), ""), e.getCause());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and ends the process itself
            }
        }
    }

    private PeerSettings settings() {
        if (saveIntervalSeconds <= 0) {
            throw usage("--save-interval must be a positive number of seconds, got " + saveIntervalSeconds);
        }
        int admin;
        if (adminPort != null) {
            admin = adminPort;
        } else if (port == 65_535) {
            throw usage("--port 65535 leaves no default admin port (--port + 1); give --admin-port");
        } else {
            admin = port == 0 ? 0 : port + 1;
        }
        return PeerSettings.builder(dataDir)
                .host(host)
                .port(port)
                .advertise(advertise)
                .bootstrap(bootstrap != null ? bootstrap : bootstrapFromEnvironment())
                .adminHost(adminHost)
                .adminPort(admin)
                .adminTokenFile(adminTokenFile)
                .saveInterval(Duration.ofSeconds(saveIntervalSeconds))
                .newIdentity(newIdentity)
                .node(PeerSettings.defaultNodeConfig())
                .build();
    }

    private List<InetSocketAddress> bootstrapFromEnvironment() {
        String value = main.environment(BOOTSTRAP_ENV);
        List<InetSocketAddress> addresses = new ArrayList<>();
        if (value == null || value.isBlank()) return addresses;
        for (String item : value.split(",")) {
            try {
                addresses.add(HostPort.parse(item));
            } catch (IllegalArgumentException e) {
                throw usage("invalid " + BOOTSTRAP_ENV + ": " + e.getMessage());
            }
        }
        return addresses;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
