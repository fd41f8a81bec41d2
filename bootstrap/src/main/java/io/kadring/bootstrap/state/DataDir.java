package io.kadring.bootstrap.state;

import io.kadring.crypto.Identity;
import io.kadring.crypto.IdentityFile;
import io.kadring.crypto.IdentityFileException;
import io.kadring.routing.Id;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer's data directory, held by one peer at a time:
 * <pre>
 * lock          held (FileChannel.tryLock) while a peer runs; holds that process's pid
 * identity      the node's key pair, owner-only
 * contacts      whom to rejoin through (see {@link ContactsFile})
 * records.mv    the records it holds and was asked to store (see {@link SavedRecords})
 * admin-token   the admin API's bearer token, when it listens beyond loopback
 * </pre>
 * Created owner-only on first use. Opening it takes the lock (a second peer on the same
 * directory is refused, naming the process that has it), removes temporary files that an
 * interrupted save left behind, and notes whether the directory has a history (an identity
 * from an earlier run), so that a restart is never mistaken for a new network.
 */
public final class DataDir implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataDir.class);
    static final String LOCK = "lock";
    static final String RECORDS = "records.mv";
    /** Wave 1's text records file, moved into {@link #RECORDS} on first open. */
    static final String LEGACY_RECORDS = "records";

    private final Path root;
    private final FileLock lock;
    private final boolean history;

    /** {@code lock} is held on the lock file's channel, which {@link #close()} closes with it. */
    private DataDir(Path root, FileLock lock, boolean history) {
        this.root = root;
        this.lock = lock;
        this.history = history;
    }

    /**
     * The directory at {@code root}, created (rwx------ on POSIX) if it does not exist, and
     * locked for this process until {@link #close()}. Throws naming the directory when it is
     * not one, or is in use by another peer.
     */
    public static DataDir open(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            if (Files.exists(root)) throw new IOException("data directory " + root + " exists but is not a directory");
            if (root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(root);
            }
        }
        Path lockPath = root.resolve(LOCK);
        FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            String holder = readHolder(channel);
            channel.close();
            throw new DataDirInUseException("data directory " + root + " is in use by process " + holder
                    + "; run one peer per data directory (give this one another --data-dir)");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(true);
        boolean history = Files.exists(root.resolve("identity"));
        DataDir dir = new DataDir(root, lock, history);
        dir.removeOrphans();
        return dir;
    }

    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            return pid.matches("[0-9]{1,19}") ? pid : "(unknown pid)";
        } catch (IOException e) {
            return "(unknown pid)";
        }
    }

    /** Temporary files of saves that a crash interrupted ({@code .<name>.<random>.tmp}). */
    private void removeOrphans() {
        try (DirectoryStream<Path> orphans = Files.newDirectoryStream(root, ".*.tmp")) {
            for (Path orphan : orphans) {
                Files.deleteIfExists(orphan);
                LOG.info("removed {}, left behind by an interrupted save", orphan);
            }
        } catch (IOException e) {
            LOG.warn("could not clean up temporary files in {}: {}", root, e.getMessage());
        }
    }

    public Path root() {
        return root;
    }

    /** Whether an earlier run left an identity here: this start is a restart. */
    public boolean hasHistory() {
        return history;
    }

    public Path identityPath() {
        return root.resolve("identity");
    }

    public ContactsFile contacts() {
        return new ContactsFile(root.resolve("contacts"));
    }

    /**
     * Opens the records store, first moving in the records of wave 1's text file if one is
     * there (that file is removed once they are durably in the store).
     */
    public SavedRecords records(long nowEpochMillis) throws IOException {
        SavedRecords store = SavedRecords.open(root.resolve(RECORDS));
        Path legacy = root.resolve(LEGACY_RECORDS);
        if (Files.isRegularFile(legacy)) {
            RecordsFile.Loaded old = new RecordsFile(legacy).read(nowEpochMillis);
            try {
                for (RecordsFile.Saved s : old.records()) store.saveDurably(s).join();
            } catch (RuntimeException e) {
                store.close();
                throw new IOException("cannot move the records of " + legacy + " into " + store.path() + ": "
                        + e.getMessage(), e);
            }
            Files.deleteIfExists(legacy);
            LOG.info("moved {} saved record{} from {} into {}", old.records().size(),
                    old.records().size() == 1 ? "" : "s", legacy, store.path());
        }
        return store;
    }

    /**
     * The node's identity: loaded from {@code identity}, or created there on first start.
     * A file that others may read is refused (as ssh does: the key may be exposed, a person must
     * decide), and so is a damaged one, naming the file and the problem: a node id never changes
     * silently. {@code replace} (the peer's {@code --new-identity}) sets the old file aside as
     * {@code identity.replaced-<n>} and creates a new identity.
     */
    public Identity identity(boolean replace) throws IOException {
        Path path = identityPath();
        if (Files.exists(path)) {
            if (replace) {
                Path aside = StateFile.setAside(path, "replaced");
                LOG.warn("--new-identity: set the old identity aside as {}", aside.getFileName());
            } else {
                try {
                    return IdentityFile.load(path);
                } catch (IdentityFileException e) {
                    if (!ownerOnly(path)) throw e; // exposed: a person must look at it first
                    throw new IOException(e.getMessage() + "; a new identity would change the node id, so the peer "
                            + "does not make one by itself: restore the file, or start with --new-identity", e);
                }
            }
        }
        Identity identity = Identity.generate();
        IdentityFile.save(identity, path);
        LOG.info("created a new identity in {}: node id {}", path, Id.fromPublicKey(identity.publicKey()).toHex());
        return identity;
    }

    private static boolean ownerOnly(Path path) throws IOException {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) return true;
        return Files.getPosixFilePermissions(path).stream().allMatch(p -> p.name().startsWith("OWNER_"));
    }

    /** {@link #identity(boolean)} without replacing. */
    public Identity identity() throws IOException {
        return identity(false);
    }

    /** Releases the lock. Idempotent. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) lock.release();
            lock.channel().close();
        } catch (IOException e) {
            LOG.debug("could not release the lock of {}: {}", root, e.getMessage());
        }
    }
}
