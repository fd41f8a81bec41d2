package io.kadring.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Failures as the user reads them: a message, never an exception's class name. */
final class FailureReportTest {
    @Command(name = "broken")
    static final class Broken implements Callable<Integer> {
        RuntimeException failure = new IllegalStateException("the ring has no successor");

        @Override
        public Integer call() {
            throw failure;
        }
    }

    private record Outcome(int exitCode, String out, String err) {}

    private static Outcome run(Map<String, String> environment, RuntimeException failure) {
        Broken broken = new Broken();
        broken.failure = failure;
        CommandLine cli = new CommandLine(broken);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        FailureReport report = new FailureReport(environment);
        cli.setExecutionExceptionHandler(report);
        cli.setParameterExceptionHandler(report);
        int code = cli.execute();
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void anUnexpectedError_isAnInternalErrorWithItsMessageOnly() {
        Outcome outcome = run(Map.of(), new IllegalStateException("the ring has no successor"));
        assertEquals(Main.FAILED, outcome.exitCode());
        assertEquals("kadring: internal error: the ring has no successor\n", outcome.err());
    }

    @Test
    void anUnexpectedErrorWithoutAMessage_saysHowToSeeWhere() {
        Outcome outcome = run(Map.of(), new NullPointerException());
        assertEquals("kadring: internal error, with no message; set KADRING_DEBUG=1 to see where\n", outcome.err());
    }

    @Test
    void theStackTrace_isPrintedOnlyWhenKadringDebugIsSet() {
        Outcome outcome = run(Map.of(FailureReport.DEBUG, "1"), new IllegalStateException("the ring has no successor"));
        assertTrue(outcome.err().startsWith("kadring: internal error: the ring has no successor\n"), outcome.err());
        assertTrue(outcome.err().contains("\tat "), outcome.err());
    }

    @Test
    void aCommandFailure_printsItsMessageAndExitsWithItsCode() {
        Outcome failed = run(Map.of(), new CommandFailure("not found: no record under key 12", "not_found"));
        assertEquals(Main.FAILED, failed.exitCode());
        assertEquals("kadring: not found: no record under key 12\n", failed.err());
        Outcome usage = run(Map.of(), CommandFailure.usage("the key is malformed", "bad_request"));
        assertEquals(Main.USAGE, usage.exitCode());
    }

    @Test
    void fileFailures_areDescribedInWords() {
        assertEquals("cannot read identity file me.key: no such file or directory",
                CommandFailure.io("cannot read identity file me.key", new NoSuchFileException("me.key")).getMessage());
        assertEquals("cannot write the report into out: permission denied (out/index.html)",
                CommandFailure.io("cannot write the report into out", new AccessDeniedException("out/index.html"))
                        .getMessage());
        String plain = CommandFailure.io("cannot talk to it", new IOException("Connection reset")).getMessage();
        assertEquals("cannot talk to it: Connection reset", plain);
        assertFalse(plain.contains("Exception"));
    }
}
