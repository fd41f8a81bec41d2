package io.kadring.archfixture.oneway.lower;

/** Fixture for PackageArchitectureTest: depends on no other fixture package. Never run. */
public final class Lower {}
