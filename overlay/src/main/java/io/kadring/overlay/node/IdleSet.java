package io.kadring.overlay.node;

import java.util.HashSet;

/**
 * A hash set for what is in flight (addresses being verified, say) that gives its table back
 * once it is empty again: a {@link HashSet} keeps the table of its busiest moment for good, up
 * to 2 KB for 256 addresses, per node, in a simulator of thousands. Made anew when it empties
 * after holding more than a fresh table's {@value #FRESH_ROOM} elements; not for iteration.
 */
final class IdleSet<E> {
    /** What a default {@link HashSet}'s 16 slots hold before it grows (load factor 0.75). */
    static final int FRESH_ROOM = 12;

    private HashSet<E> elements = new HashSet<>();
    private int peak;

    boolean contains(E e) {
        return elements.contains(e);
    }

    /** Whether {@code e} was not held before. */
    boolean add(E e) {
        boolean added = elements.add(e);
        peak = Math.max(peak, elements.size());
        return added;
    }

    void remove(E e) {
        elements.remove(e);
        if (elements.isEmpty() && peak > FRESH_ROOM) {
            elements = new HashSet<>();
            peak = 0;
        }
    }

    int size() {
        return elements.size();
    }
}
