package io.kadring.bootstrap.cli;

import io.kadring.overlay.HostPort;
import java.net.InetSocketAddress;

/** A {@code host:port} (or {@code [ipv6]:port}), the name resolved now. */
final class AddressConverter extends ParsingConverter<InetSocketAddress> {
    @Override
    InetSocketAddress parse(String value) {
        return HostPort.parse(value);
    }
}
