package io.kadring.bootstrap.admin;

/** What the admin API reports about the peer process beyond the node itself. */
public interface PeerFacts {
    /** The phase in which the node has joined a network. */
    String JOINED = "joined";
    /** The phase of a node that runs a network of its own on purpose: nothing to join through (no bootstrap, no saved contacts). */
    String ALONE = "alone";
    /** The phase of a node still trying to join. */
    String JOINING = "joining";

    /** {@link #JOINING}, {@link #JOINED} or {@link #ALONE}. */
    String phase();

    /** Whether the node serves writes and lookups: {@link #JOINED} or {@link #ALONE}. */
    default boolean ready() {
        String phase = phase();
        return phase.equals(JOINED) || phase.equals(ALONE);
    }

    /** Seconds since the process started. */
    long uptimeSeconds();
}
