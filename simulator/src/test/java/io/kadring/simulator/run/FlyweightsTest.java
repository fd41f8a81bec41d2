package io.kadring.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kadring.routing.Id;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class FlyweightsTest {
    private final SplittableRandom random = new SplittableRandom(3);

    @Test
    void idsAndAddresses_comeBackAsTheFirstEqualOne_byObjectOrByWords_acrossGrowth() throws Exception {
        Flyweights flyweights = new Flyweights();
        List<Id> ids = new ArrayList<>();
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Id id = Id.random(random);
            assertSame(id, flyweights.id(id));
            ids.add(id);
            byte[] ip = ByteBuffer.allocate(4).putInt(random.nextInt()).array();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByAddress(ip), 1 + random.nextInt(65535));
            if (i % 2 == 0) {
                assertSame(address, flyweights.address(address));
            } else {
                address = shared(flyweights, address); // made by the flyweights from the number
            }
            addresses.add(address);
        }
        for (int i = 0; i < ids.size(); i++) {
            Id id = ids.get(i);
            ByteBuffer words = ByteBuffer.wrap(id.toBytes());
            assertSame(id, flyweights.id(words.getLong(0), words.getLong(8), words.getLong(16), words.getLong(24)));
            assertSame(id, flyweights.id(Id.of(id.toBytes())));
            InetSocketAddress address = addresses.get(i);
            assertSame(address, shared(flyweights, address));
            assertSame(address, flyweights.address(new InetSocketAddress(address.getAddress(), address.getPort())));
        }
    }

    @Test
    void anAddressMadeFromItsNumber_equalsTheOneDecodedTheUsualWay() throws Exception {
        Flyweights flyweights = new Flyweights();
        InetSocketAddress made = flyweights.ipv4(0xC0A80101, 4242);
        assertEquals(new InetSocketAddress(InetAddress.getByName("192.168.1.1"), 4242), made);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 7);
        assertSame(v6, flyweights.address(v6));
        assertSame(v6, flyweights.address(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 7)));
    }

    private static InetSocketAddress shared(Flyweights flyweights, InetSocketAddress address) {
        return flyweights.ipv4(ByteBuffer.wrap(address.getAddress().getAddress()).getInt(), address.getPort());
    }
}
