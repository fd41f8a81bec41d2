package io.kadring.routing;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The network-prefix rule behind bucket diversity: addresses in one IPv4 /24 or one
 * IPv6 /64 count as one operator. Loopback, private, link-local, unique-local and the
 * unspecified address are exempt, so local networks and tests are not limited.
 */
final class NetworkPrefix {
    private NetworkPrefix() {
    }

    /** Whether {@code address} takes no part in the diversity limit. */
    static boolean isExempt(InetSocketAddress address) {
        InetAddress a = address.getAddress();
        return a == null // unresolved: not from the network
                || a.isLoopbackAddress()
                || a.isSiteLocalAddress()
                || a.isLinkLocalAddress()
                || a.isAnyLocalAddress()
                || (a instanceof Inet6Address && (a.getAddress()[0] & 0xFE) == 0xFC); // fc00::/7
    }

    /** Whether two (non-exempt) addresses share a /24 (IPv4) or a /64 (IPv6). */
    static boolean samePrefix(InetSocketAddress x, InetSocketAddress y) {
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
