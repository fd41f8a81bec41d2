package io.kadring.simulator.run;

import io.kadring.overlay.node.Node;
import io.kadring.simulator.SimEnvironment;
import java.util.random.RandomGenerator;

/** One simulated node: the production {@link Node} on its simulated environment. */
final class SimPeer {
    final int index;
    final Node node;
    final SimEnvironment env;
    /** The workload's own draws, apart from the node's, so the workload does not perturb it. */
    final RandomGenerator workload;
    boolean joined;
    long diedAt = -1;

    SimPeer(int index, Node node, SimEnvironment env, RandomGenerator workload) {
        this.index = index;
        this.node = node;
        this.env = env;
        this.workload = workload;
    }

    boolean alive() {
        return diedAt < 0;
    }

    /** Whether it runs in client mode: it looks up, puts and gets, but no node takes it in. */
    boolean client() {
        return node.isClient();
    }

    @Override
    public String toString() {
        return "peer#" + index;
    }
}
