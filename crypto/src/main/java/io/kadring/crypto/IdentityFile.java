package io.kadring.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Keeps an {@link Identity} on disk. The file is 85 bytes of ASCII text:
 * <pre>
 * kadring-identity-v1\n
 * &lt;the 32-byte seed as 64 lowercase hex digits&gt;\n
 * </pre>
 * It is written to a temporary file in the same directory, synced, then moved into place,
 * and on POSIX file systems it is created owner-only ({@code rw-------}). Reading refuses a
 * file that group or others may access, as ssh does. Errors never include key material.
 */
public final class IdentityFile {
    static final String HEADER = "kadring-identity-v1\n";
    static final int FILE_BYTES = HEADER.length() + 2 * Identity.SEED_BYTES + 1;

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> GROUP = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private IdentityFile() {}

    /** Writes {@code identity} to {@code path}, refusing to replace an existing file. */
    public static void save(Identity identity, Path path) throws IOException {
        save(identity, path, false);
    }

    /**
     * Writes {@code identity} to {@code path}; an existing file is replaced only when
     * {@code overwrite} is true, otherwise an {@link IdentityFileException} is thrown.
     */
    public static void save(Identity identity, Path path, boolean overwrite) throws IOException {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IdentityFileException(path, "already exists; refusing to overwrite it");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IdentityFileException(path, "cannot be written: directory " + dir + " does not exist");
        }
        byte[] seed = identity.seed();
        byte[] content = (HEADER + HexFormat.of().formatHex(seed) + "\n").getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(seed, (byte) 0);
        Path tmp = isPosix(dir)
                ? Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", ownerOnly())
                : Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            } finally {
                Arrays.fill(content, (byte) 0);
            }
            if (overwrite) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } else {
                moveNoClobber(tmp, target, path);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads the identity in {@code path}. Refuses, with an {@link IdentityFileException} naming the
     * file and the problem, a missing file, one that group or others may access, one of the wrong
     * size, and one whose header or hex digits are not as {@link #save} writes them.
     */
    public static Identity load(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IdentityFileException(path, "does not exist");
        }
        if (!Files.isRegularFile(path)) {
            throw new IdentityFileException(path, "is not a regular file");
        }
        if (isPosix(path)) {
            checkOwnerOnly(path, Files.getPosixFilePermissions(path));
        }
        long size = Files.size(path);
        if (size != FILE_BYTES) {
            throw new IdentityFileException(path, "has the wrong size: expected " + FILE_BYTES
                    + " bytes (header line and 64 hex digits), got " + size);
        }
        byte[] content = Files.readAllBytes(path);
        try {
            if (content.length != FILE_BYTES) {
                throw new IdentityFileException(path, "changed size while being read");
            }
            String text = new String(content, StandardCharsets.US_ASCII);
            if (!text.startsWith(HEADER)) {
                throw new IdentityFileException(path, "is corrupt: the first line is not '"
                        + HEADER.strip() + "'");
            }
            if (content[FILE_BYTES - 1] != '\n') {
                throw new IdentityFileException(path, "is corrupt: the seed line does not end in a newline");
            }
            byte[] seed;
            try {
                seed = HexFormat.of().parseHex(text, HEADER.length(), FILE_BYTES - 1);
            } catch (IllegalArgumentException e) {
                throw new IdentityFileException(path, "is corrupt: the seed is not "
                        + 2 * Identity.SEED_BYTES + " hex digits");
            }
            try {
                return Identity.fromSeed(seed);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static void checkOwnerOnly(Path path, Set<PosixFilePermission> permissions)
            throws IdentityFileException {
        boolean group = permissions.stream().anyMatch(GROUP::contains);
        boolean others = permissions.stream().anyMatch(OTHERS::contains);
        if (!group && !others) {
            return;
        }
        boolean readable = permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ);
        String who = group && others ? "group and others" : group ? "group" : "others";
        throw new IdentityFileException(path, "is " + (readable ? "readable" : "accessible") + " by " + who
                + " (" + PosixFilePermissions.toString(permissions) + "); run chmod 600 " + path);
    }

    /** Moves {@code tmp} to {@code target} unless something is there; a hard link makes that atomic. */
    private static void moveNoClobber(Path tmp, Path target, Path path) throws IOException {
        try {
            Files.createLink(target, tmp);
            return;
        } catch (FileAlreadyExistsException e) {
            throw new IdentityFileException(path, "already exists; refusing to overwrite it", e);
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            // some file systems (FAT, some network mounts) have no hard links: plain rename below
        }
        try {
            Files.move(tmp, target);
        } catch (FileAlreadyExistsException e) {
            throw new IdentityFileException(path, "already exists; refusing to overwrite it", e);
        }
    }

    /** Makes the new directory entry durable where the platform allows it (not on Windows). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // best effort: the file's own contents are already synced
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }
}
