package io.kadring.bootstrap.cli;

import io.kadring.crypto.Identity;
import io.kadring.crypto.IdentityFile;
import io.kadring.crypto.IdentityFileException;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --identity} of the commands that sign here (put, delete, announce): the signer's key pair. */
final class IdentityOption {
    @Option(names = "--identity", required = true, paramLabel = "FILE",
            description = "The identity file (from `kadring keygen`) whose key pair signs: the record's owner, "
                    + "or the announcer.")
    private Path file;

    /** The identity in the file; a failure naming the file when it cannot be read. */
    Identity load() {
        try {
            return IdentityFile.load(file);
        } catch (IdentityFileException e) {
            throw new CommandFailure(e.getMessage(), e);
        } catch (IOException e) {
            throw CommandFailure.io("cannot read identity file " + file, e);
        }
    }
}
