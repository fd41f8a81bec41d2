package io.kadring.simulator;

/** Why the simulated network did not deliver a datagram. */
public enum DropCause {
    /** Random loss, with the network's loss rate. */
    LOSS,
    /** Sent across a partition while it was in force. */
    PARTITION,
    /** The destination was crashed or had no handler attached when the datagram arrived. */
    DESTINATION_DOWN,
    /** No host was ever seen at the destination address. */
    UNKNOWN_DESTINATION,
    /** Sent by a node incarnation that had already crashed (a leftover reference to it). */
    SENDER_DOWN
}
