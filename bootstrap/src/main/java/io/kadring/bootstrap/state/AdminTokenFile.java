package io.kadring.bootstrap.state;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The admin API's bearer token, kept in a file: one line of at least {@value #MIN_LENGTH}
 * characters from {@code A-Z a-z 0-9 . _ ~ + / = -} (surrounding whitespace is ignored). Created
 * on first use as 64 hex digits (32 random bytes), owner-only ({@code rw-------}), written to a
 * temporary file and moved into place. A file that group or others may access is refused, as
 * ssh refuses such a key. Messages never include the token.
 */
public final class AdminTokenFile {
    /** The shortest token accepted from a file. */
    public static final int MIN_LENGTH = 16;
    private static final int RANDOM_BYTES = 32;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]+");
    private static final String EXPECTED = "one line of at least " + MIN_LENGTH
            + " characters from A-Z a-z 0-9 . _ ~ + / = -";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminTokenFile() {}

    /**
     * The token in {@code path}, or a new one written there when there is no file. Throws an
     * {@link IOException} naming the file when it is not owner-only, holds no valid token, or
     * cannot be read or written.
     */
    public static String readOrCreate(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return read(path); // a dangling link too: never written through
        String token = HexFormat.of().formatHex(randomBytes());
        create(path, token);
        return token;
    }

    private static String read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) throw problem(path, "is not a regular file; it must hold " + EXPECTED);
        if (isPosix(path)) checkOwnerOnly(path, Files.getPosixFilePermissions(path));
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw problem(path, "is not UTF-8 text; it must hold " + EXPECTED);
        } catch (NoSuchFileException e) {
            throw problem(path, "disappeared while being read");
        }
        String token = text.strip();
        if (token.length() < MIN_LENGTH) {
            throw problem(path, "holds " + (token.isEmpty() ? "no token" : "a token of " + token.length()
                    + " characters") + "; it must hold " + EXPECTED);
        }
        if (!TOKEN.matcher(token).matches()) {
            throw problem(path, "holds a character other than A-Z a-z 0-9 . _ ~ + / = - (or more than one line); it must hold "
                    + EXPECTED);
        }
        return token;
    }

    private static void checkOwnerOnly(Path path, Set<PosixFilePermission> permissions) throws IOException {
        boolean group = permissions.stream().anyMatch(p -> p.name().startsWith("GROUP_"));
        boolean others = permissions.stream().anyMatch(p -> p.name().startsWith("OTHERS_"));
        if (!group && !others) return;
        boolean readable = permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ);
        String who = group && others ? "group and others" : group ? "group" : "others";
        throw problem(path, "is " + (readable ? "readable" : "accessible") + " by " + who + " ("
                + PosixFilePermissions.toString(permissions) + "); the token may have leaked: replace it or run chmod 600 "
                + path);
    }

    private static void create(Path path, String token) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw problem(path, "cannot be created: directory " + dir + " does not exist");
        }
        StateFile.replace(path, (token + "\n").getBytes(StandardCharsets.US_ASCII), true);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static IOException problem(Path path, String what) {
        return new IOException("admin token file " + path + " " + what);
    }
}
