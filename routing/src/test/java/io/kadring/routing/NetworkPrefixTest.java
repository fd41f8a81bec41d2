package io.kadring.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

final class NetworkPrefixTest {
    private static InetSocketAddress at(String ip) {
        return RoutingTableTest.address(ip, 7420);
    }

    @Test
    void thePrefixIsEqualExactlyWhenSamePrefixSaysSo() {
        String[] ips = {"45.1.2.3", "45.1.2.200", "45.1.3.3", "46.1.2.3", "2001:db8:0:1::5", "2001:db8:0:1:ffff::9",
                "2001:db8:0:2::5", "::ffff:45.1.2.9", "0.45.1.2", "::2d01:203"};
        for (String x : ips) {
            for (String y : ips) {
                boolean same = NetworkPrefix.samePrefix(at(x), at(y));
                assertEquals(same, NetworkPrefix.of(at(x)).equals(NetworkPrefix.of(at(y))), x + " and " + y);
            }
        }
        assertTrue(NetworkPrefix.samePrefix(at("45.1.2.3"), at("::ffff:45.1.2.9")), "a mapped IPv4 address is IPv4");
        assertFalse(NetworkPrefix.samePrefix(at("0.45.1.2"), at("::2d01:203")), "families never share a prefix");
        assertNotEquals(NetworkPrefix.of(at("0.45.1.2")), NetworkPrefix.of(at("::2d01:203")));
    }

    @Test
    void anUnresolvedAddressHasNoPrefix() {
        assertNull(NetworkPrefix.of(InetSocketAddress.createUnresolved("seed.invalid", 7420)));
    }
}
