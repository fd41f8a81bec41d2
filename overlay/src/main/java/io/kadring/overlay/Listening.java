package io.kadring.overlay;

/**
 * A listen that {@link KadringNode#listen} started: {@link #cancel()} (or {@link #close()}) stops
 * it; the consumer hears nothing after the cancel has reached the node's thread. From any thread;
 * twice does nothing.
 */
public interface Listening extends AutoCloseable {
    void cancel();

    @Override
    default void close() {
        cancel();
    }
}
