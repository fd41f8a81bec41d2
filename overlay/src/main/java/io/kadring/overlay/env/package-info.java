/**
 * The seam between a node and the world: clock, scheduler, datagram transport and seeded
 * random. Core code depends on these interfaces only; the Vert.x driver and the simulator
 * implement them. Nothing here may import io.vertx or read a system clock.
 */
package io.kadring.overlay.env;
