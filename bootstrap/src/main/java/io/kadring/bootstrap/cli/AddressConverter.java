package io.kadring.bootstrap.cli;

import io.kadring.overlay.HostPort;
import java.net.InetSocketAddress;

/** A {@code host:port} (or {@code [ipv6]:port}), the name resolved now. */
class AddressConverter extends ParsingConverter<InetSocketAddress> {
    @Override
    InetSocketAddress parse(String value) {
        return HostPort.parse(value);
    }

    /** A {@code host:port} whose name is kept, to be resolved when used (and each time): bootstrap nodes. */
    static final class Name extends AddressConverter {
        @Override
        InetSocketAddress parse(String value) {
            return HostPort.parseName(value);
        }
    }
}
