package io.kadring.overlay.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The rules for a socket address on the wire: {@code family 1 (4 | 6) | ip 4 | 16 | port 2}.
 * Only resolved addresses with a non-zero port; no IPv4-mapped IPv6 addresses (Java reads
 * them back as IPv4, so they would not re-encode to the same bytes).
 */
final class WireAddress {
    static final int FAMILY_IPV4 = 4;
    static final int FAMILY_IPV6 = 6;
    static final int IPV4_BYTES = 1 + 4 + 2;
    static final int IPV6_BYTES = 1 + 16 + 2;

    private WireAddress() {}

    /** Encoded size of a valid address. */
    static int size(InetSocketAddress address) {
        return address.getAddress() instanceof Inet4Address ? IPV4_BYTES : IPV6_BYTES;
    }

    /** {@code address} if it can go on the wire, else an exception naming {@code what} and why. */
    static InetSocketAddress check(InetSocketAddress address, String what) {
        if (address == null) {
            throw new NullPointerException(what);
        }
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException(what + " must be resolved, got " + address);
        }
        if (address.getPort() == 0) {
            throw new IllegalArgumentException(what + " must have a port, got " + address);
        }
        if (ip instanceof Inet6Address && isIpv4Mapped(ip.getAddress(), 0)) {
            throw new IllegalArgumentException(what + " is IPv4-mapped; use the IPv4 address: " + address);
        }
        return address;
    }

    /** The IPv4 socket address of {@code ip} (big-endian) and {@code port}. */
    static InetSocketAddress ipv4(int ip, int port) {
        byte[] bytes = {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are an IPv4 address", e);
        }
    }

    /** Whether the 16 bytes at {@code offset} are {@code ::ffff:a.b.c.d}. */
    static boolean isIpv4Mapped(byte[] ip, int offset) {
        for (int i = 0; i < 10; i++) {
            if (ip[offset + i] != 0) {
                return false;
            }
        }
        return ip[offset + 10] == (byte) 0xFF && ip[offset + 11] == (byte) 0xFF;
    }
}
