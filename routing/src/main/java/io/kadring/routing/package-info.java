/**
 * The identifier space and routing state of a kadring node: 256-bit {@link io.kadring.routing.Id}s
 * under the XOR and the clockwise metric, {@link io.kadring.routing.Contact}s, Kademlia's
 * {@link io.kadring.routing.RoutingTable} of k-buckets, Chord's
 * {@link io.kadring.routing.RingNeighbours}, and the lookups
 * ({@link io.kadring.routing.XorLookup}, {@link io.kadring.routing.SuccessorLookup}) as state
 * machines that are fed answers and failures and say whom to ask next; and the
 * {@link io.kadring.routing.NetworkSizeEstimator}, which reads the network's size from how
 * close the nearest nodes of a point are.
 *
 * <p>Depends on nothing but the JDK. No IO, no threads, no clock (time comes in as
 * {@code long now} milliseconds) and no unseeded randomness: the forbidden-API check
 * enforces it, so the same code runs over UDP and in the deterministic simulator.
 */
package io.kadring.routing;
