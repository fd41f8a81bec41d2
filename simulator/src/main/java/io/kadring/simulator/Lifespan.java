package io.kadring.simulator;

/**
 * The life of one node incarnation: once it has ended, the events tied to it are skipped.
 *
 * <p>It also holds its pending tasks, linked through the tasks themselves, so that its end
 * lets go of every task at once: a crashed node's timers (and whatever they capture: the node)
 * stay queued until their time, but as empty events, and the node is garbage at once.
 */
final class Lifespan {
    private boolean ended;
    /** The most recently queued of its pending tasks; each links to the one queued before. */
    private EventLoop.Task newest;

    boolean hasEnded() {
        return ended;
    }

    void end() {
        ended = true;
        for (EventLoop.Task t = newest; t != null; ) {
            EventLoop.Task older = t.older;
            t.release();
            t = older;
        }
        newest = null;
    }

    /** Its pending tasks (for tests). */
    int pending() {
        int n = 0;
        for (EventLoop.Task t = newest; t != null; t = t.older) n++;
        return n;
    }

    /** {@code task} is queued: hold it until it runs, is cancelled or this life ends. */
    void hold(EventLoop.Task task) {
        task.older = newest;
        if (newest != null) newest.newer = task;
        newest = task;
    }

    /** {@code task} ran or was cancelled: let go of it. */
    void drop(EventLoop.Task task) {
        if (task.newer != null) task.newer.older = task.older;
        else if (newest == task) newest = task.older;
        if (task.older != null) task.older.newer = task.newer;
        task.newer = null;
        task.older = null;
    }
}
