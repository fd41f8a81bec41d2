/**
 * One picocli command class per subcommand of {@code kadring}, their value converters and the
 * admin API client the client commands share. Commands parse and validate; the work lives in
 * {@code io.kadring.bootstrap.peer} and {@code io.kadring.bootstrap.state}.
 */
package io.kadring.bootstrap.cli;
