package io.kadring.bootstrap.cli;

import static io.kadring.bootstrap.TestPeers.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.Main;
import io.kadring.bootstrap.TestPeers.Run;
import io.kadring.bootstrap.peer.PeerSettings;
import io.kadring.overlay.node.NodeConfig;
import io.kadring.storage.StoreConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code kadring peer}'s tuning flags and --config file, parsed into PeerSettings (no peer is started). */
final class PeerConfigTest {
    private static final String BOOTSTRAP = "127.0.0.1:7420";

    @TempDir
    Path dir;

    /** The settings {@code kadring peer args...} would run with. */
    private static PeerSettings settings(String... args) {
        PeerCommand peer = new PeerCommand();
        CommandLine cli = new CommandLine(peer);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.parseArgs(args);
        return peer.settings();
    }

    private Path config(String text) throws IOException {
        return Files.writeString(dir.resolve("peer.conf"), text, StandardCharsets.UTF_8);
    }

    private static void assertUsageError(Run run, String message) {
        assertEquals(Main.USAGE, run.exitCode(), run.err());
        assertEquals("kadring: " + message, run.err().lines().findFirst().orElse(""));
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void withoutTuning_theNodeGetsItsDefaults() {
        assertEquals(PeerSettings.defaultNodeConfig(), settings("--bootstrap", BOOTSTRAP).node());
    }

    @Test
    void tuningFlags_reachTheNodeConfig() {
        NodeConfig node = settings("--bootstrap", BOOTSTRAP, "--k", "10", "--alpha", "2", "--successors", "4",
                "--stabilize-interval", "0.5", "--replicate-interval", "600", "--record-lifetime", "172800",
                "--requests-per-second", "50", "--max-store-bytes", "1048576", "--max-records-per-publisher", "10",
                "--max-records-per-source", "20").node();
        assertEquals(10, node.k());
        assertEquals(2, node.alpha());
        assertEquals(4, node.successorListSize());
        assertEquals(500, node.stabilizeIntervalMillis());
        assertEquals(600_000, node.replicateIntervalMillis());
        assertEquals(172_800_000, node.recordLifetimeMillis());
        assertEquals(50, node.requestsPerSecondPerSource());
        // the store keeps records as long as this node's lifetime asks, longer than its default limit
        assertEquals(new StoreConfig(1_048_576, 172_800_000, 10, 20), node.store());
        assertEquals(0, node.joinAttempts(), "the peer's own default is kept");
    }

    @Test
    void advertise_reachesTheSettings_andAWildcardIsAUsageError() {
        assertEquals(new java.net.InetSocketAddress("198.51.100.7", 7420),
                settings("--bootstrap", BOOTSTRAP, "--advertise", "198.51.100.7:7420").advertise());
        assertUsageError(io.kadring.bootstrap.TestPeers.cli("peer", "--advertise", "0.0.0.0:7420"),
                "--advertise must name the address and port other nodes reach this one at, got '0.0.0.0:7420' "
                        + "(a wildcard address or port 0 says nothing)");
    }

    @Test
    void client_isOffByDefault_andTurnsOnClientMode_fromTheFlagOrTheConfigFile() throws IOException {
        assertFalse(settings("--bootstrap", BOOTSTRAP).node().clientMode());
        assertTrue(settings("--bootstrap", BOOTSTRAP, "--client").node().clientMode());
        Path file = config("client = true\nbootstrap = " + BOOTSTRAP + "\n");
        assertTrue(settings("--config", file.toString()).node().clientMode());
        Path bad = config("client = sometimes\n");
        Run run = io.kadring.bootstrap.TestPeers.cli("peer", "--config", bad.toString());
        assertEquals(Main.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("client") && run.err().contains("sometimes"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void aKBelowTheAnswersAGetWaitsFor_lowersThatNumberToK() {
        assertEquals(2, settings("--bootstrap", BOOTSTRAP, "--k", "2").node().getEnough());
    }

    @Test
    void aConfigFile_setsTuningAndPeerOptions() throws IOException {
        Path file = config("""
                # a test peer
                port = 7500
                bootstrap = 127.0.0.1:7420, 127.0.0.1:7430
                data-dir = peer-data
                new-identity = TRUE
                log-level = debug

                k = 12
                stabilize-interval = 2.5
                max-records-per-source = 300
                """);
        PeerSettings settings = settings("--config", file.toString());
        assertEquals(7500, settings.port());
        assertEquals(7501, settings.adminPort());
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 7420), new InetSocketAddress("127.0.0.1", 7430)),
                settings.bootstrap());
        assertEquals(Path.of("peer-data"), settings.dataDir());
        assertTrue(settings.newIdentity());
        assertEquals(12, settings.node().k());
        assertEquals(2_500, settings.node().stabilizeIntervalMillis());
        assertEquals(300, settings.node().store().maxRecordsPerSource());
        assertEquals(PeerSettings.defaultNodeConfig().alpha(), settings.node().alpha());
    }

    @Test
    void flagsOnTheCommandLine_winOverTheConfigFile() throws IOException {
        Path file = config("port = 7500\nk = 12\nalpha = 4\nbootstrap = 127.0.0.1:7420\n");
        PeerSettings settings = settings("--k", "8", "--config", file.toString(), "--port", "7600",
                "--bootstrap", "127.0.0.1:9000");
        assertEquals(8, settings.node().k());
        assertEquals(7600, settings.port());
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 9000)), settings.bootstrap());
        assertEquals(4, settings.node().alpha(), "what the flags leave alone, the file still sets");
    }

    @Test
    void anUnknownSetting_isAUsageErrorNamingItsLineAndTheKnownOnes() throws IOException {
        Path file = config("# tuning\nk = 12\nbucket-size = 20\n");
        Run run = cli("peer", "--config", file.toString());
        assertEquals(Main.USAGE, run.exitCode(), run.err());
        String first = run.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("kadring: config " + file + " line 3: unknown setting 'bucket-size'; known: port, "),
                first);
        assertTrue(first.contains("stabilize-interval") && first.contains("max-records-per-source"), first);
        assertFalse(first.contains("config,") || first.contains("help") || first.contains("version"), first);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "k = 0                 | line 2: k must be a whole number between 1 and 20, got '0'",
            "successors = 17       | line 2: successors must be a whole number between 1 and 16, got '17'",
            "stabilize-interval = soon | line 2: stabilize-interval must be a number of seconds from 0.001 to 1000000000, got 'soon'",
            "port = 70000          | line 2: port must be a port number in 0..65535, got '70000'",
            "new-identity = yes    | line 2: new-identity must be true or false, got 'yes'",
            "log-level = loud      | line 2: log-level: expected one of [TRACE, DEBUG, INFO, WARN, ERROR, OFF] (case-insensitive) but was 'loud'"})
    void aBadValueInTheConfigFile_isAUsageErrorNamingItsLine(String line, String message) throws IOException {
        Path file = config("# tuning\n" + line + "\n");
        assertUsageError(cli("peer", "--config", file.toString()), "config " + file + " " + message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--k                  | 21  | --k must be a whole number between 1 and 20, got '21'",
            "--alpha              | 0   | --alpha must be a whole number between 1 and 20, got '0'",
            "--requests-per-second| -5  | --requests-per-second must be a whole number between 1 and 2147483647, got '-5'",
            "--max-store-bytes    | 1MB | --max-store-bytes must be a whole number of bytes of at least 1, got '1MB'",
            "--recv-buffer        | 4MiB | --recv-buffer must be a whole number between 0 and 1073741824, got '4MiB'",
            "--recv-buffer        | -1  | --recv-buffer must be a whole number between 0 and 1073741824, got '-1'",
            "--record-lifetime    | 0   | --record-lifetime must be a number of seconds from 0.001 to 1000000000, got '0'"})
    void aBadTuningFlag_isAUsageErrorNamingTheValueAndWhatWasExpected(String flag, String value, String message) {
        assertUsageError(cli("peer", flag + "=" + value), message);
    }

    @Test
    void defences_areAllOnByDefault_andEachCanBeTurnedOff_asCanTheExemptions() {
        NodeConfig defaults = settings("--bootstrap", BOOTSTRAP).node();
        assertEquals(io.kadring.overlay.node.Defences.ALL, defaults.defences());
        assertTrue(defaults.exemptLoopback());
        assertTrue(defaults.exemptPrivate());

        NodeConfig some = settings("--bootstrap", BOOTSTRAP, "--disable-defence", "anti-amplification,source-quotas",
                "--disable-defence", "ring-diversity", "--no-exempt-loopback", "--no-exempt-private").node();
        assertEquals(new io.kadring.overlay.node.Defences(true, true, false, true, true, false, true, false),
                some.defences());
        assertFalse(some.exemptLoopback());
        assertFalse(some.exemptPrivate());
        assertEquals(io.kadring.overlay.node.Defences.NONE,
                settings("--bootstrap", BOOTSTRAP, "--disable-defence", "all").node().defences());
    }

    @Test
    void anUnknownDefence_isAUsageErrorNamingItAndTheNamesExpected() {
        assertUsageError(cli("peer", "--disable-defence", "moat"), "--disable-defence: 'moat' is not a defence; "
                + "expected one of verified-contacts, disjoint-paths, ring-diversity, response-liveness, address-quorum, "
                + "anti-amplification, bounded-signatures, source-quotas, or all");
    }

    @Test
    void recvBuffer_defaultsTo4MiB_andReachesThePeerSettings() {
        assertEquals(4 << 20, settings("--bootstrap", BOOTSTRAP).receiveBufferBytes());
        assertEquals(65_536, settings("--bootstrap", BOOTSTRAP, "--recv-buffer", "65536").receiveBufferBytes());
    }

    @Test
    void aRecordLifetimeNoLongerThanTheReplicateInterval_isAUsageError() {
        assertUsageError(cli("peer", "--record-lifetime", "600", "--replicate-interval", "600"),
                "--record-lifetime (600 s) must be longer than --replicate-interval (600 s), or records expire before "
                        + "they are republished");
    }

    @Test
    void aMissingConfigFile_isAUsageErrorNamingIt() {
        Path missing = dir.resolve("missing.conf");
        assertUsageError(cli("peer", "--config", missing.toString()),
                "config " + missing + ": cannot read it: no such file or directory");
    }

    @Test
    void help_isShownEvenWithABadConfigFile() throws IOException {
        Run run = cli("peer", "--config", config("k = 0\n").toString(), "--help");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("--stabilize-interval=SECONDS"), run.out());
        assertTrue(run.out().contains("Config file (--config FILE)"), run.out());
        assertTrue(run.out().replaceAll("\\s+", " ").contains("ring stabilization rounds (default 30)"),
                "the node's defaults are shown: " + run.out());
    }

    @Test
    void secondsAreFormattedAsTheyAreRead() {
        assertEquals("0.5", SecondsConverter.format(Duration.ofMillis(500)));
        assertEquals("86400", SecondsConverter.format(Duration.ofDays(1)));
        assertEquals(Duration.ofMillis(1_250), new SecondsConverter().convert("1.25"));
    }
}
