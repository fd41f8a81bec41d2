package io.kadring.storage;

import static io.kadring.storage.Records.ALICE;
import static io.kadring.storage.Records.BOB;
import static io.kadring.storage.Records.address;
import static io.kadring.storage.Records.bytes;
import static io.kadring.storage.Records.signed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TombstoneTest {
    private static final InetSocketAddress FROM = address("45.1.2.3", 7420);
    private final ManualClock clock = new ManualClock(0);
    private final RecordStore store = new RecordStore(StoreConfig.defaults(), clock);
    private final SignedRecord v4 = signed(ALICE, "profile", 4, "four");
    private final SignedRecord deleted5 = SignedRecord.tombstone(ALICE, bytes("profile"), 5);

    @Test
    void tombstone_isAFlaggedMutableRecordWithNoValueUnderTheSameKey() {
        assertTrue(deleted5.isDeleted());
        assertEquals(0, deleted5.value().length);
        assertEquals(v4.key(), deleted5.key());
        assertTrue(deleted5.verifySignature());
        assertFalse(v4.isDeleted());
    }

    @Test
    void deletedFlag_isCoveredByTheSignature() {
        SignedRecord unflagged = new SignedRecord(deleted5.publicKey(), deleted5.salt(), 5, new byte[0],
                deleted5.signature(), false);
        SignedRecord empty = signed(ALICE, "profile", 5, "");
        SignedRecord flagged = new SignedRecord(empty.publicKey(), empty.salt(), 5, new byte[0], empty.signature(), true);

        assertFalse(unflagged.verifySignature());
        assertFalse(flagged.verifySignature());
        assertNotEquals(unflagged, deleted5);
        assertEquals(Optional.of(RejectReason.BAD_SIGNATURE), RecordValidator.standard().check(flagged, flagged.key()));
    }

    @Test
    void tombstoneSigningBuffer_isTheRecordBufferOfAnEmptyValueAfterTheDeletedKey() {
        assertArrayEquals(bytes("7:deletedi1e4:salt7:profile3:seqi5e1:v0:"),
                Bep44.tombstoneSigningBuffer(bytes("profile"), 5));
    }

    @Test
    void tombstone_cannotCarryAValueNorBeImmutable() {
        assertThrows(IllegalArgumentException.class,
                () -> new SignedRecord(v4.publicKey(), v4.salt(), 5, bytes("x"), v4.signature(), true));
        assertThrows(IllegalArgumentException.class,
                () -> new SignedRecord(new byte[0], new byte[0], 0, new byte[0], new byte[0], true));
    }

    @Test
    void put_tombstoneReplacesTheValueAndAReplayedOlderSeqIsRefusedAsDeleted() {
        assertTrue(store.put(v4, 60_000, FROM, clock.now()).isStored());
        assertEquals(StoreOutcome.Status.REPLACED, store.put(deleted5, 60_000, FROM, clock.now()).status());

        SignedRecord held = store.get(v4.key(), clock.now()).orElseThrow().record();
        assertTrue(held.isDeleted());
        assertEquals(5, held.seq());
        assertEquals(Optional.of(RejectReason.DELETED), store.put(v4, 60_000, FROM, clock.now()).reason());
        assertEquals(1, store.rejected(RejectReason.DELETED));
    }

    @Test
    void put_aNewerSeqMayFollowATombstone() {
        store.put(deleted5, 60_000, FROM, clock.now());
        SignedRecord v6 = signed(ALICE, "profile", 6, "back");
        assertEquals(StoreOutcome.Status.REPLACED, store.put(v6, 60_000, FROM, clock.now()).status());
    }

    @Test
    void put_tombstoneIsKeptUntilItsLifetimeEnds() {
        store.put(deleted5, 60_000, FROM, clock.now());
        clock.advance(59_999);
        assertTrue(store.get(v4.key(), clock.now()).isPresent());
        clock.advance(1);
        assertTrue(store.get(v4.key(), clock.now()).isEmpty());
    }

    @Test
    void put_someoneElsesTombstoneIsABadSignature() {
        SignedRecord bobs = SignedRecord.tombstone(BOB, bytes("profile"), 5);
        SignedRecord forged = new SignedRecord(v4.publicKey(), v4.salt(), 5, new byte[0], bobs.signature(), true);
        assertEquals(Optional.of(RejectReason.BAD_SIGNATURE), store.put(forged, 60_000, FROM, clock.now()).reason());
    }

    @Test
    void newVersions_hearOfStoresAndReplacementsButNotOfRefreshesNorRefusals() {
        java.util.List<Long> heard = new java.util.ArrayList<>();
        RecordStore observed = new RecordStore(StoreConfig.defaults(), clock, RecordValidator.standard(),
                s -> heard.add(s.record().seq()));
        observed.put(v4, 60_000, FROM, clock.now());
        observed.put(v4, 60_000, FROM, clock.now());
        observed.put(deleted5, 60_000, FROM, clock.now());
        observed.put(v4, 60_000, FROM, clock.now());
        assertEquals(java.util.List.of(4L, 5L), heard);
    }
}
