package io.kadring.bootstrap.bench;

import io.kadring.crypto.Identity;
import io.kadring.routing.Id;
import io.kadring.storage.RecordValidator;
import io.kadring.storage.RejectReason;
import io.kadring.storage.SignedRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link RecordValidator#check} of a valid signed record (a 1000-byte value, the largest):
 * {@code ed25519}, the real Ed25519 verification a peer does; {@code memoised}, a validator
 * whose signature check is a map from record to verdict, as the simulator passes (each distinct
 * record verified once); {@code refresh}, a record byte-identical to the one held, whose
 * signature is not checked again.
 *
 * <p>Run: {@code bootstrap/benchmark.sh RecordValidatorBenchmark}.
 */
@State(Scope.Benchmark)
public class RecordValidatorBenchmark extends ShortNanosBenchmark {
    private SignedRecord record;
    private Id key;
    private RecordValidator memoised;

    @Setup
    public void sign() {
        Identity owner = Identity.fromSeed(new byte[32]);
        record = SignedRecord.sign(owner, "salt".getBytes(StandardCharsets.UTF_8), 7,
                "v".repeat(SignedRecord.MAX_VALUE_BYTES).getBytes(StandardCharsets.UTF_8));
        key = record.key();
        Map<SignedRecord, Boolean> verdicts = new HashMap<>();
        memoised = new RecordValidator(SignedRecord.MAX_VALUE_BYTES,
                r -> verdicts.computeIfAbsent(r, SignedRecord::verifySignature));
        if (RecordValidator.standard().check(record, key).isPresent()) throw new IllegalStateException("not valid");
    }

    @Benchmark
    public Optional<RejectReason> ed25519() {
        return RecordValidator.standard().check(record, key);
    }

    @Benchmark
    public Optional<RejectReason> memoised() {
        return memoised.check(record, key);
    }

    @Benchmark
    public Optional<RejectReason> refresh() {
        return RecordValidator.standard().check(record, key, record, -1);
    }
}
