package io.kadring.archfixture.oneway;

import io.kadring.archfixture.oneway.lower.Lower;

/** Fixture for PackageArchitectureTest: depends on its sub-package, which does not depend back. Never run. */
public final class Upper {
    Lower lower() {
        return new Lower();
    }
}
