package io.kadring.overlay.node;

/** The two lookups a node runs, as metrics tag them. */
enum LookupKind {
    /** Kademlia: the k closest by XOR. */
    CLOSEST,
    /** Chord: the first node clockwise. */
    SUCCESSOR,
    /** Kademlia's FIND_VALUE: a record's holders. */
    VALUE;

    /** The name in lower case, as metrics tag it and the recent lookups list it. */
    final String label = name().toLowerCase(java.util.Locale.ROOT);
}
