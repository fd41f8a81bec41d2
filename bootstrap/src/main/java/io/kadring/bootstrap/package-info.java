/**
 * The {@code kadring} command: {@link io.kadring.bootstrap.Main} and the small value parsers the
 * command line and the admin API share. Sub-packages: {@code cli} (one class per subcommand),
 * {@code peer} (the running peer process), {@code admin} (its HTTP API), {@code state} (files in
 * the data directory).
 *
 * <p>This module is the IO edge: it may read clocks, open sockets and log through SLF4J/Logback.
 * Nothing in the library modules may depend on it.
 */
package io.kadring.bootstrap;
