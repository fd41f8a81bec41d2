package io.kadring.crypto;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one place where crypto may use a forbidden API (build-rules/forbidden-core.txt),
 * with the reason: a long-term key is made from real entropy, not from a simulation seed.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE})
@interface SuppressForbidden {
    String value();
}
