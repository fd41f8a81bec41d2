package io.kadring.bootstrap;

import io.kadring.bootstrap.cli.AnnounceCommand;
import io.kadring.bootstrap.cli.AnnouncementsCommand;
import io.kadring.bootstrap.cli.DeleteCommand;
import io.kadring.bootstrap.cli.ExitCode;
import io.kadring.bootstrap.cli.FailureReport;
import io.kadring.bootstrap.cli.GetCommand;
import io.kadring.bootstrap.cli.Invocation;
import io.kadring.bootstrap.cli.KeygenCommand;
import io.kadring.bootstrap.cli.ListenCommand;
import io.kadring.bootstrap.cli.LookupCommand;
import io.kadring.bootstrap.cli.PeerCommand;
import io.kadring.bootstrap.cli.PutCommand;
import io.kadring.bootstrap.cli.ReplicasCommand;
import io.kadring.bootstrap.cli.SimulateCommand;
import io.kadring.bootstrap.cli.StatusCommand;
import io.kadring.bootstrap.cli.SuccessorCommand;
import io.kadring.bootstrap.cli.Version;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kadring} command. Exit codes: 0 success, 1 the operation failed (peer unreachable,
 * nothing found, a file in the way), 2 bad usage (the message names the bad value). Every
 * command takes {@code --help} and {@code --version}; {@code kadring help COMMAND} is the same
 * as {@code kadring COMMAND --help}. Failures are reported by {@link FailureReport}.
 *
 * <p>Only {@link #main} exits the JVM; tests call {@link #run(PrintWriter, PrintWriter, Map, String...)}.
 */
@Command(name = "kadring",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "A peer-to-peer DHT node: Kademlia routing over a Chord ring.",
        subcommands = {CommandLine.HelpCommand.class, KeygenCommand.class, PeerCommand.class, StatusCommand.class,
                LookupCommand.class, SuccessorCommand.class, PutCommand.class, GetCommand.class, ReplicasCommand.class,
                AnnounceCommand.class, AnnouncementsCommand.class, DeleteCommand.class, ListenCommand.class,
                SimulateCommand.class})
public final class Main implements Invocation {
    /** The operation failed ({@link ExitCode#FAILED}). */
    public static final int FAILED = ExitCode.FAILED;
    /** Bad usage: an unknown option, a malformed value ({@link ExitCode#USAGE}). */
    public static final int USAGE = ExitCode.USAGE;

    private final Map<String, String> environment;
    private final OutputStream stdout;

    private Main(Map<String, String> environment, OutputStream stdout) {
        this.environment = Map.copyOf(environment);
        this.stdout = stdout;
    }

    public static void main(String... args) {
        System.exit(run(args));
    }

    /** Runs the command on the process's standard streams and environment; returns the exit code. */
    public static int run(String... args) {
        return run(System.out, new PrintWriter(System.err, true), System.getenv(), args);
    }

    /**
     * Runs the command with the given streams and environment variables; returns the exit code.
     * Raw bytes a command prints (the value {@code get} finds) reach {@code out} decoded as UTF-8.
     */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, String... args) {
        return run(new WriterOutputStream(out), out, err, environment, args);
    }

    /** Runs the command with standard output as a byte stream (raw values come through as they are). */
    public static int run(OutputStream out, PrintWriter err, Map<String, String> environment, String... args) {
        return run(out, new PrintWriter(out, true), err, environment, args);
    }

    private static int run(OutputStream stdout, PrintWriter out, PrintWriter err, Map<String, String> environment,
                           String... args) {
        CommandLine cli = new CommandLine(new Main(environment, stdout));
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExpandAtFiles(false); // "@FILE" is put's value from a file, not picocli's argument file
        FailureReport failures = new FailureReport(environment);
        cli.setParameterExceptionHandler(failures);
        cli.setExecutionExceptionHandler(failures);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public OutputStream stdout() {
        return stdout;
    }

    @Override
    public String environment(String name) {
        return environment.get(name);
    }
}
