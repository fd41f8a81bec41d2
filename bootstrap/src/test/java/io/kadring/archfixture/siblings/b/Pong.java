package io.kadring.archfixture.siblings.b;

import io.kadring.archfixture.siblings.a.Ping;

/** Fixture for PackageArchitectureTest: siblings.b and siblings.a depend on each other. Never run. */
public final class Pong {
    Ping serve() {
        return new Ping();
    }
}
