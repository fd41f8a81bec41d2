package io.kadring.overlay.wire;

/** Why a datagram was dropped by {@link MessageCodec#decode}: one counter each. */
public enum DropReason {
    /** The datagram ended before a field it announced. */
    TRUNCATED,
    /** Longer than {@link MessageCodec#MAX_DATAGRAM_BYTES}. */
    OVERSIZED,
    /** A protocol version this node does not speak. */
    BAD_VERSION,
    /** A message type byte with no meaning. */
    UNKNOWN_TYPE,
    /** A contact or successor count above its maximum. */
    BAD_COUNT,
    /** A token or error text longer than its maximum. */
    BAD_LENGTH,
    /** Bytes left over after the message. */
    TRAILING_BYTES,
    /** An address family other than 4 or 6, an IPv4-mapped IPv6 address, or port 0. */
    BAD_ADDRESS,
    /** A signed record whose kind, sizes or seq break {@link io.kadring.storage.SignedRecord}'s bounds. */
    BAD_RECORD,
    /**
     * A field outside its domain: a flag not 0 or 1, an unknown lookup mode, a lifetime
     * that is not positive, a seq below −1, error text that is not well-formed UTF-8.
     */
    BAD_FIELD
}
