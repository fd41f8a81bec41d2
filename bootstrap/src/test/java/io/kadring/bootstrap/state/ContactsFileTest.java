package io.kadring.bootstrap.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ContactsFileTest {
    @TempDir
    Path dir;

    private final SplittableRandom random = new SplittableRandom(7);

    private Contact contact(String address, int port) {
        return Contact.seen(Id.random(random), new InetSocketAddress(address, port), 0);
    }

    private ContactsFile file() {
        return new ContactsFile(dir.resolve("contacts"));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void contacts_surviveARoundTripInOrderIpv4AndIpv6() throws IOException {
        List<Contact> contacts = List.of(contact("127.0.0.1", 7420), contact("::1", 7421), contact("10.1.2.3", 1));
        file().write(contacts);
        assertEquals(contacts, file().read());
    }

    @Test
    void write_producesTheDocumentedTextAndNoLeftoverFiles() throws IOException {
        Contact c = contact("127.0.0.1", 7420);
        file().write(List.of(c));
        assertEquals("kadring-contacts-v1\n" + c.id().toHex() + " 127.0.0.1:7420\nend 1\n",
                Files.readString(dir.resolve("contacts")));
        assertEquals(List.of("contacts"), names());
    }

    @Test
    void write_replacesTheWholeFile() throws IOException {
        file().write(List.of(contact("127.0.0.1", 1), contact("127.0.0.1", 2)));
        List<Contact> latest = List.of(contact("127.0.0.1", 3));
        file().write(latest);
        assertEquals(latest, file().read());
    }

    @Test
    void read_withNoFile_isEmpty() throws IOException {
        assertEquals(List.of(), file().read());
        assertEquals(List.of(), names());
    }

    @Test
    void read_setsAsideACorruptFileAndReadsItAsEmpty() throws IOException {
        Files.writeString(dir.resolve("contacts"), "not a contacts file\n");
        assertEquals(List.of(), file().read());
        assertEquals(List.of("contacts.corrupt-1"), names());
        assertEquals("not a contacts file\n", Files.readString(dir.resolve("contacts.corrupt-1")));
    }

    @Test
    void read_ofATruncatedFile_keepsItsIntactContacts() throws IOException {
        Contact first = contact("127.0.0.1", 7420);
        file().write(List.of(first, contact("127.0.0.1", 7421)));
        byte[] whole = Files.readAllBytes(dir.resolve("contacts"));
        // cut inside the second contact's line: "127.0.0.1:742" would parse, but the line was cut short
        Files.write(dir.resolve("contacts"), java.util.Arrays.copyOf(whole, whole.length - "1\nend 2\n".length()));
        assertEquals(List.of(first), file().read());
        assertEquals(List.of("contacts"), names());
    }

    @Test
    void read_skipsABadLineAndKeepsTheOthers() throws IOException {
        Path path = dir.resolve("contacts");
        Contact good = contact("10.1.2.3", 7420);
        Files.writeString(path, "kadring-contacts-v1\nzz 127.0.0.1:7420\n" + good.id().toHex() + " 10.1.2.3:7420\nend 2\n");
        assertEquals(List.of(good), file().read());
        Files.write(path, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertEquals(List.of(), file().read());
        assertEquals(List.of("contacts.corrupt-1"), names());
        assertFalse(Files.exists(path));
    }
}
