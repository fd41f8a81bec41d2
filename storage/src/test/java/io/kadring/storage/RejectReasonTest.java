package io.kadring.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class RejectReasonTest {

    @Test
    void codes_areTheOnesOnTheWire() {
        Map<RejectReason, Integer> wire = new LinkedHashMap<>();
        for (RejectReason reason : RejectReason.values()) {
            wire.put(reason, reason.code());
        }
        // frozen: changing a code breaks every older peer
        assertEquals(Map.ofEntries(Map.entry(RejectReason.BAD_SIGNATURE, 1), Map.entry(RejectReason.KEY_MISMATCH, 2),
                Map.entry(RejectReason.TOO_LARGE, 3), Map.entry(RejectReason.SEQ_TOO_LOW, 4),
                Map.entry(RejectReason.SEQ_REUSED, 5), Map.entry(RejectReason.CAS_MISMATCH, 6),
                Map.entry(RejectReason.EXPIRED, 7), Map.entry(RejectReason.QUOTA_EXCEEDED, 8),
                Map.entry(RejectReason.BAD_TOKEN, 9), Map.entry(RejectReason.UNAVAILABLE, 10),
                Map.entry(RejectReason.DELETED, 12),
                Map.entry(RejectReason.CLIENT_MODE, 20)), wire);
    }

    @Test
    void fromCode_returnsEveryReasonForItsCode() {
        for (RejectReason reason : RejectReason.values()) {
            assertEquals(Optional.of(reason), RejectReason.fromCode(reason.code()));
        }
    }

    @Test
    void fromCode_isEmptyForStoredUnknownAndOutOfRangeCodes() {
        for (int code : new int[] {StoreOutcome.STORED_CODE, 11, 255, 256, -1, Integer.MIN_VALUE}) {
            assertTrue(RejectReason.fromCode(code).isEmpty(), "code " + code);
        }
    }
}
