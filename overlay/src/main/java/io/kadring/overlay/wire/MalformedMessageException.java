package io.kadring.overlay.wire;

/**
 * A datagram that is not a well-formed message. Thrown by {@link MessageCodec#decode} only;
 * carries no stack trace, so a flood of garbage costs little.
 */
public final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DropReason reason;

    public MalformedMessageException(DropReason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    /** The counter this drop goes to. */
    public DropReason reason() {
        return reason;
    }
}
