package io.kadring.overlay.node;

import io.kadring.crypto.VerifiedSignatures;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.storage.Announcement;
import io.kadring.storage.RecordValidator;
import io.kadring.storage.SignedRecord;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How a node checks the kinds of signature it meets: node records, signed records and announcements.
 * Both are pure functions of the bytes, so the simulator may pass memoising wrappers; a check
 * may be cached, never skipped.
 */
public record SignatureChecks(Predicate<NodeRecord> nodeRecords, RecordValidator.SignatureCheck records,
                              Predicate<Announcement> announcements) {
    public SignatureChecks {
        Objects.requireNonNull(nodeRecords, "nodeRecords");
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(announcements, "announcements");
    }

    /** These checks of node records and records; announcements verified with Ed25519 every time. */
    public SignatureChecks(Predicate<NodeRecord> nodeRecords, RecordValidator.SignatureCheck records) {
        this(nodeRecords, records, Announcement::verifySignature);
    }

    /**
     * Ed25519 verification of every signature; a node record's success is remembered in the
     * JVM's {@link VerifiedSignatures#shared()} memo, so the same record costs one check however
     * often, and by however many nodes here, it is met.
     */
    public static SignatureChecks standard() {
        VerifiedSignatures memo = VerifiedSignatures.shared();
        return new SignatureChecks(r -> r.verify(memo), SignedRecord::verifySignature);
    }
}
