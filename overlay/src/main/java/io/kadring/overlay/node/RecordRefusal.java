package io.kadring.overlay.node;

/** Why a node record that came with a PING or a PONG did not admit its sender. */
enum RecordRefusal {
    /** The record's id is not the id the message was sent under. */
    SENDER_MISMATCH("sender_mismatch", "its record is for another node id than the one it sent"),
    /** The record names an address other than the one the datagram came from. */
    ADDRESS_MISMATCH("address_mismatch", "its record advertises another address than the one it answered from"),
    /** The record's signature or key does not verify. */
    BAD_NODE_RECORD("bad_node_record", "its node record does not verify"),
    /** Came unasked (in a PING) from a node the table would not take: not worth a signature check. */
    NOT_NEEDED("record_not_needed", "its record would not be used (no room for it)"),
    /** Came unasked while this second's signature checks were spent. */
    SIGNATURE_BUDGET("signature_budget", "too many signatures to check just now"),
    /** A record of this id with a higher seq verified here before: a replay of an older one. */
    STALE_RECORD("stale_node_record", "its record is older than one it sent before"),
    /** The record is this node's own. */
    OWN_ID("own_id", "it has this node's own id");

    private final String metricReason;
    private final String description;

    RecordRefusal(String metricReason, String description) {
        this.metricReason = metricReason;
        this.description = description;
    }

    /** The {@code reason} label of the datagrams-dropped counter. */
    String metricReason() {
        return metricReason;
    }

    /** A phrase for a log line: "answered but refused: ...". */
    String description() {
        return description;
    }
}
