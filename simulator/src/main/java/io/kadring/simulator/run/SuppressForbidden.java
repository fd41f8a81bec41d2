package io.kadring.simulator.run;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks where the simulator may read the wall clock (build-rules/forbidden-core.txt): only to
 * report how long a run took and to show progress, never to decide anything.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
@interface SuppressForbidden {
    String value();
}
