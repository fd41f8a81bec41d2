/**
 * The peer's admin HTTP API on 127.0.0.1 (Vert.x core's HttpServer, JSON via Vert.x's
 * JsonObject): status, contacts, ring, lookups, records ({@link io.kadring.bootstrap.admin.RecordRoutes}:
 * get, list and store signed records) and Prometheus metrics. The only write is
 * {@code POST /records}, of a record signed by the client: no private key ever reaches the peer.
 * Talks to the node only through the embedding API ({@code KadringNode}).
 */
package io.kadring.bootstrap.admin;
