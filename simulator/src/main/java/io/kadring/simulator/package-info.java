/**
 * The simulator's engine: a discrete-event {@link io.kadring.simulator.EventLoop} in virtual
 * milliseconds (the shared {@link io.kadring.routing.time.EventQueue} with node lifespans),
 * a {@link io.kadring.simulator.SimNetwork} with latency, loss and partitions, and {@link io.kadring.simulator.SimEnvironment}, the node's environment seam implemented
 * on both, with crash and restart. {@link io.kadring.simulator.Seeds} splits the master seed.
 *
 * <p>Everything here runs on the caller's one thread and is deterministic to the byte: no
 * threads, no wall clock, no unseeded randomness, no iteration over hash order.
 */
package io.kadring.simulator;
