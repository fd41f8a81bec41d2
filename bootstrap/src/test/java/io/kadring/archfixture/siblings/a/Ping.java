package io.kadring.archfixture.siblings.a;

import io.kadring.archfixture.siblings.b.Pong;

/** Fixture for PackageArchitectureTest: siblings.a and siblings.b depend on each other. Never run. */
public final class Ping {
    Pong answer() {
        return new Pong();
    }
}
