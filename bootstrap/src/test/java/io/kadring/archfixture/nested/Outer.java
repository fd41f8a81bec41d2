package io.kadring.archfixture.nested;

import io.kadring.archfixture.nested.inner.Inner;

/**
 * Fixture for PackageArchitectureTest: a package and its sub-package that depend on each
 * other, the shape {@code Main} and {@code bootstrap.cli} had. Never run.
 */
public final class Outer {
    Inner inner() {
        return new Inner();
    }
}
