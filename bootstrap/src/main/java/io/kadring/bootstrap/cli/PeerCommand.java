package io.kadring.bootstrap.cli;

import io.kadring.bootstrap.peer.PeerProcess;
import io.kadring.bootstrap.peer.PeerSettings;
import io.kadring.overlay.HostPort;
import io.kadring.overlay.node.Defences;
import io.kadring.overlay.node.NodeConfig;
import io.kadring.storage.StoreConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code kadring peer}: runs a peer until SIGTERM (or Ctrl-C), then saves contacts and records and exits 0. */
@Command(name = "peer", mixinStandardHelpOptions = true, versionProvider = Version.class,
        defaultValueProvider = PeerCommand.Defaults.class,
        description = {"Run a peer: bind a UDP port, join through bootstrap nodes (or start a new network "
                + "when none are given), serve the admin API (on 127.0.0.1 unless --admin-host says otherwise), keep identity, contacts and the records it "
                + "holds in the data directory. Runs until SIGTERM or Ctrl-C."},
        footer = {"",
                "Config file (--config FILE): UTF-8 text, one setting a line, name = value, the names being the "
                        + "long flags above without their leading dashes. Blank lines and lines starting with # are "
                        + "ignored; a value is the rest of the line, as written (no quotes). For example:",
                "",
                "  # a bootstrap node",
                "  port = 7420",
                "  data-dir = /var/lib/kadring",
                "  bootstrap = 1.2.3.4:7420,5.6.7.8:7420",
                "  k = 20",
                "  stabilize-interval = 30",
                "",
                "Flags on the command line win over the file, the file over $" + PeerCommand.BOOTSTRAP_ENV + ", and "
                        + "that over the defaults shown above. An unknown name or a bad value stops the peer before it "
                        + "starts (exit 2), naming the line. Relative paths are relative to the working directory."})
