package io.kadring.storage;

import static io.kadring.storage.Records.ALICE;
import static io.kadring.storage.Records.BOB;
import static io.kadring.storage.Records.address;
import static io.kadring.storage.Records.immutable;
import static io.kadring.storage.Records.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.storage.StoreOutcome.Status;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class RecordStoreQuotaTest {
    private static final long HOUR = 60 * 60 * 1000L;
    private static final InetSocketAddress A = address("10.0.0.1", 4000);
    private static final InetSocketAddress A_OTHER_PORT = address("10.0.0.1", 5000);
    private static final InetSocketAddress B = address("10.0.0.2", 4000);

    private final ManualClock clock = new ManualClock(0);

    /** A store without the source quotas (IP addresses are sources, immutable records one publisher). */
    private RecordStore store(int perPublisher, int perSource) {
        return new RecordStore(new StoreConfig(1 << 20, 24 * HOUR, perPublisher, perSource).withSourceQuotas(false),
                clock);
    }

    /** A store with the source quotas (the default) and room for {@code local} local records. */
    private RecordStore quotaStore(int perPublisher, int perSource, int local) {
        return new RecordStore(new StoreConfig(1 << 20, 24 * HOUR, perPublisher, perSource, true, local), clock);
    }

    /** A store holding immutable records from {@code A} and {@code second}, which turns a third from A away. */
    private RecordStore fullAfterTwoImmutables(int perPublisher, int perSource, InetSocketAddress second) {
        RecordStore store = store(perPublisher, perSource);
        store.put(immutable("one"), HOUR, A, 0);
        store.put(immutable("two"), HOUR, second, 0);
        assertQuotaExceeded(store.put(immutable("three"), HOUR, A, 0));
        return store;
    }

    private static void assertQuotaExceeded(StoreOutcome outcome) {
        assertEquals(Optional.of(RejectReason.QUOTA_EXCEEDED), outcome.reason());
    }

    @Test
    void put_rejectsAPublishersRecordBeyondItsQuota() {
        RecordStore store = store(2, 100);
        store.put(signed(ALICE, "a", 1, "v"), HOUR, A, 0);
        store.put(signed(ALICE, "b", 1, "v"), HOUR, B, 0);

        assertQuotaExceeded(store.put(signed(ALICE, "c", 1, "v"), HOUR, null, 0));
        assertTrue(store.put(signed(BOB, "c", 1, "v"), HOUR, A, 0).isStored());
    }

    @Test
    void put_countsAllImmutableRecordsAsOnePublisher_withoutSourceQuotas() {
        RecordStore store = fullAfterTwoImmutables(2, 100, B);

        assertTrue(store.put(signed(ALICE, "", 1, "mutable"), HOUR, A, 0).isStored());
    }

    @Test
    void put_newerSeqsOfOneKeyCountOnceAgainstThePublisherQuota() {
        RecordStore store = store(2, 100);
        for (int seq = 1; seq <= 5; seq++) {
            assertTrue(store.put(signed(ALICE, "a", seq, "v" + seq), HOUR, A, 0).isStored());
        }
        assertTrue(store.put(signed(ALICE, "b", 1, "v"), HOUR, A, 0).isStored());
        assertQuotaExceeded(store.put(signed(ALICE, "c", 1, "v"), HOUR, A, 0));
        assertEquals(2, store.size());
    }

    @Test
    void put_rejectsASourceBeyondItsQuotaCountingItsIpNotItsPort() {
        RecordStore store = fullAfterTwoImmutables(100, 2, A_OTHER_PORT);

        assertTrue(store.put(immutable("three"), HOUR, B, 0).isStored());
        assertEquals(1, store.rejected(RejectReason.QUOTA_EXCEEDED));
    }

    @Test
    void put_fromTheLocalNodeIsNotLimitedBySourceQuota_withoutSourceQuotas() {
        RecordStore store = store(100, 1);
        for (int i = 0; i < 5; i++) {
            assertTrue(store.put(immutable("local " + i), HOUR, null, 0).isStored());
        }
    }

    @Test
    void sourceQuotas_oneSourcesImmutableSpam_leavesOtherSourcesRoomForTheirs() {
        RecordStore open = store(1000, 2000);
        RecordStore guarded = quotaStore(1000, 2000, 1000);
        InetSocketAddress spammer = address("44.1.0.1", 4000);
        InetSocketAddress honest = address("44.2.0.1", 4000);
        for (int i = 0; i < 1000; i++) {
            open.put(immutable("spam " + i), HOUR, spammer, 0);
            guarded.put(immutable("spam " + i), HOUR, spammer, 0);
        }
        assertQuotaExceeded(open.put(immutable("honest"), HOUR, honest, 0));
        assertTrue(guarded.put(immutable("honest"), HOUR, honest, 0).isStored());
        assertQuotaExceeded(guarded.put(immutable("spam 1000"), HOUR, spammer, 0));
    }

    @Test
    void sourceQuotas_countAnIpv6SourceByItsSlash64() {
        RecordStore open = store(1000, 2);
        RecordStore guarded = quotaStore(1000, 2, 1000);
        for (int i = 0; i < 3; i++) {
            InetSocketAddress rotating = address("2001:db8:0:1::" + (i + 1), 4000);
            open.put(signed(ALICE, "k" + i, 1, "v"), HOUR, rotating, 0);
            StoreOutcome outcome = guarded.put(signed(ALICE, "k" + i, 1, "v"), HOUR, rotating, 0);
            if (i == 2) assertQuotaExceeded(outcome);
        }
        assertEquals(3, open.size(), "every /128 a source of its own");
        assertEquals(2, guarded.size());
    }

    @Test
    void sourceQuotas_capLocalPuts() {
        RecordStore guarded = quotaStore(100, 100, 2);
        assertTrue(guarded.put(immutable("local 0"), HOUR, null, 0).isStored());
        assertTrue(guarded.put(immutable("local 1"), HOUR, null, 0).isStored());
        assertQuotaExceeded(guarded.put(immutable("local 2"), HOUR, null, 0));
        assertTrue(guarded.put(immutable("remote"), HOUR, A, 0).isStored());
    }

    @Test
    void quotas_freeUpAtExactlyTheExpiryOfARecord() {
        RecordStore store = store(1, 1);
        store.put(signed(ALICE, "a", 1, "v"), HOUR, A, 0);

        clock.advance(HOUR - 1);
        assertQuotaExceeded(store.put(signed(ALICE, "b", 1, "v"), HOUR, B, clock.now()));
        assertQuotaExceeded(store.put(immutable("x"), HOUR, A, clock.now()));
        clock.advance(1);
        assertTrue(store.put(signed(ALICE, "b", 1, "v"), HOUR, B, clock.now()).isStored());
        assertTrue(store.put(immutable("x"), HOUR, A, clock.now()).isStored());
    }

    @Test
    void quotas_freeUpWhenARecordIsRemoved() {
        RecordStore store = store(1, 1);
        SignedRecord first = signed(ALICE, "a", 1, "v");
        store.put(first, HOUR, A, 0);

        store.remove(first.key());
        assertTrue(store.put(signed(ALICE, "b", 1, "v"), HOUR, A, 0).isStored());
    }

    @Test
    void put_newerSeqFromAnotherSourceMovesTheChargeToIt() {
        RecordStore store = store(100, 1);
        store.put(signed(ALICE, "a", 1, "v"), HOUR, A, 0);

        assertEquals(Status.REPLACED, store.put(signed(ALICE, "a", 2, "v"), HOUR, B, 0).status());
        assertTrue(store.put(immutable("A has room again"), HOUR, A, 0).isStored());
        assertQuotaExceeded(store.put(immutable("B is full"), HOUR, B, 0));
    }

    @Test
    void put_newerSeqFromASourceThatIsFullIsRejected() {
        RecordStore store = store(100, 1);
        store.put(signed(ALICE, "a", 1, "v"), HOUR, A, 0);
        store.put(immutable("B's one record"), HOUR, B, 0);

        assertQuotaExceeded(store.put(signed(ALICE, "a", 2, "v"), HOUR, B, 0));
        assertTrue(store.put(signed(ALICE, "a", 2, "v"), HOUR, A_OTHER_PORT, 0).isStored());
    }

    @Test
    void put_refreshFromAFullSourceIsAcceptedAndChargesNobodyNew() {
        RecordStore store = store(100, 1);
        SignedRecord record = signed(ALICE, "a", 1, "v");
        store.put(record, HOUR, A, 0);
        store.put(immutable("B's one record"), HOUR, B, 0);

        assertEquals(Status.REFRESHED, store.put(record, HOUR, B, 0).status());
        assertEquals(A, store.get(record.key(), 0).orElseThrow().source());
    }

    @Test
    void quotas_freeUpWhenTheCacheEvictsForSpace() {
        int weight = immutable("record 00").sizeBytes() + RecordStore.ENTRY_OVERHEAD_BYTES;
        RecordStore store = new RecordStore(new StoreConfig(3L * weight, HOUR, 1000, 1000), clock);

        for (int i = 0; i < 30; i++) {
            store.put(immutable(String.format("record %02d", i)), HOUR, i % 2 == 0 ? A : B, 0);
        }
        assertTrue(store.evictions() > 0);
        int fromA = (int) store.snapshot(0).stream().filter(r -> r.source().equals(A)).count();
        assertEquals(fromA, store.countOfSource(A));
        assertEquals(store.size() - fromA, store.countOfSource(B));
        assertEquals(store.size(), store.countOfPublisher(immutable("any"), A)
                + store.countOfPublisher(immutable("any"), B), "immutable records: a publisher per source");
    }

    @Test
    void quotas_countEachKeyOnceThroughReplacementsRefreshesAndOwnership() {
        RecordStore store = store(100, 100);
        for (int seq = 1; seq <= 3; seq++) {
            SignedRecord record = signed(ALICE, "a", seq, "v" + seq);
            store.put(record, HOUR, seq == 2 ? B : A, 0);
            store.put(record, HOUR, B, 0);
            store.markOwned(record.key());
        }
        assertEquals(1, store.countOfPublisher(signed(ALICE, "", 0, ""), A));
        assertEquals(1, store.countOfSource(A));
        assertEquals(0, store.countOfSource(B));
        assertEquals(1, store.size());
    }

    @Test
    void config_rejectsANonPositiveLimitNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StoreConfig(1, 1, 0, 1));
        assertTrue(e.getMessage().contains("maxRecordsPerPublisher"), e.getMessage());
    }
}
