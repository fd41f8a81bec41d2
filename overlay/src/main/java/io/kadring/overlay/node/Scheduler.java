package io.kadring.overlay.node;

import io.kadring.overlay.env.Cancellable;

/** Runs a task on the node's thread after a delay: the timer part of the environment. */
@FunctionalInterface
interface Scheduler {
    Cancellable schedule(long delayMillis, Runnable task);
}