public final class PeerCommand implements Callable<Integer> {
    /** Where {@code --bootstrap} comes from when the flag is absent. */
    static final String BOOTSTRAP_ENV = "KADRING_BOOTSTRAP";
    /** The settings file's flag. */
    static final String CONFIG = "--config";

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Invocation invocation;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + PeerSettings.PORT, converter = PortConverter.class,
            description = "UDP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "0.0.0.0",
            description = "Address to bind the UDP port on (default ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--advertise", paramLabel = "HOST:PORT", converter = AddressConverter.class,
            description = "The address other nodes reach this one at, when known (a public address in front of "
                    + "a NAT). Default: the bound address, or when that is a wildcard or private one, the address other "
                    + "nodes report seeing.")
    private InetSocketAddress advertise;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", split = ",", converter = AddressConverter.Name.class,
            description = "Nodes to join through, comma-separated; a name stands for all its addresses and is "
                    + "resolved again for each join round (a DNS name of seed hosts or of a headless service). Default: $"
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
                    + "loopback address requires the bearer token of --admin-token-file on every route but /metrics, "
                    + "/health and the status page (which asks for it).")
    private String adminHost;

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "The admin API's bearer token, created owner-only when absent (default <data-dir>/admin-token).")
    private Path adminTokenFile;

    @Option(names = "--recv-buffer", paramLabel = "BYTES", defaultValue = "" + PeerSettings.RECEIVE_BUFFER_BYTES,
            converter = CountConverter.ReceiveBuffer.class,
            description = "UDP receive buffer to ask the OS for, 0..1073741824 bytes (default ${DEFAULT-VALUE}; 0 keeps "
                    + "the OS default). Linux grants at most net.core.rmem_max; a smaller grant is logged.")
    private int recvBuffer;

    @Option(names = "--new-identity",
            description = "Replace the identity in the data directory by a new one (the node id changes).")
    private boolean newIdentity;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "INFO",
            description = "Log level of kadring's own loggers: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    private LogLevel logLevel;

    @Option(names = "--save-interval", paramLabel = "SECONDS", defaultValue = "300",
            description = "Seconds between saves of the contacts (default ${DEFAULT-VALUE}; also when joined and at "
                    + "exit). Records are saved as they change, not on this clock.")
    private int saveIntervalSeconds;

    @Option(names = CONFIG, paramLabel = "FILE",
            description = "Read settings from FILE, one `name = value` a line (see below); flags given here win.")
    private Path config;

    // Protocol tuning. Their defaults come from Defaults (the node's own), so that they are
    // written down once and --help shows them.

    @Option(names = "--k", paramLabel = "N", converter = CountConverter.K.class,
            description = "Bucket size and replication: the nodes a lookup returns and a record is stored at, "
                    + "1..20 (default ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--alpha", paramLabel = "N", converter = CountConverter.Alpha.class,
            description = "Lookup parallelism: requests a lookup keeps in flight, 1..20 (default ${DEFAULT-VALUE}).")
    private int alpha;

    @Option(names = "--successors", paramLabel = "N", converter = CountConverter.Successors.class,
            description = "Length of the successor list, the ring's fault tolerance, 1..16 (default ${DEFAULT-VALUE}).")
    private int successors;

    @Option(names = "--stabilize-interval", paramLabel = "SECONDS", converter = SecondsConverter.class,
            description = "Seconds between ring stabilization rounds (default ${DEFAULT-VALUE}).")
    private Duration stabilizeInterval;

    @Option(names = "--isolation-alarm", paramLabel = "SECONDS", converter = SecondsConverter.class,
            description = "Seconds without an answer from any contact after which a joined peer reports itself "
                    + "isolated: /health answers 503, kadring_isolated is 1, a warning is logged (default ${DEFAULT-VALUE}).")
    private Duration isolationAlarm;

    @Option(names = "--replicate-interval", paramLabel = "SECONDS", converter = SecondsConverter.class,
            description = "Seconds between republishing the records held, and owners refreshing theirs "
                    + "(default ${DEFAULT-VALUE}).")
    private Duration replicateInterval;

    @Option(names = "--record-lifetime", paramLabel = "SECONDS", converter = SecondsConverter.class,
            description = "Seconds a record lives without its owner refreshing it; longer than --replicate-interval "
                    + "(default ${DEFAULT-VALUE}).")
    private Duration recordLifetime;

    @Option(names = "--requests-per-second", paramLabel = "N", converter = CountConverter.Positive.class,
            description = "Requests answered per second from one IP address, bursts of twice that; loopback is "
                    + "exempt (default ${DEFAULT-VALUE}).")
    private int requestsPerSecond;

    @Option(names = "--max-store-bytes", paramLabel = "BYTES", converter = CountConverter.Bytes.class,
            description = "Byte budget of the records held for others; past it the least used go "
                    + "(default ${DEFAULT-VALUE}).")
    private long maxStoreBytes;

    @Option(names = "--max-records-per-publisher", paramLabel = "N", converter = CountConverter.Positive.class,
            description = "Records one public key may have here; all immutable records count as one publisher "
                    + "(default ${DEFAULT-VALUE}).")
    private int maxRecordsPerPublisher;

    @Option(names = "--max-records-per-source", paramLabel = "N", converter = CountConverter.Positive.class,
            description = "Records that arrived from one IP address that may be held here (default ${DEFAULT-VALUE}).")
    private int maxRecordsPerSource;

    @Option(names = "--disable-defence", paramLabel = "NAME", split = ",",
            description = "Turn off a defence against hostile peers, for experiments (repeatable, or a comma-separated "
                    + "list): verified-contacts, disjoint-paths, ring-diversity, response-liveness, address-quorum, "
                    + "anti-amplification, bounded-signatures, source-quotas, or all. Default: every one on.")
    private List<String> disabledDefences;

    @Option(names = "--no-exempt-loopback",
            description = "Apply the rate, diversity and amplification limits to loopback sources too "
                    + "(by default 127.0.0.0/8 and ::1 are exempt).")
    private boolean noExemptLoopback;

    @Option(names = "--no-exempt-private",
            description = "Apply the per-prefix diversity limits to private and link-local addresses too "
                    + "(by default 10/8, 172.16/12, 192.168/16, fc00::/7 and fe80::/10 are exempt).")
    private boolean noExemptPrivate;

    @Option(names = "--client",
            description = "Client mode: look up, put and get through the network without joining its tables or "
                    + "ring; every request says it comes from a client, and this peer holds no records for others.")
    private boolean client;

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

    /** What the flags, the config file and the environment ask for; bad values are usage errors. */
    PeerSettings settings() {
        if (saveIntervalSeconds <= 0) {
            throw usage("--save-interval must be a positive number of seconds, got " + saveIntervalSeconds);
        }
        if (advertise != null && (advertise.getAddress().isAnyLocalAddress() || advertise.getPort() == 0)) {
            throw usage("--advertise must name the address and port other nodes reach this one at, got '"
                    + advertise.getAddress().getHostAddress() + ":" + advertise.getPort()
                    + "' (a wildcard address or port 0 says nothing)");
        }
        int admin;
        if (adminPort != null) {
            admin = adminPort;
        } else if (port == 65_535) {
            throw usage("--port 65535 leaves no default admin port (--port + 1); give --admin-port");
        } else {
            admin = port == 0 ? 0 : port + 1;
        }
        List<InetSocketAddress> through = bootstrap != null ? bootstrap : bootstrapFromEnvironment();
        return new PeerSettings(host, port, advertise, through, dataDir, adminHost, admin, adminTokenFile,
                Duration.ofSeconds(saveIntervalSeconds), newIdentity, node(), recvBuffer);
    }

    /** The node's defaults with the tuning settings applied. */
    private NodeConfig node() {
        if (recordLifetime.compareTo(replicateInterval) <= 0) {
            throw usage("--record-lifetime (" + SecondsConverter.format(recordLifetime) + " s) must be longer than "
                    + "--replicate-interval (" + SecondsConverter.format(replicateInterval) + " s), or records expire "
                    + "before they are republished");
        }
        NodeConfig defaults = PeerSettings.defaultNodeConfig();
        StoreConfig store = defaults.store();
        try {
            return defaults.toBuilder()
                    .k(k)
                    .getEnough(Math.min(defaults.getEnough(), k)) // a get cannot wait for more answers than k
                    .alpha(alpha)
                    .successorListSize(successors)
                    .stabilizeInterval(stabilizeInterval)
                    .isolationAlarm(isolationAlarm)
                    .replicateInterval(replicateInterval)
                    .recordLifetime(recordLifetime)
                    .requestsPerSecondPerSource(requestsPerSecond)
                    .defences(defences(defaults.defences()))
                    .exemptLoopback(defaults.exemptLoopback() && !noExemptLoopback)
                    .exemptPrivate(defaults.exemptPrivate() && !noExemptPrivate)
                    .clientMode(client)
                    // the store keeps a record no longer than its limit: at least as long as this node's lifetime
                    .store(new StoreConfig(maxStoreBytes, Math.max(store.maxLifetimeMillis(), recordLifetime.toMillis()),
                            maxRecordsPerPublisher, maxRecordsPerSource))
                    .build();
        } catch (IllegalArgumentException e) {
            throw usage("the tuning settings do not fit together: " + e.getMessage());
        }
    }

    /** {@code defaults} less every defence {@code --disable-defence} names. */
    private Defences defences(Defences defaults) {
        Defences d = defaults;
        for (String name : disabledDefences == null ? List.<String>of() : disabledDefences) {
            try {
                d = d.without(name.strip());
            } catch (IllegalArgumentException e) {
                throw usage("--disable-defence: " + e.getMessage());
            }
        }
        return d;
    }

    private List<InetSocketAddress> bootstrapFromEnvironment() {
        String value = invocation.environment(BOOTSTRAP_ENV);
        List<InetSocketAddress> addresses = new ArrayList<>();
        if (value == null || value.isBlank()) return addresses;
        for (String item : value.split(",")) {
            try {
                addresses.add(HostPort.parseName(item));
            } catch (IllegalArgumentException e) {
                throw usage("invalid " + BOOTSTRAP_ENV + ": " + e.getMessage());
            }
        }
        return addresses;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Default values: what the {@code --config} file says, else the node's own defaults for the
     * tuning settings, else (null) the annotation's. picocli asks only for the options not given
     * on the command line, once the command line is parsed, so flags win and {@code --config}
     * is known by then.
     */
    static final class Defaults implements IDefaultValueProvider {
        private Path read;
        private ConfigFile file;

        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec option) || option.longestName().equals(CONFIG)) return null;
            ConfigFile config = config(option.command());
            if (config != null) {
                Optional<ConfigFile.Setting> setting = config.setting(name(option));
                if (setting.isPresent()) {
                    String value = setting.get().value();
                    return option.arity().max() == 0 ? value.toLowerCase(Locale.ROOT) : value; // checked: true or false
                }
            }
            return builtIn(option.longestName());
        }

        private static String builtIn(String option) {
            NodeConfig d = PeerSettings.defaultNodeConfig();
            return switch (option) {
                case "--k" -> Integer.toString(d.k());
                case "--alpha" -> Integer.toString(d.alpha());
                case "--successors" -> Integer.toString(d.successorListSize());
                case "--stabilize-interval" -> SecondsConverter.format(Duration.ofMillis(d.stabilizeIntervalMillis()));
                case "--isolation-alarm" -> SecondsConverter.format(Duration.ofMillis(d.isolationAlarmMillis()));
                case "--replicate-interval" -> SecondsConverter.format(Duration.ofMillis(d.replicateIntervalMillis()));
                case "--record-lifetime" -> SecondsConverter.format(Duration.ofMillis(d.recordLifetimeMillis()));
                case "--requests-per-second" -> Integer.toString(d.requestsPerSecondPerSource());
                case "--max-store-bytes" -> Long.toString(d.store().maxBytes());
                case "--max-records-per-publisher" -> Integer.toString(d.store().maxRecordsPerPublisher());
                case "--max-records-per-source" -> Integer.toString(d.store().maxRecordsPerSource());
                default -> null;
            };
        }

        /** The file {@code --config} names, read and checked once; null when there is none. */
        private ConfigFile config(CommandSpec spec) {
            OptionSpec option = spec.findOption(CONFIG);
            Path path = option == null ? null : option.getValue();
            if (path == null) return null;
            CommandLine line = spec.commandLine();
            if (line != null && (line.isUsageHelpRequested() || line.isVersionHelpRequested())) return null;
            if (!path.equals(read)) {
                try {
                    file = ConfigFile.read(path, settable(spec));
                    check(file, spec.commandLine());
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage(), e, option, path.toString());
                }
                read = path;
            }
            return file;
        }

        /** The names a config file may set: every long option but --config, --help and --version. */
        private static List<String> settable(CommandSpec spec) {
            List<String> names = new ArrayList<>();
            for (OptionSpec option : spec.options()) {
                if (option.usageHelp() || option.versionHelp() || option.longestName().equals(CONFIG)) continue;
                if (option.longestName().startsWith("--")) names.add(name(option));
            }
            return names;
        }

        private static String name(OptionSpec option) {
            return option.longestName().substring(2);
        }

        /**
         * Checks each setting's value as its flag would be checked, by parsing {@code --name=value}
         * alone with a fresh command, so that a bad value is reported with its line.
         */
        private static void check(ConfigFile file, CommandLine like) {
            CommandLine scratch = new CommandLine(new PeerCommand());
            scratch.setCaseInsensitiveEnumValuesAllowed(like.isCaseInsensitiveEnumValuesAllowed());
            for (ConfigFile.Setting setting : file.settings()) {
                OptionSpec option = scratch.getCommandSpec().findOption("--" + setting.name());
                String at = file.at(setting) + setting.name();
                String[] args;
                if (option.arity().max() == 0) { // a flag: true or false
                    String value = setting.value().toLowerCase(Locale.ROOT);
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new IllegalArgumentException(at + " must be true or false, got '" + setting.value() + "'");
                    }
                    args = new String[0];
                } else {
                    args = new String[] {option.longestName() + "=" + setting.value()};
                }
                try {
                    scratch.parseArgs(args);
                } catch (ParameterException e) {
                    String why = e.getCause() instanceof TypeConversionException c && c.getMessage() != null
                            ? c.getMessage() : e.getMessage();
                    throw new IllegalArgumentException(at + (why.startsWith("must be ") ? " " : ": ") + why, e);
                }
            }
        }
    }
}
