package io.kadring.overlay.node;

/** The two lookups a node runs, as metrics tag them. */
enum LookupKind {
    /** Kademlia: the k closest by XOR. */
    CLOSEST,
    /** Chord: the first node clockwise. */
    SUCCESSOR,
    /** Kademlia's FIND_VALUE: a record's holders. */
    VALUE
}
