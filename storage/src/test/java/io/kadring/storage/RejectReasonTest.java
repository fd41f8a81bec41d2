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
        assertEquals(Map.of(RejectReason.BAD_SIGNATURE, 1, RejectReason.KEY_MISMATCH, 2,
                RejectReason.TOO_LARGE, 3, RejectReason.SEQ_TOO_LOW, 4, RejectReason.SEQ_REUSED, 5,
                RejectReason.CAS_MISMATCH, 6, RejectReason.EXPIRED, 7, RejectReason.QUOTA_EXCEEDED, 8,
                RejectReason.BAD_TOKEN, 9, RejectReason.UNAVAILABLE, 10, RejectReason.CLIENT_MODE, 20), wire);
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
