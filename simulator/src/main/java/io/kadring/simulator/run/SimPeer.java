package io.kadring.simulator.run;

import io.kadring.overlay.node.Node;
import io.kadring.simulator.SimEnvironment;
import java.util.random.RandomGenerator;

/**
 * One simulated node: the production {@link Node} on its simulated environment. Once it has
 * died ({@link #release}) it lets go of both, since the workload keeps dead peers in view (records
 * they published, announcers); only its index, draws and time of death remain.
 */
final class SimPeer {
    final int index;
    /** Null once dead. */
    Node node;
    /** Null once dead. */
    SimEnvironment env;
    /** The workload's own draws, apart from the node's, so the workload does not perturb it. */
    final RandomGenerator workload;
    /** {@link Node#isClient()}, read at the start: the node is let go of at its death. */
    private final boolean client;
    boolean joined;
    long diedAt = -1;

    SimPeer(int index, Node node, SimEnvironment env, RandomGenerator workload) {
        this.index = index;
        this.node = node;
        this.env = env;
        this.workload = workload;
        this.client = node.isClient();
    }

    boolean alive() {
        return diedAt < 0;
    }

    /** Its environment crashed and its node closed: forget both. */
    void release() {
        node = null;
        env = null;
    }

    /**
     * Whether it runs in client mode: it looks up, puts and gets, but no node takes it in (the
     * node's own setting, kept when the node is let go of).
     */
    boolean client() {
        return client;
    }

    @Override
    public String toString() {
        return "peer#" + index;
    }
}
