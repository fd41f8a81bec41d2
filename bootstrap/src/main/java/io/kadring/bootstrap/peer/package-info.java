/**
 * The running peer process: {@link io.kadring.bootstrap.peer.PeerProcess} ties together the node
 * (through the embedding API), its data directory, the admin API, metrics, periodic saving and
 * a clean stop. The CLI starts it; tests start it in-process.
 *
 * <p>Uses {@code admin}, {@code state} and {@code text}; never {@code cli} or the root package.
 */
package io.kadring.bootstrap.peer;
