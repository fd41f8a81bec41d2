package io.kadring.bootstrap.state;

import io.kadring.bootstrap.text.AddressText;
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
 * The last line lets a reader tell a complete file from a truncated one, whose intact lines are kept.
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
     * The saved contacts, in file order; none when there is no file. A file whose first line is
     * not the header is logged (naming the file and the problem), set aside and read as empty;
     * in a damaged one (truncated by a crash, a bad line) every intact line is kept and the
     * rest is logged.
     */
    public List<Contact> read() throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (CharacterCodingException e) {
            return setAside("it is not UTF-8 text");
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        // the piece after the last line break is empty, or a line cut short by a crash
        lines.remove(lines.size() - 1);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            return setAside("the first line is not '" + HEADER + "'");
        }
        List<Contact> contacts = new ArrayList<>();
        int bad = 0;
        boolean ended = false;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("end ")) {
                ended = true;
                break;
            }
            try {
                contacts.add(parse(line));
            } catch (IllegalArgumentException e) {
                bad++;
                LOG.warn("contacts file {}: skipping line {}: {}", path, i + 1, e.getMessage());
            }
        }
        if (!ended) {
            LOG.warn("contacts file {} is truncated (no 'end' line); kept its {} intact contact{}", path,
                    contacts.size(), contacts.size() == 1 ? "" : "s");
        } else if (bad > 0) {
            LOG.warn("contacts file {}: kept {} contacts, skipped {} bad line{}", path, contacts.size(), bad,
                    bad == 1 ? "" : "s");
        }
        return contacts;
    }

    private static Contact parse(String line) {
        String[] fields = line.split(" ");
        if (fields.length != 2) throw new IllegalArgumentException("it is not '<id> <address>'");
        return Contact.seen(Id.fromHex(fields[0]), HostPort.parse(fields[1]), 0);
    }

    private List<Contact> setAside(String problem) throws IOException {
        Path aside = StateFile.setAside(path);
        LOG.warn("contacts file {} is unreadable ({}); set it aside as {} and starting without saved contacts",
                path, problem, aside.getFileName());
        return List.of();
    }
}
