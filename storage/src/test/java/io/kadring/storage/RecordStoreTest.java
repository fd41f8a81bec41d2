package io.kadring.storage;

import static io.kadring.storage.Records.ALICE;
import static io.kadring.storage.Records.address;
import static io.kadring.storage.Records.immutable;
import static io.kadring.storage.Records.signed;
import static io.kadring.storage.Records.withBadSignature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.routing.Id;
import io.kadring.storage.StoreOutcome.Status;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class RecordStoreTest {
    private static final long HOUR = 60 * 60 * 1000L;
    private static final long DAY = 24 * HOUR;
    private static final InetSocketAddress PEER = address("10.0.0.1", 4000);

    private final ManualClock clock = new ManualClock(-5_000); // any origin will do
    private final RecordStore store = new RecordStore(StoreConfig.defaults(), clock);
    private final SignedRecord v1 = signed(ALICE, "profile", 1, "one");
    private final SignedRecord v2 = signed(ALICE, "profile", 2, "two");

    @Test
    void put_storesANewRecordThatGetReturnsUntilItsLifetimeEnds() {
        long now = clock.now();
        assertEquals(Status.STORED, store.put(v1, HOUR, PEER, now).status());

        StoredRecord held = store.get(v1.key(), now).orElseThrow();
        assertEquals(v1, held.record());
        assertEquals(v1.key(), held.key());
        assertEquals(now + HOUR, held.expiresAt());
        assertEquals(now, held.receivedAt());
        assertEquals(PEER, held.source());
        assertFalse(held.owned());
        assertEquals(HOUR, store.remainingLifetime(v1.key(), now));
    }

    @Test
    void get_returnsNothingFromExactlyTheEndOfTheLifetime() {
        store.put(v1, HOUR, PEER, clock.now());

        clock.advance(HOUR - 1);
        assertTrue(store.get(v1.key(), clock.now()).isPresent());
        assertEquals(1, store.remainingLifetime(v1.key(), clock.now()));
        clock.advance(1);
        assertEquals(Optional.empty(), store.get(v1.key(), clock.now()));
        assertEquals(0, store.remainingLifetime(v1.key(), clock.now()));
        assertEquals(List.of(), store.snapshot(clock.now()));
    }

    @Test
    void cleanUp_removesARecordAtExactlyItsExpirySoSizeAndBytesDrop() {
        store.put(v1, HOUR, PEER, clock.now());
        store.put(immutable("lasts longer"), 2 * HOUR, PEER, clock.now());
        long bothBytes = store.bytes();

        clock.advance(HOUR - 1);
        store.cleanUp();
        assertEquals(2, store.size());
        clock.advance(1);
        store.cleanUp();
        assertEquals(1, store.size());
        assertEquals(bothBytes - v1.sizeBytes() - RecordStore.ENTRY_OVERHEAD_BYTES, store.bytes());
        clock.advance(HOUR);
        store.cleanUp();
        assertEquals(0, store.size());
        assertEquals(0, store.bytes());
    }

    @Test
    void bytes_weighEachRecordByItsSizePlusTheEntryOverhead() {
        SignedRecord big = signed(ALICE, "big", 1, "x".repeat(1000));
        store.put(v1, HOUR, PEER, clock.now());
        store.put(big, HOUR, PEER, clock.now());

        assertEquals(2, store.size());
        assertEquals(v1.sizeBytes() + big.sizeBytes() + 2L * RecordStore.ENTRY_OVERHEAD_BYTES, store.bytes());
    }

    @Test
    void put_newerSeqReplacesTheRecordAndStartsItsLifetimeAfresh() {
        store.put(v1, DAY, PEER, clock.now());
        clock.advance(10 * HOUR);
        long bytesBefore = store.bytes();

        assertEquals(Status.REPLACED, store.put(v2, HOUR, PEER, clock.now()).status());
        StoredRecord held = store.get(v1.key(), clock.now()).orElseThrow();
        assertEquals(v2, held.record());
        assertEquals(clock.now() + HOUR, held.expiresAt());
        assertEquals(1, store.size());
        assertEquals(bytesBefore, store.bytes());
    }

    @Test
    void put_newerSeqWithAShorterLifetimeShortensIt() {
        store.put(v1, DAY, PEER, clock.now());
        store.put(v2, HOUR, PEER, clock.now());
        assertEquals(HOUR, store.remainingLifetime(v1.key(), clock.now()));
    }

    @Test
    void put_rejectsALowerSeqAsSeqTooLowAndCountsIt() {
        store.put(v2, HOUR, PEER, clock.now());

        StoreOutcome outcome = store.put(v1, HOUR, PEER, clock.now());
        assertEquals(Optional.of(RejectReason.SEQ_TOO_LOW), outcome.reason());
        assertEquals(RejectReason.SEQ_TOO_LOW.code(), outcome.wireCode());
        assertEquals(v2, store.get(v1.key(), clock.now()).orElseThrow().record());
        assertEquals(1, store.rejected(RejectReason.SEQ_TOO_LOW));
        assertEquals(1L, store.rejections().get(RejectReason.SEQ_TOO_LOW));
        assertEquals(0L, store.rejections().get(RejectReason.BAD_SIGNATURE));
    }

    @Test
    void put_rejectsTheSameSeqWithOtherBytesAsSeqReused() {
        store.put(v1, HOUR, PEER, clock.now());
        StoreOutcome outcome = store.put(signed(ALICE, "profile", 1, "uno"), HOUR, PEER, clock.now());
        assertEquals(Optional.of(RejectReason.SEQ_REUSED), outcome.reason());
        assertEquals(v1, store.get(v1.key(), clock.now()).orElseThrow().record());
    }

    @Test
    void put_rejectsABadSignatureAndStoresNothing() {
        StoreOutcome outcome = store.put(withBadSignature(v1), HOUR, PEER, clock.now());
        assertEquals(Optional.of(RejectReason.BAD_SIGNATURE), outcome.reason());
        assertFalse(outcome.isStored());
        assertEquals(0, store.size());
    }

    @Test
    void put_rejectsAValueAboveTheValidatorsLimitAsTooLarge() {
        RecordStore small = new RecordStore(StoreConfig.defaults(), clock,
                new RecordValidator(8, RecordValidator.SignatureCheck.ED25519));
        StoreOutcome outcome = small.put(signed(ALICE, "", 1, "nine char"), HOUR, PEER, clock.now());
        assertEquals(Optional.of(RejectReason.TOO_LARGE), outcome.reason());
        assertTrue(small.put(signed(ALICE, "", 1, "eight ch"), HOUR, PEER, clock.now()).isStored());
    }

    @Test
    void put_rejectsAZeroOrNegativeLifetimeAsExpired() {
        assertEquals(Optional.of(RejectReason.EXPIRED), store.put(v1, 0, PEER, clock.now()).reason());
        assertEquals(Optional.of(RejectReason.EXPIRED), store.put(v1, -1, PEER, clock.now()).reason());
        assertEquals(0, store.size());
        assertEquals(2, store.rejected(RejectReason.EXPIRED));
    }

    @Test
    void put_cutsALifetimeAboveTheMaximumToIt() {
        assertTrue(store.put(v1, 7 * DAY, PEER, clock.now()).isStored());
        assertEquals(DAY, store.remainingLifetime(v1.key(), clock.now()));
    }

    @Test
    void put_identicalRecordWithAShorterLifetimeRefreshesWithoutShorteningIt() {
        store.put(v1, DAY, PEER, clock.now());
        clock.advance(HOUR);

        // a holder republishing passes on what remains, or a stale copy even less
        assertEquals(Status.REFRESHED, store.put(v1, HOUR, address("10.0.0.2", 4000), clock.now()).status());
        StoredRecord held = store.get(v1.key(), clock.now()).orElseThrow();
        assertEquals(DAY - HOUR, held.remainingLifetime(clock.now()));
        assertEquals(clock.now(), held.receivedAt());
        assertEquals(PEER, held.source());
    }

    @Test
    void put_identicalRecordWithALongerLifetimeMovesItsExpiryLater() {
        store.put(v1, DAY, null, clock.now());
        clock.advance(HOUR);

        // the owner refreshing restarts the lifetime
        assertEquals(Status.REFRESHED, store.put(v1, DAY, null, clock.now()).status());
        assertEquals(DAY, store.remainingLifetime(v1.key(), clock.now()));
    }

    @Test
    void put_refreshDoesNotVerifyTheSignatureAgain() {
        RecordValidatorTest.CountingCheck signatures = new RecordValidatorTest.CountingCheck();
        RecordStore counting = new RecordStore(StoreConfig.defaults(), clock, new RecordValidator(1000, signatures));

        counting.put(v1, HOUR, PEER, clock.now());
        counting.put(v1, HOUR, PEER, clock.now());
        counting.put(v1, HOUR, PEER, clock.now());
        assertEquals(1, signatures.calls);
    }

    @Test
    void put_compareAndSwapReplacesWhenTheHeldSeqIsTheExpectedOne() {
        store.put(v1, HOUR, PEER, clock.now());
        assertEquals(Status.REPLACED, store.put(v2, HOUR, PEER, clock.now(), 1).status());
        assertEquals(v2, store.get(v1.key(), clock.now()).orElseThrow().record());
    }

    @Test
    void put_compareAndSwapFailsWhenTheHeldSeqIsAnotherAndKeepsIt() {
        store.put(v2, HOUR, PEER, clock.now());
        SignedRecord v3 = signed(ALICE, "profile", 3, "three");

        assertEquals(Optional.of(RejectReason.CAS_MISMATCH), store.put(v3, HOUR, PEER, clock.now(), 1).reason());
        assertEquals(v2, store.get(v1.key(), clock.now()).orElseThrow().record());
    }

    @Test
    void put_compareAndSwapRetriedWithTheSameRecordIsARefresh() {
        store.put(v1, HOUR, PEER, clock.now());
        store.put(v2, HOUR, PEER, clock.now(), 1);
        assertEquals(Status.REFRESHED, store.put(v2, HOUR, PEER, clock.now(), 1).status());
    }

    @Test
    void put_storesAnImmutableRecordUnderTheSha256OfItsValue() {
        SignedRecord record = immutable("Hello World!");

        assertEquals(Status.STORED, store.put(record, HOUR, PEER, clock.now()).status());
        assertEquals(record, store.get(Id.sha256(Records.bytes("Hello World!")), clock.now()).orElseThrow().record());
        assertEquals(Status.REFRESHED, store.put(immutable("Hello World!"), HOUR, PEER, clock.now()).status());
        assertEquals(1, store.size());
    }

    @Test
    void put_pastTheByteBudgetEvictsAndStaysWithinIt() {
        int weight = immutable("record 00").sizeBytes() + RecordStore.ENTRY_OVERHEAD_BYTES;
        StoreConfig tenRecords = new StoreConfig(10L * weight, DAY, 1000, 1000);
        RecordStore small = new RecordStore(tenRecords, clock);

        int kept = 0;
        for (int i = 0; i < 40; i++) {
            StoreOutcome outcome = small.put(immutable(String.format("record %02d", i)), HOUR, PEER, clock.now());
            assertTrue(outcome.isStored() || outcome.reason().equals(Optional.of(RejectReason.UNAVAILABLE)));
            assertTrue(small.bytes() <= tenRecords.maxBytes(), "bytes " + small.bytes());
        }
        for (int i = 0; i < 40; i++) {
            Id key = immutable(String.format("record %02d", i)).key();
            kept += small.get(key, clock.now()).isPresent() ? 1 : 0;
        }
        assertEquals(kept, small.size());
        assertEquals((long) kept * weight, small.bytes());
        assertEquals(kept, small.snapshot(clock.now()).size());
        assertTrue(kept <= 10 && kept > 0, "kept " + kept);
        // a newcomer the cache turns away at once counts as an eviction too
        assertEquals(40 - kept, small.evictions());
        assertTrue(small.rejected(RejectReason.UNAVAILABLE) <= small.evictions());
    }

    @Test
    void put_reportsUnavailableWhenTheCacheCannotKeepTheRecord() {
        RecordStore tiny = new RecordStore(new StoreConfig(100, DAY, 10, 10), clock);

        StoreOutcome outcome = tiny.put(v1, HOUR, PEER, clock.now());
        assertEquals(Optional.of(RejectReason.UNAVAILABLE), outcome.reason());
        assertEquals(Optional.empty(), tiny.get(v1.key(), clock.now()));
        assertEquals(0, tiny.size());
        assertEquals(0, tiny.bytes());
    }

    @Test
    void markOwned_flagsTheRecordAndANewerSeqKeepsTheFlag() {
        store.put(v1, DAY, null, clock.now());

        assertTrue(store.markOwned(v1.key()));
        assertTrue(store.get(v1.key(), clock.now()).orElseThrow().owned());
        store.put(v2, DAY, PEER, clock.now());
        assertTrue(store.get(v1.key(), clock.now()).orElseThrow().owned());
        assertEquals(1, store.size());
        assertFalse(store.markOwned(immutable("not held").key()));
    }

    @Test
    void remove_dropsTheRecordAndItsBytes() {
        store.put(v1, HOUR, PEER, clock.now());

        assertTrue(store.remove(v1.key()));
        assertFalse(store.remove(v1.key()));
        assertEquals(Optional.empty(), store.get(v1.key(), clock.now()));
        assertEquals(0, store.size());
        assertEquals(0, store.bytes());
    }

    @Test
    void snapshot_listsTheLiveRecordsSoonestToExpireFirst() {
        SignedRecord a = immutable("a");
        SignedRecord b = immutable("b");
        SignedRecord c = immutable("c");
        store.put(a, 3 * HOUR, PEER, clock.now());
        store.put(b, HOUR, PEER, clock.now());
        store.put(c, 2 * HOUR, PEER, clock.now());

        assertEquals(List.of(b, c, a), store.snapshot(clock.now()).stream().map(StoredRecord::record).toList());
        assertEquals(List.of(c, a), store.snapshot(clock.now() + HOUR).stream().map(StoredRecord::record).toList());
    }

    @Test
    void twoStoresFedTheSameCallsEndTheSame() {
        RecordStore other = new RecordStore(StoreConfig.defaults(), clock);
        for (RecordStore s : List.of(store, other)) {
            for (int i = 0; i < 50; i++) {
                s.put(immutable("value " + i), (i % 7 + 1) * HOUR, address("10.0.0." + i % 5, 4000), clock.now());
            }
        }
        assertEquals(store.snapshot(clock.now()), other.snapshot(clock.now()));
    }
}
