package io.kadring.storage;

import static io.kadring.storage.Records.ALICE;
import static io.kadring.storage.Records.BOB;
import static io.kadring.storage.Records.immutable;
import static io.kadring.storage.Records.signed;
import static io.kadring.storage.Records.withBadSignature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.routing.Id;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class RecordValidatorTest {
    private final RecordValidator validator = RecordValidator.standard();
    private final SignedRecord v4 = signed(ALICE, "profile", 4, "four");
    private final SignedRecord v5 = signed(ALICE, "profile", 5, "five");

    @Test
    void check_acceptsASignedRecordUnderItsOwnKey() {
        assertEquals(Optional.empty(), validator.check(v4, v4.key()));
    }

    @Test
    void check_rejectsATamperedSignatureAsBadSignature() {
        SignedRecord forged = withBadSignature(v4);
        assertEquals(Optional.of(RejectReason.BAD_SIGNATURE), validator.check(forged, forged.key()));
    }

    @Test
    void check_rejectsARecordOfferedUnderAnotherKeyAsKeyMismatch() {
        SignedRecord bobs = signed(BOB, "profile", 4, "four");
        assertEquals(Optional.of(RejectReason.KEY_MISMATCH), validator.check(bobs, v4.key()));
        assertEquals(Optional.of(RejectReason.KEY_MISMATCH),
                validator.check(immutable("a"), immutable("b").key()));
    }

    @Test
    void check_rejectsAValueLongerThanTheNodesLimitAsTooLarge() {
        RecordValidator small = new RecordValidator(100, RecordValidator.SignatureCheck.ED25519);
        SignedRecord fits = SignedRecord.sign(ALICE, new byte[0], 1, new byte[100]);
        SignedRecord tooLong = SignedRecord.sign(ALICE, new byte[0], 2, new byte[101]);

        assertEquals(Optional.empty(), small.check(fits, fits.key()));
        assertEquals(Optional.of(RejectReason.TOO_LARGE), small.check(tooLong, tooLong.key()));
        assertEquals(Optional.empty(), validator.check(tooLong, tooLong.key()));
    }

    @Test
    void check_rejectsASeqLowerThanTheOneHeldAsSeqTooLow() {
        SignedRecord v3 = signed(ALICE, "profile", 3, "three");
        assertEquals(Optional.of(RejectReason.SEQ_TOO_LOW), validator.check(v3, v4.key(), v4, -1));
    }

    @Test
    void check_rejectsTheSameSeqWithOtherBytesAsSeqReused() {
        SignedRecord otherFour = signed(ALICE, "profile", 4, "FOUR");
        assertEquals(Optional.of(RejectReason.SEQ_REUSED), validator.check(otherFour, v4.key(), v4, -1));
    }

    @Test
    void check_acceptsAHigherSeqThanTheOneHeld() {
        assertEquals(Optional.empty(), validator.check(v5, v4.key(), v4, -1));
    }

    @Test
    void check_acceptsTheIdenticalRecordWithoutVerifyingItAgain() {
        CountingCheck signatures = new CountingCheck();
        RecordValidator counting = new RecordValidator(1000, signatures);
        SignedRecord copy = new SignedRecord(v4.publicKey(), v4.salt(), 4, v4.value(), v4.signature());

        assertEquals(Optional.empty(), counting.check(copy, v4.key(), v4, -1));
        assertEquals(0, signatures.calls);
    }

    @Test
    void check_passesCompareAndSwapWhenTheHeldSeqIsTheExpectedOne() {
        assertEquals(Optional.empty(), validator.check(v5, v4.key(), v4, 4));
    }

    @Test
    void check_rejectsCompareAndSwapWhenTheHeldSeqIsAnotherAsCasMismatch() {
        assertEquals(Optional.of(RejectReason.CAS_MISMATCH), validator.check(v5, v4.key(), v4, 3));
        // a writer that read seq 3 and lost the race learns that, not merely "seq too low"
        SignedRecord v4b = signed(ALICE, "profile", 4, "other four");
        assertEquals(Optional.of(RejectReason.CAS_MISMATCH), validator.check(v4b, v4.key(), v4, 3));
    }

    @Test
    void check_passesCompareAndSwapWhenNothingIsHeldOrNoneIsAsked() {
        assertEquals(Optional.empty(), validator.check(v5, v5.key(), null, 4));
        assertEquals(Optional.empty(), validator.check(v5, v5.key(), v4, -1));
    }

    @Test
    void check_acceptsATimedOutCompareAndSwapRetriedWithTheSameRecord() {
        // the first attempt landed; the retry still says "expect 4" and must not fail
        assertEquals(Optional.empty(), validator.check(v5, v5.key(), v5, 4));
    }

    @Test
    void check_answersCheapRulesWithoutVerifyingTheSignature() {
        CountingCheck signatures = new CountingCheck();
        RecordValidator counting = new RecordValidator(10, signatures);

        counting.check(signed(ALICE, "", 1, "eleven bytes"), v4.key());
        counting.check(signed(BOB, "profile", 9, "nine"), v4.key());
        counting.check(signed(ALICE, "profile", 3, "three"), v4.key(), v4, -1);
        counting.check(signed(ALICE, "profile", 5, "five"), v4.key(), v4, 1);
        assertEquals(0, signatures.calls);
    }

    @Test
    void check_acceptsAnImmutableRecordUnderTheSha256OfItsValue() {
        SignedRecord record = immutable("Hello World!");
        assertEquals(Id.sha256(Records.bytes("Hello World!")), record.key());
        assertEquals(Optional.empty(), validator.check(record, record.key()));
        assertEquals(Optional.empty(), validator.check(record, record.key(), record, -1));
    }

    @Test
    void constructor_rejectsALimitAbove1000NamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RecordValidator(1001, RecordValidator.SignatureCheck.ED25519));
        assertTrue(e.getMessage().contains("1001"), e.getMessage());
    }

    /** The real check, counted. */
    static final class CountingCheck implements RecordValidator.SignatureCheck {
        int calls;

        @Override
        public boolean verify(SignedRecord record) {
            calls++;
            return record.verifySignature();
        }
    }
}
