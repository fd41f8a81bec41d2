package io.kadring.bootstrap.text;

import java.net.InetSocketAddress;

/** Writes socket addresses as {@code ip:port} ({@code [ip6]:port}), the form HostPort parses back. */
public final class AddressText {
    private AddressText() {}

    /** The address as an IP literal and port; a name only when the address is unresolved. */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress() == null
                ? address.getHostString()
                : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
