/**
 * Hostile nodes for the simulator: real {@code Node}s whose outgoing datagrams pass through a
 * {@link io.kadring.simulator.adversary.Policy} that decodes them with the overlay's
 * {@code MessageCodec}, rewrites, drops or passes them, and encodes them again
 * ({@link io.kadring.simulator.adversary.HostileEnvironment}; the policies that rewrite
 * referrals share {@code ReferralPolicy}); the {@link
 * io.kadring.simulator.adversary.Attack} kinds and their setup ({@link
 * io.kadring.simulator.adversary.Adversaries}); ids ground next to a target ({@link
 * io.kadring.simulator.adversary.IdGrinder}); and the colluding groups they name in their
 * answers ({@link io.kadring.simulator.adversary.Sybils}).
 *
 * <p>Builds on the engine (the root package), the overlay's {@code env} and {@code wire}
 * packages, routing, storage and crypto; never on {@code run}, {@code scenario} or
 * {@code report}, which build on it. Deterministic: all draws come from generators the
 * caller seeds.
 */
package io.kadring.simulator.adversary;
