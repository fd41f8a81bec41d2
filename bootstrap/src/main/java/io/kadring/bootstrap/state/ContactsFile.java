package io.kadring.bootstrap.state;

import io.kadring.bootstrap.AddressText;
import io.kadring.overlay.HostPort;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contacts a peer saves to rejoin through after a restart. A UTF-8 text file:
 * <pre>
 * kadring-contacts-v1
 * &lt;node id, 64 hex digits&gt; &lt;ip:port or [ip6]:port&gt;
 * ...
 * end &lt;number of contact lines&gt;
 * </pre>
 * The last line lets a reader tell a complete file from a truncated one.
 */
public final class ContactsFile {
    static final String HEADER = "kadring-contacts-v1";
    private static final Logger LOG = LoggerFactory.getLogger(ContactsFile.class);

    private final Path path;

    public ContactsFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Replaces the file with {@code contacts}, atomically. */
    public void write(List<Contact> contacts) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Contact c : contacts) {
            text.append(c.id().toHex()).append(' ').append(AddressText.format(c.address())).append('\n');
        }
        text.append("end ").append(contacts.size()).append('\n');
        StateFile.replace(path, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The saved contacts, in file order; none when there is no file. A file that cannot be
     * parsed is logged (naming the file and the problem), set aside and read as empty.
     */
    public List<Contact> read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (CharacterCodingException e) {
            return setAside("it is not UTF-8 text");
        }
        try {
            return parse(lines);
        } catch (IllegalArgumentException e) {
            return setAside(e.getMessage());
        }
    }

    private static List<Contact> parse(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException("the first line is not '" + HEADER + "'");
        }
        String last = lines.get(lines.size() - 1);
        int count = lines.size() - 2;
        if (lines.size() < 2 || !last.equals("end " + count)) {
            throw new IllegalArgumentException("it is truncated: the last line is not 'end " + Math.max(count, 0) + "'");
        }
        List<Contact> contacts = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String[] fields = lines.get(i).split(" ");
            if (fields.length != 2) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not '<id> <address>'");
            }
            try {
                contacts.add(Contact.seen(Id.fromHex(fields[0]), HostPort.parse(fields[1]), 0));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return contacts;
    }

    private List<Contact> setAside(String problem) throws IOException {
        Path aside = StateFile.setAside(path);
        LOG.warn("contacts file {} is unreadable ({}); set it aside as {} and starting without saved contacts",
                path, problem, aside.getFileName());
        return List.of();
    }
}
