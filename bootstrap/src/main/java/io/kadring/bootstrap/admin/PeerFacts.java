package io.kadring.bootstrap.admin;

/** What the admin API reports about the peer process beyond the node itself. */
public interface PeerFacts {
    /** {@code joining}, {@code joined} or {@code new_network}. */
    String phase();

    /** Seconds since the process started. */
    long uptimeSeconds();
}
