/**
 * The {@code kadring} command: {@link io.kadring.bootstrap.Main}, which runs it on a process's
 * streams and environment. Sub-packages: {@code cli} (one class per subcommand), {@code peer}
 * (the running peer process), {@code admin} (its HTTP API), {@code state} (files in the data
 * directory), {@code text} (the text forms of addresses, keys and records they share).
 *
 * <p>This module is the IO edge: it may read clocks, open sockets and log through SLF4J/Logback.
 * Nothing in the library modules may depend on it.
 */
package io.kadring.bootstrap;
