/**
 * One picocli command class per subcommand of {@code kadring}, their value converters, the
 * admin API client and options the client commands share, and how a failed command reports
 * itself ({@code FailureReport}: a message, or JSON with {@code --json}; never an exception's
 * class name) with which {@code ExitCode}. Commands parse and validate; the work lives in
 * {@code io.kadring.bootstrap.peer} and the library modules.
 *
 * <p>Uses {@code peer} and {@code text} only, never the root package: {@code Main} depends on
 * this package, not the other way round. What a command needs of its run (environment,
 * raw stdout) comes through {@link io.kadring.bootstrap.cli.Invocation}, which {@code Main}
 * implements; {@code --version} is {@link io.kadring.bootstrap.cli.Version}.
 */
package io.kadring.bootstrap.cli;
