package io.kadring.bootstrap.cli;

import java.net.InetSocketAddress;
import picocli.CommandLine.Option;

/** {@code --admin host:port}: where the client commands find a peer's admin API. */
final class AdminOption {
    @Option(names = "--admin", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7421",
            converter = AddressConverter.class,
            description = "The peer's admin API (its --admin-port; default ${DEFAULT-VALUE}).")
    InetSocketAddress address;

    AdminClient client() {
        return new AdminClient(address);
    }
}
