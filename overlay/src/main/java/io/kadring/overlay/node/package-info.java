/**
 * The protocol node: {@link io.kadring.overlay.node.Node}, Kademlia routing and a Chord ring
 * over one id space, and the work it does (joining, lookups over RPCs, signed records,
 * periodic maintenance, admission and rate limits). Public besides {@code Node} are only its
 * settings ({@code NodeConfig}, {@code SignatureChecks}) and the results the embedding API
 * hands on (of a lookup, a get, a put, a join); the rest is package-private.
 *
 * <p>Core code, driven entirely by the {@link io.kadring.overlay.env.Environment} it is handed:
 * depends on {@code env}, {@code wire}, {@code metrics} and the routing, storage and crypto
 * modules only; never on io.vertx, the {@code vertx} driver or the root embedding API; no
 * system clock, no unseeded randomness (build-rules/forbidden-core.txt).
 */
package io.kadring.overlay.node;
