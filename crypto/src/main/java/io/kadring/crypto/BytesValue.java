package io.kadring.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * A value that is its bytes: equal to another of exactly the same class holding the same bytes,
 * and hashed by them. Subclasses hand over an array that nobody changes afterwards and write
 * their own {@code toString} (a key pair must not print its private half, for one).
 */
public abstract class BytesValue {
    private final byte[] content;

    /** @param content the bytes the value is equal and hashed by: kept, not copied */
    protected BytesValue(byte[] content) {
        this.content = Objects.requireNonNull(content, "content");
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(content, ((BytesValue) o).content);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(content);
    }
}
