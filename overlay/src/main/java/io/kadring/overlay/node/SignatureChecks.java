package io.kadring.overlay.node;

import io.kadring.overlay.wire.NodeRecord;
import io.kadring.storage.RecordValidator;
import io.kadring.storage.SignedRecord;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How a node checks the two kinds of signature it meets: node records and signed records.
 * Both are pure functions of the bytes, so the simulator may pass memoising wrappers; a check
 * may be cached, never skipped.
 */
public record SignatureChecks(Predicate<NodeRecord> nodeRecords, RecordValidator.SignatureCheck records) {
    public SignatureChecks {
        Objects.requireNonNull(nodeRecords, "nodeRecords");
        Objects.requireNonNull(records, "records");
    }

    /** Ed25519 verification of every signature. */
    public static SignatureChecks standard() {
        return new SignatureChecks(NodeRecord::verify, SignedRecord::verifySignature);
    }
}
