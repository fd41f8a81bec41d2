package io.kadring.bootstrap.cli;

import io.kadring.bootstrap.text.Json;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * How a failed command tells the user: "kadring: MESSAGE" on stderr, or, for a client command
 * given {@code --json}, one object {@code {"error": MESSAGE, "reason": CODE}} on stdout. Never
 * an exception's class name; a stack trace only when {@value #DEBUG} is set.
 */
public final class FailureReport implements IParameterExceptionHandler, IExecutionExceptionHandler {
    /** The environment variable that, set to anything, adds the stack trace of an internal error. */
    public static final String DEBUG = "KADRING_DEBUG";
    /** The reason code of bad usage. */
    static final String USAGE = "usage";
    /** The reason code of a bug. */
    static final String INTERNAL = "internal";

    private final boolean debug;

    public FailureReport(Map<String, String> environment) {
        String value = environment.get(DEBUG);
        this.debug = value != null && !value.isEmpty();
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine bad = e.getCommandLine();
        String message = message(e);
        if (wantsJson(bad, args)) {
            json(bad, message, USAGE);
            return ExitCode.USAGE;
        }
        bad.getErr().println("kadring: " + message);
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, bad.getErr())) {
            bad.getErr().println("Try '" + bad.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        if (e instanceof CommandFailure failure) {
            report(command, failure.getMessage(), failure.reason());
            return failure.exitCode();
        }
        String message = e.getMessage();
        report(command, message == null || message.isBlank()
                ? "internal error, with no message; set " + DEBUG + "=1 to see where"
                : "internal error: " + message, INTERNAL);
        if (debug) e.printStackTrace(command.getErr());
        return ExitCode.FAILED;
    }

    private void report(CommandLine command, String message, String reason) {
        if (wantsJson(command, null)) {
            json(command, message, reason);
        } else {
            command.getErr().println("kadring: " + message);
        }
    }

    private static void json(CommandLine command, String message, String reason) {
        PrintWriter out = command.getOut();
        out.println(Json.compact(Json.object().put("error", message).put("reason", reason)));
        out.flush();
    }

    /**
     * picocli's "Invalid value for option '--k': must be ..." becomes "--k must be ...", the way
     * this command's own checks put it; every other message is picocli's.
     */
    private static String message(ParameterException e) {
        if (e.getCause() instanceof TypeConversionException conversion && e.getArgSpec() instanceof OptionSpec option
                && conversion.getMessage() != null && conversion.getMessage().startsWith("must be ")) {
            return option.longestName() + " " + conversion.getMessage();
        }
        return e.getMessage();
    }

    /**
     * Whether {@code command} is a client command asked for JSON: its {@code --json} is set, or
     * (when parsing failed before it was) among the arguments before any {@code --}.
     */
    private static boolean wantsJson(CommandLine command, String[] args) {
        for (CommandSpec mixin : command.getCommandSpec().mixins().values()) {
            if (mixin.userObject() instanceof ClientOptions options) {
                if (options.json) return true;
                if (args == null) return false;
                for (String arg : args) {
                    if (arg.equals("--")) return false;
                    if (arg.equals(ClientOptions.JSON)) return true;
                }
                return false;
            }
        }
        return false;
    }
}
