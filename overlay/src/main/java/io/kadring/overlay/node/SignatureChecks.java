package io.kadring.overlay.node;

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

    /** Ed25519 verification of every signature. */
    public static SignatureChecks standard() {
        return new SignatureChecks(NodeRecord::verify, SignedRecord::verifySignature);
    }
}
