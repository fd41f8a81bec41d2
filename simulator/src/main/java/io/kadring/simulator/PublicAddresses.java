package io.kadring.simulator;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Hands out public-looking IPv4 /24s, one after another, skipping the ranges that are not
 * routed on the internet (this network, private, shared, loopback, link-local, documentation,
 * benchmarking, multicast, reserved), so the routing table's per-prefix diversity limit applies
 * to simulated nodes as it would on the internet. Consecutive /24s are spread over the space
 * (a fixed odd stride), so neighbours in issue order do not share a /16 either.
 */
final class PublicAddresses {
    /** /24s in the IPv4 space. */
    private static final int SUBNETS = 1 << 24;
    /** An odd stride visits every /24 once before repeating. */
    private static final int STRIDE = 0x9E3779 | 1;

    private int issued;
    private int cursor;

    /** The next usable /24, as its first three octets in the low 24 bits. */
    int nextSubnet() {
        while (issued++ < SUBNETS) {
            cursor = (cursor + STRIDE) & (SUBNETS - 1);
            if (isPublic(cursor)) return cursor;
        }
        throw new IllegalStateException("the public IPv4 /24s are used up");
    }

    /** Host {@code host} (1..254) of {@code subnet}, at {@code port}. */
    static InetSocketAddress address(int subnet, int host, int port) {
        if (host < 1 || host > 254) throw new IllegalArgumentException("host must be in 1..254, got " + host);
        byte[] ip = {(byte) (subnet >>> 16), (byte) (subnet >>> 8), (byte) subnet, (byte) host};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }

    /** Whether the /24 {@code subnet} is globally routable (RFC 6890's special-purpose ranges excluded). */
    static boolean isPublic(int subnet) {
        int a = subnet >>> 16;
        int b = (subnet >>> 8) & 0xFF;
        int c = subnet & 0xFF;
        return !(a == 0 || a == 10 || a == 127 || a >= 224
                || (a == 100 && b >= 64 && b < 128)
                || (a == 169 && b == 254)
                || (a == 172 && b >= 16 && b < 32)
                || (a == 192 && b == 0 && (c == 0 || c == 2))
                || (a == 192 && b == 88 && c == 99)
                || (a == 192 && b == 168)
                || (a == 198 && (b == 18 || b == 19))
                || (a == 198 && b == 51 && c == 100)
                || (a == 203 && b == 0 && c == 113));
    }
}
