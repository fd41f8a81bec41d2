package io.kadring.routing;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The network-prefix rule behind bucket diversity: addresses in one IPv4 /24 or one
 * IPv6 /64 count as one operator. The unspecified address and unresolved ones are exempt;
 * loopback, and private, link-local and unique-local addresses, as the config says, so local
 * networks and tests need not be limited.
 */
public final class NetworkPrefix {
    private NetworkPrefix() {
    }

    /** Whether {@code address} takes no part in the diversity limit. */
    static boolean isExempt(InetSocketAddress address, boolean exemptLoopback, boolean exemptPrivate) {
        InetAddress a = address.getAddress();
        if (a == null || a.isAnyLocalAddress()) return true; // unresolved: not from the network
        if (a.isLoopbackAddress()) return exemptLoopback;
        boolean isPrivate = a.isSiteLocalAddress() || a.isLinkLocalAddress()
                || (a instanceof Inet6Address && (a.getAddress()[0] & 0xFE) == 0xFC); // fc00::/7
        return isPrivate && exemptPrivate;
    }

    /** A /24 (IPv4) or /64 (IPv6): the leading bits of the address, and which family. */
    public record Prefix(long bits, boolean v6) {}

    /** The prefix {@code address} is in, as {@link #samePrefix} counts it; null when it has no address. */
    public static Prefix of(InetSocketAddress address) {
        InetAddress a = address.getAddress();
        if (a == null) return null;
        byte[] p = a.getAddress();
        int bytes = p.length == 4 ? 3 : 8;
        long bits = 0;
        for (int i = 0; i < bytes; i++) bits = bits << 8 | (p[i] & 0xFF);
        return new Prefix(bits, p.length != 4);
    }

    /** Whether two (non-exempt) addresses share a /24 (IPv4) or a /64 (IPv6). */
    public static boolean samePrefix(InetSocketAddress x, InetSocketAddress y) {
        InetAddress a = x.getAddress();
        InetAddress b = y.getAddress();
        if (a == null || b == null) return false;
        if (a instanceof Inet4Address != b instanceof Inet4Address) return false;
        byte[] p = a.getAddress();
        byte[] q = b.getAddress();
        int bytes = p.length == 4 ? 3 : 8;
        for (int i = 0; i < bytes; i++) {
            if (p[i] != q[i]) return false;
        }
        return true;
    }
}
