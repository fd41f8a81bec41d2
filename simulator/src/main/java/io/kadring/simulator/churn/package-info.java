/**
 * Churn models: session-time distributions, Poisson arrivals, mass failures and the
 * {@link io.kadring.simulator.churn.ChurnDriver} that plays them out on the event loop
 * through callbacks that make and kill nodes. Knows nothing of what a node is.
 *
 * <p>Draws come only from the seeded generator handed in, through {@link java.lang.StrictMath};
 * no threads, no wall clock.
 */
package io.kadring.simulator.churn;
