package io.kadring.overlay;

import java.net.InetSocketAddress;

/** Parses {@code host:port} and {@code [v6]:port} as users type them. */
public final class HostPort {
    private HostPort() {}

    /** The address {@code text} names, resolved now; a clear message names what is wrong. */
    public static InetSocketAddress parse(String text) {
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
        InetSocketAddress address = new InetSocketAddress(host, p);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve host '" + host + "' in '" + text + "'");
        }
        return address;
    }
}
