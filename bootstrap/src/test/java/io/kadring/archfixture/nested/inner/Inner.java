package io.kadring.archfixture.nested.inner;

import io.kadring.archfixture.nested.Outer;

/** Fixture for PackageArchitectureTest: reaches back into its parent package. Never run. */
public final class Inner {
    Outer outer() {
        return new Outer();
    }
}
