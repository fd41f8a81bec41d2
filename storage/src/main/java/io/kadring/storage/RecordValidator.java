package io.kadring.storage;

import io.kadring.routing.Id;
import java.util.Objects;
import java.util.Optional;

/**
 * The stateless acceptance rules of docs/design.md ("Records and lifetimes"): size, key, seq
 * order, compare-and-swap and signature, cheapest first, the Ed25519 check last.
 *
 * <p>{@link RejectReason#TOO_LARGE}: {@link SignedRecord} cannot hold a value over
 * {@value SignedRecord#MAX_VALUE_BYTES} bytes (a decoder drops such a record before it gets
 * here), so the validator's bound is a node's own, lower {@code maxValueBytes}.
 */
public final class RecordValidator {

    /** Checks a record's signature. A pure function of the record's bytes, so it may be memoised. */
    @FunctionalInterface
    public interface SignatureCheck {
        /** The real check: Ed25519 over the BEP 44 buffer ({@link SignedRecord#verifySignature()}). */
        SignatureCheck ED25519 = SignedRecord::verifySignature;

        boolean verify(SignedRecord record);
    }

    private static final RecordValidator STANDARD =
            new RecordValidator(SignedRecord.MAX_VALUE_BYTES, SignatureCheck.ED25519);

    private final int maxValueBytes;
    private final SignatureCheck signatures;

    /**
     * @param maxValueBytes the longest value accepted, 0..{@value SignedRecord#MAX_VALUE_BYTES}
     * @param signatures how signatures are checked ({@link SignatureCheck#ED25519}, or a memo of it)
     */
    public RecordValidator(int maxValueBytes, SignatureCheck signatures) {
        if (maxValueBytes < 0 || maxValueBytes > SignedRecord.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("maxValueBytes must be in 0.." + SignedRecord.MAX_VALUE_BYTES
                    + ", got " + maxValueBytes);
        }
        this.maxValueBytes = maxValueBytes;
        this.signatures = Objects.requireNonNull(signatures, "signatures");
    }

    /** Values up to {@value SignedRecord#MAX_VALUE_BYTES} bytes, real Ed25519 checks. */
    public static RecordValidator standard() {
        return STANDARD;
    }

    /**
     * Whether {@code record} may be taken as the value of {@code key} when nothing is known about
     * the key (as a reader checks a FIND_VALUE answer): size, key, signature.
     */
    public Optional<RejectReason> check(SignedRecord record, Id key) {
        return check(record, key, null, -1);
    }

    /**
     * Whether {@code record} may replace {@code held} under {@code key}. A record byte-identical
     * to {@code held} is accepted (a refresh) whatever {@code expectedSeq} says, so a retried
     * compare-and-swap write is idempotent; its signature is not checked again.
     *
     * @param held the record now held under {@code key}, which this validator accepted; or null
     * @param expectedSeq for compare-and-swap (BEP 44 {@code cas}), the seq the writer expects
     *     {@code held} to have; negative for none. With nothing held there is nothing to compare
     *     with, and the check passes (as libtorrent does).
     */
    public Optional<RejectReason> check(SignedRecord record, Id key, SignedRecord held, long expectedSeq) {
        Optional<RejectReason> cheap = checkCheap(record, key, held, expectedSeq);
        if (cheap.isPresent() || record.equals(held)) {
            return cheap;
        }
        return checkSignature(record);
    }

    /** Every rule but the signature; {@link RecordStore} fits its quota check in between. */
    Optional<RejectReason> checkCheap(SignedRecord record, Id key, SignedRecord held, long expectedSeq) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(key, "key");
        if (record.valueLength() > maxValueBytes) {
            return Optional.of(RejectReason.TOO_LARGE);
        }
        if (!record.key().equals(key)) {
            return Optional.of(RejectReason.KEY_MISMATCH);
        }
        if (held == null || record.equals(held)) {
            return Optional.empty();
        }
        if (expectedSeq >= 0 && held.seq() != expectedSeq) {
            return Optional.of(RejectReason.CAS_MISMATCH);
        }
        if (record.seq() < held.seq()) {
            return Optional.of(held.isDeleted() ? RejectReason.DELETED : RejectReason.SEQ_TOO_LOW);
        }
        if (record.seq() == held.seq()) {
            return Optional.of(RejectReason.SEQ_REUSED);
        }
        return Optional.empty();
    }

    Optional<RejectReason> checkSignature(SignedRecord record) {
        return signatures.verify(record) ? Optional.empty() : Optional.of(RejectReason.BAD_SIGNATURE);
    }
}
