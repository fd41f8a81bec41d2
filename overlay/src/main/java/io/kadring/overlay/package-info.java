/**
 * The embedding API: {@link io.kadring.overlay.KadringNode}, a node over real UDP for an
 * application to start, query and close, and {@link io.kadring.overlay.HostPort}, which reads
 * {@code host:port} as users type it. Everything else an embedder sees are the values these
 * take and return (from {@code node}, {@code routing}, {@code storage} and {@code crypto}).
 *
 * <p>The top of the module: it wires the core ({@code node}, {@code wire}, {@code env},
 * {@code metrics}) to the Vert.x driver ({@code vertx}), and may itself use io.vertx and the
 * system clock (excluded from build-rules/forbidden-core.txt in overlay/pom.xml). No other
 * overlay package may depend on it.
 */
package io.kadring.overlay;
