package io.kadring.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kadring.overlay.wire.DropReason;
import io.kadring.overlay.wire.Message;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class MessageCountsTest {

    @Test
    void counts_areByTagValue_inOrder_anEnumAndItsStringAddingUp() {
        MessageCounts counts = new MessageCounts();
        counts.sent(Message.Type.PING, 100);
        counts.sent(Message.Type.FIND_NODE, 467);
        counts.sent(Message.Type.PING, 100);
        counts.timeout(Message.Type.PING);
        counts.dropped(DropReason.TRUNCATED);
        counts.dropped("truncated");
        counts.dropped("internal_error");

        assertEquals(Map.of("find_node", 1L, "ping", 2L), counts.sent());
        assertEquals(List.of("find_node", "ping"), List.copyOf(counts.sent().keySet()));
        assertEquals(Map.of("ping", 1L), counts.timeouts());
        assertEquals(Map.of("internal_error", 1L, "truncated", 2L), counts.dropped());
    }
}
