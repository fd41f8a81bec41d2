package io.kadring.bootstrap;

import static io.kadring.bootstrap.TestPeers.cli;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.TestPeers.Run;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class MainTest {

    private static void assertUsageError(Run run, String... mentioned) {
        assertEquals(Main.USAGE, run.exitCode(), run.err());
        for (String m : mentioned) assertTrue(run.err().contains(m), "stderr should mention " + m + ": " + run.err());
    }

    @Test
    void help_exitsZeroAndListsTheCommands() {
        Run run = cli("--help");
        assertEquals(0, run.exitCode());
        for (String command : new String[] {"keygen", "peer", "status", "lookup", "successor", "put", "get"}) {
            assertTrue(run.out().contains(command), run.out());
        }
    }

    @Test
    void subcommandHelp_exitsZero() {
        Run run = cli("peer", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--bootstrap"), run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"keygen", "peer", "status", "lookup", "successor", "put", "get", "simulate"})
    void helpCommand_printsTheSameAsTheCommandsOwnHelp(String command) {
        Run help = cli("help", command);
        Run own = cli(command, "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertEquals(0, own.exitCode(), own.err());
        assertTrue(own.out().startsWith("Usage: kadring " + command), own.out());
        assertEquals(own.out(), help.out());
    }

    @Test
    void helpOfAnUnknownCommand_isAUsageErrorNamingIt() {
        assertUsageError(cli("help", "nosuch"), "'nosuch'");
    }

    @Test
    void version_exitsZeroAndIsDevOutsideTheJar() {
        Run run = cli("--version");
        assertEquals(0, run.exitCode());
        assertEquals("kadring dev", run.out().strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"keygen", "peer", "status", "lookup", "successor", "put", "get", "simulate"})
    void everyCommand_printsTheVersionWithDashV(String command) {
        for (String flag : new String[] {"-V", "--version"}) {
            Run run = cli(command, flag);
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("kadring dev\n", run.out(), command + " " + flag);
        }
    }

    @Test
    void noCommand_isAUsageError() {
        assertUsageError(cli(), "subcommand");
    }

    @Test
    void unknownOption_isAUsageErrorNamingIt() {
        assertUsageError(cli("peer", "--colour", "red"), "--colour");
    }

    @ParameterizedTest
    @ValueSource(strings = {"70000", "-1", "abc"})
    void peerWithABadPort_isAUsageErrorNamingTheValue(String port) {
        assertUsageError(cli("peer", "--port", port), "--port", "'" + port + "'", "0..65535");
    }

    @Test
    void peerWithABadAdminPort_isAUsageErrorNamingTheValue() {
        assertUsageError(cli("peer", "--admin-port", "99999"), "--admin-port", "'99999'");
    }

    @ParameterizedTest
    @CsvSource({"nohost, 'nohost'", "127.0.0.1:0, got 0", "127.0.0.1:x, 'x'", "'127.0.0.1:7420,oops', 'oops'"})
    void peerWithABadBootstrap_isAUsageErrorNamingTheValue(String bootstrap, String named) {
        assertUsageError(cli("peer", "--bootstrap", bootstrap), "--bootstrap", named);
    }

    @Test
    void peerWithABadBootstrapInTheEnvironment_isAUsageErrorNamingTheVariable() {
        Run run = cli(Map.of("KADRING_BOOTSTRAP", "127.0.0.1:7420,nohost"), "peer", "--data-dir", "unused");
        assertUsageError(run, "KADRING_BOOTSTRAP", "'nohost'");
    }

    @Test
    void peerOnTheLastPortWithoutAnAdminPort_isAUsageError() {
        assertUsageError(cli("peer", "--port", "65535"), "--admin-port");
    }

    @Test
    void peerWithAnUnknownLogLevel_isAUsageErrorNamingTheValue() {
        assertUsageError(cli("peer", "--log-level", "loud"), "--log-level", "'loud'", "DEBUG");
    }

    @Test
    void peerWithANonPositiveSaveInterval_isAUsageError() {
        assertUsageError(cli("peer", "--save-interval", "0"), "--save-interval", "got 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lookup", "successor", "get"})
    void keyQueryWithAMalformedKey_isAUsageErrorNamingTheKey(String command) {
        assertUsageError(cli(command, "zz"), "key must be 64 hex characters, got 'zz'");
    }

    @Test
    void keyQueryWithoutAKey_isAUsageError() {
        assertUsageError(cli("lookup"), "KEY");
    }

    @Test
    void putWithoutAnIdentityOrAValue_isAUsageError() {
        assertUsageError(cli("put", "value"), "--identity");
        assertUsageError(cli("put", "--identity", "me.key"), "VALUE");
    }

    @Test
    void putWithAnAtFileThatIsMissing_failsNamingTheFileNotAsAnArgumentFile() {
        Run run = cli("put", "--identity", "missing.key", "@no-such-value-file");
        assertEquals(Main.FAILED, run.exitCode(), run.err());
        assertTrue(run.err().contains("cannot read the value from 'no-such-value-file'"), run.err());
    }

    @Test
    void clientCommandWithABadAdminAddress_isAUsageErrorNamingTheValue() {
        assertUsageError(cli("status", "--admin", "localhost"), "--admin", "'localhost'");
    }

    @Test
    void statusWithNobodyListening_failsWithExitOneNamingTheAddress() throws IOException {
        try (Socket bound = new Socket()) { // holds the port without listening: connecting is refused
            bound.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = bound.getLocalPort();
            Run run = cli("status", "--admin", "127.0.0.1:" + port);
            assertAll(() -> assertEquals(Main.FAILED, run.exitCode()),
                    () -> assertTrue(run.err().startsWith("kadring: cannot reach the peer's admin API at 127.0.0.1:"
                            + port + " (connection refused)"), run.err()),
                    () -> assertFalse(run.err().contains("Exception"), run.err()));
        }
    }
}
