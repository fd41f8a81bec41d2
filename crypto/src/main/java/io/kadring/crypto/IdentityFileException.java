package io.kadring.crypto;

import java.io.IOException;
import java.nio.file.Path;

/** An identity file that {@link IdentityFile} refuses to read or write; the message names the file and the problem. */
public final class IdentityFileException extends IOException {
    IdentityFileException(Path path, String problem) {
        super("identity file " + path + " " + problem);
    }

    IdentityFileException(Path path, String problem, Throwable cause) {
        super("identity file " + path + " " + problem, cause);
    }
}
