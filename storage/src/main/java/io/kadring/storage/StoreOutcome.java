package io.kadring.storage;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What {@link RecordStore#put} did with a record: stored it (how), or rejected it (why). */
public final class StoreOutcome {

    /** How a record was taken, or that it was not. */
    public enum Status {
        /** The key was not held; now it is. */
        STORED,
        /** A newer seq replaced the record held; its lifetime starts afresh. */
        REPLACED,
        /** The identical record was held; at most its expiry moved later. */
        REFRESHED,
        /** Not stored: see {@link #reason()}. */
        REJECTED
    }

    /** The wire code for any of the three ways of being stored. */
    public static final int STORED_CODE = 0;

    private static final StoreOutcome STORED = new StoreOutcome(Status.STORED, null);
    private static final StoreOutcome REPLACED = new StoreOutcome(Status.REPLACED, null);
    private static final StoreOutcome REFRESHED = new StoreOutcome(Status.REFRESHED, null);
    private static final Map<RejectReason, StoreOutcome> REJECTED = new EnumMap<>(RejectReason.class);

    static {
        for (RejectReason reason : RejectReason.values()) {
            REJECTED.put(reason, new StoreOutcome(Status.REJECTED, reason));
        }
    }

    private final Status status;
    private final RejectReason reason;

    private StoreOutcome(Status status, RejectReason reason) {
        this.status = status;
        this.reason = reason;
    }

    static StoreOutcome of(Status status) {
        return switch (status) {
            case STORED -> STORED;
            case REPLACED -> REPLACED;
            case REFRESHED -> REFRESHED;
            case REJECTED -> throw new IllegalArgumentException("a rejection needs a reason");
        };
    }

    /** The outcome of a record rejected for {@code reason}. */
    public static StoreOutcome rejected(RejectReason reason) {
        return REJECTED.get(Objects.requireNonNull(reason, "reason"));
    }

    public Status status() {
        return status;
    }

    /** Whether the record is held now (stored, replaced or refreshed). */
    public boolean isStored() {
        return status != Status.REJECTED;
    }

    /** Why it was rejected; empty when stored. */
    public Optional<RejectReason> reason() {
        return Optional.ofNullable(reason);
    }

    /** The STORE_RESULT byte: {@value #STORED_CODE}, or the reason's {@link RejectReason#code()}. */
    public int wireCode() {
        return reason == null ? STORED_CODE : reason.code();
    }

    @Override
    public String toString() {
        return reason == null ? status.name() : status + "(" + reason + ")";
    }
}
