/**
 * The protocol node: {@link io.kadring.overlay.node.Node}, Kademlia routing and a Chord ring
 * over one id space. Public besides {@code Node} are only its settings ({@code NodeConfig},
 * {@code SignatureChecks}) and the results the embedding API hands on (of a lookup, a get, a
 * put, a join) and the {@code ListenHandle} of a listen; the rest is package-private. What lives here, by file name:
 * {@code *Procedure} — the multi-step work of a node as state machines fed replies, failures and
 * the time (no IO, no futures; {@code Procedures} drives them); {@code *Handler} — one answer per
 * request type; {@code Admission}, {@code Maintenance}, {@code Republisher}, {@code RpcEngine}
 * and the small parts they use, each given narrow interfaces, never the {@code Node}
 * ({@code NodeShapeTest}); {@code ListenerTable} (a holder's listeners) and {@code Subscriptions}
 * (this node's own listens, which UPDATEs are routed to).
 *
 * <p>Core code, driven entirely by the {@link io.kadring.overlay.env.Environment} it is handed:
 * depends on {@code env}, {@code wire}, {@code metrics} and the routing, storage and crypto
 * modules only; never on io.vertx, the {@code vertx} driver or the root embedding API; no
 * system clock, no unseeded randomness (build-rules/forbidden-core.txt).
 */
package io.kadring.overlay.node;
