package io.kadring.bootstrap.cli;

import io.kadring.crypto.Identity;
import io.kadring.crypto.IdentityFile;
import io.kadring.crypto.IdentityFileException;
import io.kadring.routing.Id;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kadring keygen --out FILE [--force]}: a new Ed25519 identity in an owner-only file. */
@Command(name = "keygen", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Create a new identity (Ed25519 key pair) in an owner-only file; "
                + "prints its node id and public key. Never overwrites a file unless --force is given.")
public final class KeygenCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the identity.")
    private Path out;

    @Option(names = "--force", description = "Replace an existing file at --out (its identity is lost for good).")
    private boolean force;

    @Override
    public Integer call() {
        Identity identity = Identity.generate();
        try {
            IdentityFile.save(identity, out, force);
        } catch (IdentityFileException e) {
            throw new CommandFailure(e.getMessage(), e);
        } catch (IOException e) {
            throw CommandFailure.io("cannot write identity file " + out, e);
        }
        byte[] publicKey = identity.publicKey();
        spec.commandLine().getOut().println("node_id " + Id.fromPublicKey(publicKey).toHex());
        spec.commandLine().getOut().println("public_key " + HexFormat.of().formatHex(publicKey));
        return 0;
    }
}
