package io.kadring.overlay.node;

import io.kadring.crypto.Identity;
import io.kadring.storage.SignedRecord;
import java.util.List;
import java.util.function.Function;

/**
 * Publishing as a record's owner: find the highest seq any holder has (a get), sign the value
 * with the next seq (never below {@code ownSeq}, the next after what this node last published),
 * and put it. A compare-and-swap skips the get: it signs {@code expectedSeq + 1} at once. A
 * delete is the same with a tombstone ({@link SignedRecord#tombstone}) for the value.
 */
final class PublishProcedure extends AbstractProcedure<PutResult> {
    private final Identity identity;
    private final byte[] salt;
    private final byte[] value;
    private final boolean delete;
    private final long ownSeq;
    private final Function<SignedRecord, PutProcedure> puts;
    private final GetProcedure get;
    private PutProcedure put;

    /**
     * @param get the get of the record's key (null for a compare-and-swap)
     * @param puts makes the put of the signed record
     */
    PublishProcedure(Identity identity, byte[] salt, byte[] value, long expectedSeq, long ownSeq, GetProcedure get,
                     Function<SignedRecord, PutProcedure> puts) {
        this(identity, salt, value, false, expectedSeq, ownSeq, get, puts);
    }

    /** Deleting as the owner: a tombstone with the next seq, found as for a publish. */
    static PublishProcedure delete(Identity identity, byte[] salt, long ownSeq, GetProcedure get,
                                   Function<SignedRecord, PutProcedure> puts) {
        return new PublishProcedure(identity, salt, new byte[0], true, -1, ownSeq, get, puts);
    }

    private PublishProcedure(Identity identity, byte[] salt, byte[] value, boolean delete, long expectedSeq,
                             long ownSeq, GetProcedure get, Function<SignedRecord, PutProcedure> puts) {
        this.identity = identity;
        this.salt = salt.clone();
        this.value = value.clone();
        this.delete = delete;
        this.ownSeq = ownSeq;
        this.puts = puts;
        this.get = expectedSeq >= 0 ? null : get;
        if (expectedSeq >= 0) put = puts.apply(sign(expectedSeq + 1));
    }

    @Override
    public List<Request> poll(long now) {
        if (put == null) {
            List<Request> out = get.poll(now);
            if (!get.isDone()) return out;
            long seq = get.result().record().map(r -> r.seq() + 1).orElse(1L);
            put = puts.apply(sign(Math.max(seq, ownSeq)));
        }
        List<Request> out = put.poll(now); // the get and the put hear their own replies
        if (put.isDone()) finish(put.result());
        return out;
    }

    private SignedRecord sign(long seq) {
        return delete ? SignedRecord.tombstone(identity, salt, seq) : SignedRecord.sign(identity, salt, seq, value);
    }

    /** The record signed and put; null until the get is done. */
    SignedRecord signed() {
        return put == null ? null : put.record();
    }
}
