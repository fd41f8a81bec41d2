package io.kadring.storage;

import java.util.Optional;

/**
 * Why a node did not store a record. Each reason travels back to the writer as one byte,
 * {@link #code()}; code 0 is reserved for "stored" and is not a reason. Codes are stable: never
 * renumber one, only add new ones.
 *
 * <p>Reasons about the record itself (bad signature, key, size, seq) will be the same at every
 * node; {@link #QUOTA_EXCEEDED}, {@link #BAD_TOKEN} and {@link #UNAVAILABLE} are about this
 * node, so the writer may try another.
 */
public enum RejectReason {
    /** The signature does not verify over the BEP 44 signing buffer. */
    BAD_SIGNATURE(1),
    /** The record's key, SHA-256(publicKey ‖ salt) or SHA-256(value), is not the key asked for. */
    KEY_MISMATCH(2),
    /** The value is longer than this node accepts (at most {@value SignedRecord#MAX_VALUE_BYTES} bytes). */
    TOO_LARGE(3),
    /** The node holds the same key with a higher seq. */
    SEQ_TOO_LOW(4),
    /** The node holds the same key and seq with different bytes. */
    SEQ_REUSED(5),
    /** Compare-and-swap: the writer's expected seq is not the seq the node holds. */
    CAS_MISMATCH(6),
    /** The STORE's lifetime is zero or negative: the record has already expired. */
    EXPIRED(7),
    /** The publisher or the sending address already has as many records here as it may. */
    QUOTA_EXCEEDED(8),
    /** The STORE's write token is missing, stale or was issued to another address (node layer). */
    BAD_TOKEN(9),
    /** The node stores nothing right now (shutting down, storage off, overloaded): try another. */
    UNAVAILABLE(10),
    /** The node holds a tombstone of the key with a higher seq: the key was deleted, older seqs stay away. */
    DELETED(12),
    /** The node is in client mode: it holds nothing for others (node layer); try another. */
    CLIENT_MODE(20);
    // code 11 is taken: the node layer's "malformed STORE" (Message.StoreResult.MALFORMED);
    // 20 sits apart, with the client mode it belongs to

    private static final RejectReason[] BY_CODE = new RejectReason[256];

    static {
        for (RejectReason reason : values()) {
            if (BY_CODE[reason.code] != null) {
                throw new IllegalStateException("duplicate reject code " + reason.code);
            }
            BY_CODE[reason.code] = reason;
        }
    }

    private final int code;

    RejectReason(int code) {
        this.code = code;
    }

    /** The byte on the wire, 1..255. */
    public int code() {
        return code;
    }

    /**
     * The reason with wire code {@code code}; empty for 0 ("stored"), for codes this version
     * does not know, and for anything outside 0..255.
     */
    public static Optional<RejectReason> fromCode(int code) {
        return code > 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}
