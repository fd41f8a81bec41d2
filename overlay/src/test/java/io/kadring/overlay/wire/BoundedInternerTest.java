package io.kadring.overlay.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.routing.Id;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class BoundedInternerTest {
    private static final Identity ALICE = Identity.fromSeed(MessageCodecTest.filled(32, 1));

    @Test
    void aSourceHeardAgainOrDecoded_isTheAddressHeldBefore() throws Exception {
        BoundedInterner interner = new BoundedInterner(128);
        InetSocketAddress source = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 4000);
        assertSame(source, interner.source(source));
        assertSame(source, interner.source(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 4000)));
        assertSame(source, interner.address(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 4000)));
        assertSame(source, interner.ipv4(0xC0_00_02_07, 4000));
    }

    @Test
    void decodedAddressesIdsAndRecords_takeNoSlot() throws Exception {
        BoundedInterner interner = new BoundedInterner(128);
        InetSocketAddress decoded = WireAddress.ipv4(0xC0_00_02_08, 4000);
        assertSame(decoded, interner.address(decoded));
        InetSocketAddress again = WireAddress.ipv4(0xC0_00_02_08, 4000);
        assertSame(again, interner.address(again));
        Id id = Id.random(new SplittableRandom(1));
        assertSame(id, interner.id(id));
        NodeRecord record = NodeRecord.sign(ALICE, decoded, 1);
        assertSame(record, interner.nodeRecord(record));
        assertEquals(0, interner.held());
    }

    @Test
    void aFloodOfDistinctSources_staysWithinTheSlots_andTheLatestIsHeld() {
        BoundedInterner interner = new BoundedInterner(128);
        SplittableRandom random = new SplittableRandom(7);
        InetSocketAddress last = null;
        for (int i = 0; i < 100_000; i++) {
            last = WireAddress.ipv4(random.nextInt(), 1 + random.nextInt(65535));
            assertEquals(last, interner.source(last));
        }
        assertTrue(interner.held() <= interner.slots(), () -> interner.held() + " sources held");
        assertEquals(128, interner.slots());
        InetSocketAddress copy = WireAddress.ipv4(
                java.nio.ByteBuffer.wrap(last.getAddress().getAddress()).getInt(), last.getPort());
        assertSame(last, interner.source(copy));
    }

    @Test
    void aSourceThatLostItsSlot_isTheDecodersOwnAgain() {
        BoundedInterner interner = new BoundedInterner(1);
        InetSocketAddress a = WireAddress.ipv4(0x0A000001, 1);
        interner.source(a);
        interner.source(WireAddress.ipv4(0x0A000002, 1));
        InetSocketAddress again = WireAddress.ipv4(0x0A000001, 1);
        assertSame(again, interner.address(again));
    }

    @Test
    void slotsThatAreNotAPowerOfTwo_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> Interner.bounded(0));
        assertThrows(IllegalArgumentException.class, () -> Interner.bounded(300));
    }
}
