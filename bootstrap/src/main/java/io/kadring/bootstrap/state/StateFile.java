package io.kadring.bootstrap.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** How the peer replaces its state files and sets aside the ones it cannot read. */
final class StateFile {
    private StateFile() {}

    /**
     * Replaces {@code target} with {@code content} so that a crash leaves either the old file or
     * the new one, never a mix: a temporary file in the same directory, synced, then renamed.
     */
    static void replace(Path target, byte[] content) throws IOException {
        replace(target, content, false);
    }

    /** As {@link #replace(Path, byte[])}; {@code ownerOnly} makes the file rw------- (on POSIX) from its first byte. */
    static void replace(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = ownerOnly && dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) channel.write(buffer);
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renames {@code file} to the first free {@code <name>.corrupt-<n>} (n from 1) and returns that path. */
    static Path setAside(Path file) throws IOException {
        return setAside(file, "corrupt");
    }

    /** Renames {@code file} to the first free {@code <name>.<why>-<n>} (n from 1) and returns that path. */
    static Path setAside(Path file, String why) throws IOException {
        for (int n = 1; ; n++) {
            Path aside = file.resolveSibling(file.getFileName() + "." + why + "-" + n);
            if (Files.exists(aside)) continue;
            try {
                return Files.move(file, aside); // no REPLACE_EXISTING: never clobbers an earlier one
            } catch (FileAlreadyExistsException raced) {
                // taken between the check and the move: try the next number
            }
        }
    }

    /** Makes the rename durable where the platform allows it. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // best effort (not possible on Windows): the file's own contents are synced
        }
    }
}
