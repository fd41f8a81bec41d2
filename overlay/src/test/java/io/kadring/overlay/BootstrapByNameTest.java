package io.kadring.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.node.JoinResult;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A bootstrap node given by name: the name is resolved (to every address it has) when the node joins. */
final class BootstrapByNameTest {
    @Test
    void aNodeJoinsThroughAHostName() throws Exception {
        try (KadringNode first = KadringNode.builder().host("127.0.0.1").port(0).build()) {
            first.start().get(10, TimeUnit.SECONDS);
            // localhost names 127.0.0.1 (where the first listens) and maybe ::1 (where nothing does)
            try (KadringNode second = KadringNode.builder().host("127.0.0.1").port(0)
                    .bootstrap("localhost:" + first.localAddress().getPort()).build()) {
                JoinResult joined = second.start().get(20, TimeUnit.SECONDS);
                assertEquals(1, joined.contacts(), joined.toString());
                assertTrue(second.joinOutcomes().get(5, TimeUnit.SECONDS).containsKey(first.localAddress()),
                        "the name's address was pinged");
            }
        }
    }
}
