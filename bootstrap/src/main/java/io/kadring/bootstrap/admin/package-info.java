/**
 * The peer's admin HTTP API on 127.0.0.1 (Vert.x core's HttpServer, JSON via Vert.x's
 * JsonObject): status, contacts, ring, lookups and Prometheus metrics. Read-only for now;
 * {@link io.kadring.bootstrap.admin.RecordRoutes} is where the record routes will go.
 * Talks to the node only through the embedding API ({@code KadringNode}).
 */
package io.kadring.bootstrap.admin;
