/**
 * The peer's admin HTTP API (Vert.x core's HttpServer, routed by a vertx-web Router; JSON as
 * Jackson trees through {@link io.kadring.bootstrap.text.Json}): health, status, contacts, ring, lookups, records
 * ({@link io.kadring.bootstrap.admin.RecordRoutes}: get, list and store signed records), the
 * listen stream ({@link io.kadring.bootstrap.admin.ListenRoute}, server-sent events) and
 * Prometheus metrics. It binds one address, 127.0.0.1 unless
 * told otherwise; anywhere else every route but health, metrics and the status page (static HTML that asks for it) needs a bearer token. It
 * bounds how many connections it keeps and for how long, and answers 503 rather than succeed
 * without a network while the peer is joining. The only write is {@code POST /records}, of a
 * record signed by the client: no private key ever reaches the peer. Talks to the node only
 * through the embedding API ({@code KadringNode}).
 *
 * <p>Of bootstrap it uses {@code state} (the token file) and {@code text} only; the peer process
 * hands it what it needs through {@code PeerFacts} and {@code RecordKeeper}.
 */
package io.kadring.bootstrap.admin;
