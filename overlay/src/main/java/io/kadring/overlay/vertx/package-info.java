/**
 * The IO edge: {@link io.kadring.overlay.vertx.VertxEnvironment} implements the node's
 * {@link io.kadring.overlay.env.Environment} over a Vert.x UDP socket, Vert.x timers and
 * {@code System.nanoTime}, one Vert.x context per node.
 *
 * <p>The only overlay package besides the root embedding API that may use io.vertx, system
 * clocks and OS randomness (it is excluded from build-rules/forbidden-core.txt in
 * overlay/pom.xml). Protocol logic never lives here: core packages must not depend on this one.
 */
package io.kadring.overlay.vertx;
