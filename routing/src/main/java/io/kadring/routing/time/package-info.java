/**
 * Virtual time for discrete-event runs: {@link io.kadring.routing.time.EventQueue}, a clock
 * that only moves when the next event is taken off the queue. The simulator's event loop,
 * the overlay's test network and the routing lookup oracle all run on it.
 *
 * <p>It lives in the lowest module so that every one of those can reach it. Depends on
 * nothing but the JDK, not even the rest of routing; reads no clock and draws no random
 * numbers: a run's order is fixed by the times and the order in which events are scheduled.
 */
package io.kadring.routing.time;
