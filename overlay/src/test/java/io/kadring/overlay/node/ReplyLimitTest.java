package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

final class ReplyLimitTest {
    private final ReplyLimit limit = new ReplyLimit(2000, 0);

    @Test
    void hundredThousandDistinctAnswerers_stayWithinTheCap_andAPeerAnsweringOftenStaysVerified() throws Exception {
        InetSocketAddress peer = TestNetwork.address(1);
        for (int i = 0; i < 100_000; i++) {
            byte[] ip = {100, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
            limit.answeredFrom(new InetSocketAddress(InetAddress.getByAddress(ip), 7400), i);
            if (i % 50 == 0) limit.answeredFrom(peer, i);
            assertTrue(limit.tracked() <= ReplyLimit.MAX_ANSWERED);
        }
        assertTrue(limit.answeredLately(peer, 100_000));
        assertFalse(limit.answeredLately(new InetSocketAddress(InetAddress.getByAddress(new byte[] {100, 0, 0, 0}), 7400),
                100_000), "the first answerer is forgotten");
        assertFalse(limit.answeredLately(peer, 100_000 + 30 * 60_000 + 1), "and an answer counts for 30 minutes");
    }
}
