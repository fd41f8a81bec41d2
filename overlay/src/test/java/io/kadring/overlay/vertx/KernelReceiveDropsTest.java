package io.kadring.overlay.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Parsing the kernel's UDP tables: a sample of /proc/net/udp and /proc/net/snmp, no socket. */
final class KernelReceiveDropsTest {
    // two sockets on port 7420 (0x1CFC: 127.0.0.1 and 0.0.0.0) and one on 53 (0x0035)
    private static final String UDP = """
               sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
              120: 0100007F:1CFC 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 48213 2 ffff8f0c1a2b3c00 17
              121: 00000000:1CFC 00000000:0000 07 00000000:00034000 00:00000000 00000000  1000        0 48214 2 ffff8f0c1a2b3d00 3
              122: 3500007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 20011 2 ffff8f0c1a2b3e00 0
            """;

    private static final String SNMP = """
            Ip: Forwarding DefaultTTL InReceives
            Ip: 1 64 123456
            Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
            Udp: 98765 12 40 97000 38 0 0 0 0
            """;

    @Test
    void ofPort_sumsTheDropsColumnOfTheRowsWithThatLocalPort() {
        assertEquals(OptionalLong.of(20), KernelReceiveDrops.ofPort(UDP, 7420));
        assertEquals(OptionalLong.of(0), KernelReceiveDrops.ofPort(UDP, 53));
    }

    @Test
    void ofPort_isEmptyForAPortNoRowHas_orATableThatIsNotThere() {
        assertEquals(OptionalLong.empty(), KernelReceiveDrops.ofPort(UDP, 7421));
        assertEquals(OptionalLong.empty(), KernelReceiveDrops.ofPort("", 7420));
    }

    @Test
    void fromSnmp_readsRcvbufErrorsOfTheUdpRows() {
        assertEquals(OptionalLong.of(38), KernelReceiveDrops.fromSnmp(SNMP));
        assertEquals(OptionalLong.empty(), KernelReceiveDrops.fromSnmp("Ip: Forwarding\nIp: 1\n"));
    }
}
