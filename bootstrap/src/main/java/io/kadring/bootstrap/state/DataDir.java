package io.kadring.bootstrap.state;

import io.kadring.crypto.Identity;
import io.kadring.crypto.IdentityFile;
import io.kadring.crypto.IdentityFileException;
import io.kadring.routing.Id;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer's data directory: {@code identity} (the node's key pair, owner-only),
 * {@code contacts} (see {@link ContactsFile}) and {@code records} (see {@link RecordsFile}).
 * Created owner-only on first use.
 */
public final class DataDir {
    private static final Logger LOG = LoggerFactory.getLogger(DataDir.class);

    private final Path root;

    private DataDir(Path root) {
        this.root = root;
    }

    /** The directory at {@code root}, created (rwx------ on POSIX) if it does not exist. */
    public static DataDir open(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            if (Files.exists(root)) throw new IOException("data directory " + root + " exists but is not a directory");
            if (root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(root);
            }
        }
        return new DataDir(root);
    }

    public Path root() {
        return root;
    }

    public Path identityPath() {
        return root.resolve("identity");
    }

    public ContactsFile contacts() {
        return new ContactsFile(root.resolve("contacts"));
    }

    public RecordsFile records() {
        return new RecordsFile(root.resolve("records"));
    }

    /**
     * The node's identity: loaded from {@code identity}, or created there on first start. A file
     * that others may read is refused (as ssh does: the key may be exposed, a person must
     * decide); a corrupt one is set aside and replaced by a new identity, with a warning.
     */
    public Identity identity() throws IOException {
        Path path = identityPath();
        if (Files.exists(path)) {
            try {
                return IdentityFile.load(path);
            } catch (IdentityFileException e) {
                if (!ownerOnly(path)) throw e;
                Path aside = StateFile.setAside(path);
                LOG.warn("{}; set it aside as {} and creating a new identity", e.getMessage(), aside.getFileName());
            }
        }
        Identity identity = Identity.generate();
        IdentityFile.save(identity, path);
        LOG.info("created a new identity in {}: node id {}", path, Id.fromPublicKey(identity.publicKey()).toHex());
        return identity;
    }

    private static boolean ownerOnly(Path path) throws IOException {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) return true;
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        return permissions.stream().allMatch(p -> p.name().startsWith("OWNER_"));
    }
}
