package io.kadring.overlay;

import java.net.InetSocketAddress;

/** Parses {@code host:port} and {@code [v6]:port} as users type them. */
public final class HostPort {
    private HostPort() {}

    /** The address {@code text} names, resolved now; a clear message names what is wrong. */
    public static InetSocketAddress parse(String text) {
        InetSocketAddress address = parseName(text);
        if (address.isUnresolved()) {
            address = new InetSocketAddress(address.getHostString(), address.getPort());
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("cannot resolve host '" + address.getHostString() + "' in '"
                        + text.trim() + "'");
            }
        }
        return address;
    }

    /**
     * As {@link #parse}, but a host name is kept as a name, unresolved
     * ({@link InetSocketAddress#isUnresolved()}), to be resolved when it is used, and each time:
     * a bootstrap name may stand for many hosts and change. IP literals come back resolved (no
     * lookup is needed for them).
     */
    public static InetSocketAddress parseName(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected host:port, got an empty value");
        }
        String s = text.trim();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("expected [ipv6]:port, got '" + text + "'");
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || s.indexOf(':') != colon) {
                throw new IllegalArgumentException("expected host:port (IPv6 as [addr]:port), got '" + text + "'");
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port in '" + text + "' is not a number: '" + port + "'");
        }
        if (p < 1 || p > 65_535) {
            throw new IllegalArgumentException("port in '" + text + "' must be in 1..65535, got " + p);
        }
        if (host.isEmpty()) throw new IllegalArgumentException("expected host:port, got no host in '" + text + "'");
        return isLiteral(host) ? new InetSocketAddress(host, p) : InetSocketAddress.createUnresolved(host, p);
    }

    /** An IPv4 dotted quad or an IPv6 address (which has colons): no DNS needed. */
    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
