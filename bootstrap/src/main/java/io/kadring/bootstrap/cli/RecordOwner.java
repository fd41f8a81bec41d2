package io.kadring.bootstrap.cli;

import io.kadring.crypto.Identity;
import io.kadring.storage.SignedRecord;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Whose record the commands that write a mutable one (put, delete) sign: {@code --identity} and
 * {@code --salt}, which together make its key.
 */
final class RecordOwner {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Mixin
    private IdentityOption identityFile;

    @Option(names = "--salt", paramLabel = "SALT",
            description = "Salt as text (UTF-8, at most " + SignedRecord.MAX_SALT_BYTES + " bytes): one key pair "
                    + "holds one record per salt; a delete names the one given to `kadring put`. Default: none.")
    private String salt;

    /** The owner's identity; a failure naming the file when it cannot be read. */
    Identity identity() {
        return identityFile.load();
    }

    /** {@code --salt}'s bytes in UTF-8 (none when it is absent); a usage error past the limit. */
    byte[] salt() {
        byte[] bytes = salt == null ? new byte[0] : salt.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > SignedRecord.MAX_SALT_BYTES) {
            throw new ParameterException(command.commandLine(), "--salt is " + bytes.length
                    + " bytes in UTF-8; at most " + SignedRecord.MAX_SALT_BYTES);
        }
        return bytes;
    }
}
