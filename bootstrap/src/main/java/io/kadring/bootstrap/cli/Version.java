package io.kadring.bootstrap.cli;

import picocli.CommandLine;

/**
 * {@code --version} of every command: "kadring VERSION", the jar manifest's
 * Implementation-Version, or "dev" outside the jar.
 */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"kadring " + (version == null ? "dev" : version)};
    }
}
