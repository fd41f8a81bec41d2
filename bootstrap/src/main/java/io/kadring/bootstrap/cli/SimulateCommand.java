package io.kadring.bootstrap.cli;

import io.kadring.simulator.report.HtmlReport;
import io.kadring.simulator.run.Durations;
import io.kadring.simulator.run.ListenLoad;
import io.kadring.simulator.run.Simulation;
import io.kadring.simulator.run.SimulationConfig;
import io.kadring.simulator.run.SimulationReport;
import io.kadring.simulator.adversary.Adversaries;
import io.kadring.simulator.adversary.Attack;
import io.kadring.simulator.scenario.PartitionScenario;
import io.kadring.simulator.scenario.PathLengthScenario;
import io.kadring.simulator.scenario.Scenario;
import io.kadring.simulator.scenario.ScenarioOptions;
import io.kadring.simulator.scenario.ScenarioResult;
import io.kadring.simulator.scenario.Scenarios;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kadring simulate}: the real node code in a simulated network, in virtual time. Prints
 * the summary table; progress goes to stderr; {@code --json} and {@code --report} write the
 * JSON summary and an HTML report. {@code --scenario} runs an experiment from the literature.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        defaultValueProvider = SimulateCommand.Defaults.class,
        description = {"Run a network of real kadring nodes in a deterministic simulator, in virtual time, "
                + "and check every lookup against the ground truth.",
                "Same seed, same results. Durations: 90s, 10m, 1h, 2h30m."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--nodes", paramLabel = "N",
            description = "Nodes in the network (default: ${DEFAULT-VALUE}; with --scenario, the scenario's own).")
    private int nodes;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Simulated time of the workload once the network is built "
                    + "(default: ${DEFAULT-VALUE}; with --scenario, the scenario's own).")
    private long durationMillis;

    @Option(names = "--latency", paramLabel = "MODEL", converter = LatencyConverter.class,
            description = "One-way latency: constant:MS, uniform:MIN-MAX or coords:MIN-MAX (ms; coords gives each "
                    + "node a point in a plane). Default: ${DEFAULT-VALUE}.")
    private String latency;

    @Option(names = "--loss", paramLabel = "P",
            description = "Probability that a datagram is lost, in [0, 1) (default: ${DEFAULT-VALUE}).")
    private double loss;

    @Option(names = "--session-time", paramLabel = "D", converter = DurationConverter.class,
            description = "Churn: exponentially distributed sessions with this mean, departing nodes replaced "
                    + "by new ones. Absent: no churn.")
    private Long sessionMillis;

    @Option(names = "--kill-fraction", paramLabel = "P",
            description = "Share of the live nodes, in [0, 1), that fail at once half-way through "
                    + "(default: ${DEFAULT-VALUE}).")
    private double killFraction;

    @Option(names = "--lookup-interval", paramLabel = "D", converter = DurationConverter.class,
            description = "Mean time between a node's lookups of each kind (default: ${DEFAULT-VALUE}).")
    private long lookupIntervalMillis;

    @Option(names = "--adversaries", paramLabel = "FRACTION",
            description = "Share of the nodes, in [0, 0.5], that are hostile (default: ${DEFAULT-VALUE}).")
    private double adversaries;

    @Option(names = "--attack", paramLabel = "KIND",
            description = "What the adversaries do: drop, lie, eclipse, withhold, sybil-ring or mixed "
                    + "(default: ${DEFAULT-VALUE}).")
    private String attack;

    @Option(names = "--adversary-subnets", paramLabel = "N",
            description = "How many /24s the adversaries share (default: ${DEFAULT-VALUE}).")
    private int adversarySubnets;

    @Option(names = "--no-defences",
            description = "Run every node without its defences against hostile peers.")
    private boolean noDefences;

    @Option(names = "--clients", paramLabel = "FRACTION",
            description = "Share of the nodes, in [0, 1), that run in client mode: they look up, put and get, but "
                    + "no node takes them into its table or ring (default: ${DEFAULT-VALUE}).")
    private double clients;

    @Option(names = "--replica-check", paramLabel = "D", converter = DurationConverter.class,
            description = "Every publisher checks which of the k closest hold its record this often "
                    + "(e.g. 10m, as a peer does). Absent: no replica checks.")
    private Long replicaCheckMillis;

    @Option(names = "--partition-at", paramLabel = "T", converter = DurationConverter.class,
            description = "Split the network into two halves this long after the workload starts "
                    + "(with --partition-for).")
    private Long partitionAtMillis;

    @Option(names = "--partition-for", paramLabel = "D", converter = DurationConverter.class,
            description = "How long the split lasts before it heals (with --partition-at).")
    private Long partitionForMillis;

    @Option(names = "--listen-fraction", paramLabel = "P",
            description = "Listen workload: share of the nodes, in [0, 1], that listen to a live publisher's key; "
                    + "publishers then put a new seq every --update-interval (default: ${DEFAULT-VALUE}, none).")
    private double listenFraction;

    @Option(names = "--update-interval", paramLabel = "D", converter = DurationConverter.class,
            description = "With --listen-fraction: mean time between a publisher's new seqs (default: ${DEFAULT-VALUE}).")
    private long updateIntervalMillis;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "Run an experiment instead: path-length (Chord Fig. 10), mass-failure (Chord Fig. 11), "
                    + "churn (Li et al., IPTPS 2004), adversarial (every attack at 0.1, 0.2, 0.3, with and "
                    + "without defences) or partition (a 50/50 split that heals).")
    private String scenario;

    @Option(names = "--max-nodes", paramLabel = "N",
            description = "--scenario path-length: the largest network, a power of two (default: ${DEFAULT-VALUE}).")
    private int maxNodes;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON summary here.")
    private Path json;

    @Option(names = "--report", paramLabel = "DIR", description = "Write an HTML report, DIR/index.html.")
    private Path report;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkOutputs(); // before a run of minutes, not after it
        if (scenario != null) {
            ScenarioResult result = scenario().run(err);
            out.print(result.summary());
            out.flush();
            write(result.toJson(), result::writeReport);
        } else {
            Simulation simulation = new Simulation(config(), err);
            // Ctrl-C: the run stops at its next slice and what ran is printed and written
            java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
            Thread onInterrupt = new Thread(() -> {
                simulation.stop();
                try {
                    written.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "kadring-simulate-interrupt");
            boolean hooked = addShutdownHook(onInterrupt);
            try {
                SimulationReport result = simulation.run();
                out.print(result.summary());
                out.flush();
                write(result.toJson(), dir -> HtmlReport.write(result, dir));
            } finally {
                written.countDown();
                if (hooked) removeShutdownHook(onInterrupt);
            }
        }
        return 0;
    }

    /** The shutdown hook, when the JVM lets one be added (not while it is shutting down already). */
    private static boolean addShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: the JVM exits once the outputs are written
        }
    }

    /** {@code --json}'s directory exists and the file is no directory; {@code --report}'s directory can be made. */
    private void checkOutputs() {
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (Files.isDirectory(json)) throw usage("--json " + json + " is a directory; expected a file to write");
            if (parent != null && !Files.isDirectory(parent)) {
                throw usage("--json " + json + ": the directory " + parent + " does not exist");
            }
            if (parent != null && !Files.isWritable(parent)) {
                throw usage("--json " + json + ": the directory " + parent + " is not writable");
            }
        }
        if (report != null) {
            if (Files.exists(report) && !Files.isDirectory(report)) {
                throw usage("--report " + report + " is a file; expected a directory (DIR/index.html is written)");
            }
            try {
                Files.createDirectories(report);
            } catch (IOException e) {
                throw usage("--report " + report + ": cannot make the directory (" + e.getMessage() + ")");
            }
            if (!Files.isWritable(report)) throw usage("--report " + report + ": the directory is not writable");
        }
    }

    private SimulationConfig config() {
        if (given("--max-nodes")) throw usage("--max-nodes applies only to --scenario path-length");
        SimulationConfig.Builder c = SimulationConfig.builder().nodes(positive("--nodes", nodes)).seed(seed)
                .durationMillis(durationMillis).latency(latency).loss(probability("--loss", loss))
                .killFraction(probability("--kill-fraction", killFraction))
                .lookupIntervalMillis(lookupIntervalMillis).adversaries(adversaries())
                .defences(!noDefences);
        if (sessionMillis != null) c.sessionMeanMillis(sessionMillis);
        if (given("--update-interval") && !given("--listen-fraction")) {
            throw usage("--update-interval applies only with --listen-fraction");
        }
        if (!(listenFraction >= 0 && listenFraction <= 1)) {
            throw usage("--listen-fraction: expected a fraction in [0, 1], got '" + listenFraction + "'");
        }
        if (updateIntervalMillis <= 0) {
            throw usage("--update-interval: expected a duration above 0, got " + Durations.format(updateIntervalMillis));
        }
        c.listen(new ListenLoad(listenFraction, updateIntervalMillis));
        if (!(clients >= 0 && clients < 1)) throw usage("--clients: expected a fraction in [0, 1), got '" + clients + "'");
        c.clientFraction(clients);
        if (replicaCheckMillis != null) {
            if (replicaCheckMillis <= 0) {
                throw usage("--replica-check: expected a positive duration such as 10m, got "
                        + Durations.format(replicaCheckMillis));
            }
            c.replicaCheckIntervalMillis(replicaCheckMillis);
        }
        if ((partitionAtMillis == null) != (partitionForMillis == null)) {
            throw usage("--partition-at and --partition-for go together: give both or neither");
        }
        if (partitionForMillis != null) {
            checkPartitionFor();
            if (partitionAtMillis + partitionForMillis >= durationMillis) {
                throw usage("--partition-at " + Durations.format(partitionAtMillis) + " --partition-for "
                        + Durations.format(partitionForMillis) + ": the partition must heal before the end of "
                        + "--duration " + Durations.format(durationMillis));
            }
            c.partition(partitionAtMillis, partitionForMillis);
        }
        try {
            return c.build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private Adversaries adversaries() {
        if (!(adversaries >= 0 && adversaries <= 0.5)) {
            throw usage("--adversaries: expected a fraction in [0, 0.5], got '" + adversaries + "'");
        }
        Attack kind;
        try {
            kind = Attack.parse(attack);
        } catch (IllegalArgumentException e) {
            throw usage("--attack: " + e.getMessage());
        }
        positive("--adversary-subnets", adversarySubnets);
        if (adversaries == 0 && (given("--attack") || given("--adversary-subnets"))) {
            throw usage("--attack and --adversary-subnets need --adversaries FRACTION above 0");
        }
        return new Adversaries(adversaries, kind, adversarySubnets);
    }

    private Scenario scenario() {
        if (!Scenarios.names().contains(scenario)) {
            throw usage("--scenario: unknown scenario '" + scenario + "'; expected one of "
                    + String.join(", ", Scenarios.names()));
        }
        for (String option : List.of("--session-time", "--kill-fraction", "--lookup-interval", "--adversaries",
                "--attack", "--adversary-subnets", "--no-defences", "--clients", "--replica-check")) {
            if (given(option)) throw usage(option + " does not apply to --scenario: each scenario sets its own");
        }
        boolean partition = scenario.equals(PartitionScenario.NAME);
        for (String option : List.of("--partition-at", "--partition-for")) {
            if (given(option) && !partition) throw usage(option + " applies only to --scenario partition (or without --scenario)");
        }
        boolean pathLength = scenario.equals(PathLengthScenario.NAME);
        if (given("--max-nodes") && !pathLength) throw usage("--max-nodes applies only to --scenario path-length");
        if (given("--nodes") && pathLength) {
            throw usage("--nodes does not apply to --scenario path-length: it runs every power of two up to --max-nodes");
        }
        // 0 for what the user did not give: the scenario's own
        double lossProbability = probability("--loss", loss);
        int scenarioNodes = given("--nodes") ? positive("--nodes", nodes) : 0;
        long scenarioDuration = given("--duration") ? durationMillis : 0;
        checkPartitionFor();
        ScenarioOptions options = new ScenarioOptions(seed, scenarioNodes, scenarioDuration,
                atLeast("--max-nodes", PathLengthScenario.SMALLEST, maxNodes), latency, lossProbability,
                partitionAtMillis == null ? 0 : partitionAtMillis, partitionForMillis == null ? 0 : partitionForMillis);
        try {
            return Scenarios.create(scenario, options);
        } catch (IllegalArgumentException e) {
            throw usage("--scenario " + scenario + ": " + e.getMessage());
        }
    }

    /** Fails the command if {@code --partition-for} is given and not above 0. */
    private void checkPartitionFor() {
        if (partitionForMillis != null && partitionForMillis <= 0) {
            throw usage("--partition-for: expected a duration above 0, got '" + Durations.format(partitionForMillis) + "'");
        }
    }

    /** Whether the user gave {@code option} (rather than its default). */
    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** Writes the JSON and the report where asked; a file that cannot be written fails the command. */
    private void write(String jsonText, ReportWriter reportWriter) {
        PrintWriter err = spec.commandLine().getErr();
        if (json != null) {
            try {
                Files.writeString(json, jsonText + System.lineSeparator(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CommandFailure.io("cannot write the JSON summary to " + json, e);
            }
            err.println("JSON summary: " + json);
        }
        if (report != null) {
            try {
                err.println("report: " + reportWriter.write(report));
            } catch (IOException e) {
                throw CommandFailure.io("cannot write the report into " + report, e);
            }
        }
    }

    private interface ReportWriter {
        Path write(Path dir) throws IOException;
    }

    private int positive(String option, int value) {
        return atLeast(option, 1, value);
    }

    private int atLeast(String option, int min, int value) {
        if (value < min) throw usage(option + ": expected at least " + min + ", got '" + value + "'");
        return value;
    }

    private double probability(String option, double p) {
        if (!(p >= 0 && p < 1)) throw usage(option + ": expected a probability in [0, 1), got '" + p + "'");
        return p;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The simulator's own defaults, so that they are written down once and {@code --help} shows them. */
    static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec option)) return null;
            SimulationConfig d = SimulationConfig.defaults();
            return switch (option.longestName()) {
                case "--nodes" -> Integer.toString(d.nodes());
                case "--seed" -> Long.toString(d.seed());
                case "--duration" -> Durations.format(d.durationMillis());
                case "--latency" -> d.latency();
                case "--loss" -> Double.toString(d.loss());
                case "--kill-fraction" -> Double.toString(d.killFraction());
                case "--lookup-interval" -> Durations.format(d.lookupIntervalMillis());
                case "--max-nodes" -> Integer.toString(PathLengthScenario.LARGEST);
                case "--adversaries" -> Double.toString(d.adversaries().fraction());
                case "--attack" -> Attack.MIXED.label();
                case "--adversary-subnets" -> Integer.toString(Adversaries.DEFAULT_SUBNETS);
                case "--listen-fraction" -> Double.toString(d.listen().fraction());
                case "--update-interval" -> Durations.format(d.listen().updateIntervalMillis());
                default -> null;
            };
        }
    }
}
