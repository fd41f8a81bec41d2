/**
 * One picocli command class per subcommand of {@code kadring}, their value converters, the
 * admin API client and options the client commands share, and how a failed command reports
 * itself ({@code FailureReport}: a message, or JSON with {@code --json}; never an exception's
 * class name). Commands parse and validate; the work lives in
 * {@code io.kadring.bootstrap.peer} and {@code io.kadring.bootstrap.state}.
 */
package io.kadring.bootstrap.cli;
