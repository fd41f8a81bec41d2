package io.kadring.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file's format: lines, comments, names, and messages that name the line. */
final class ConfigFileTest {
    private static final List<String> KNOWN = List.of("port", "k", "bootstrap", "data-dir");

    private static ConfigFile parse(String text) {
        return ConfigFile.parse("config peer.conf", text, KNOWN);
    }

    private static String failure(String text) {
        return assertThrows(IllegalArgumentException.class, () -> parse(text)).getMessage();
    }

    @Test
    void settings_areReadInOrderWithTheirLines_ignoringCommentsAndBlankLines() {
        ConfigFile file = parse("\uFEFF# a bootstrap node\n\n  port = 7420  \r\n\t# k as in Kademlia\nk=20\n"
                + "data-dir = /var/lib/kadring # not a comment\n");
        assertEquals(List.of(new ConfigFile.Setting("port", "7420", 3), new ConfigFile.Setting("k", "20", 5),
                new ConfigFile.Setting("data-dir", "/var/lib/kadring # not a comment", 6)), file.settings());
        assertEquals("config peer.conf line 5: ", file.at(file.setting("k").orElseThrow()));
        assertEquals(java.util.Optional.empty(), file.setting("bootstrap"));
    }

    @Test
    void aValue_isTheRestOfTheLineAfterTheFirstEquals() {
        assertEquals("a=b", parse("data-dir = a=b").setting("data-dir").orElseThrow().value());
    }

    @Test
    void anEmptyFile_setsNothing() {
        assertEquals(List.of(), parse("").settings());
    }

    @Test
    void anUnknownName_isNamedWithItsLineAndTheKnownOnes() {
        assertEquals("config peer.conf line 2: unknown setting 'kk'; known: port, k, bootstrap, data-dir",
                failure("port = 1\nkk = 3\n"));
        assertEquals("config peer.conf line 1: unknown setting '--k' (names are the flags without their leading "
                + "dashes); known: port, k, bootstrap, data-dir", failure("--k = 3"));
    }

    @Test
    void aLineWithoutEquals_orWithoutANameOrValue_isNamed() {
        assertEquals("config peer.conf line 1: expected 'name = value', got 'port 7420'", failure("port 7420"));
        assertEquals("config peer.conf line 1: expected a setting's name before '='", failure(" = 7420"));
        assertEquals("config peer.conf line 2: port has no value", failure("\nport =\n"));
    }

    @Test
    void aSettingGivenTwice_namesBothLines() {
        assertEquals("config peer.conf line 3: k is set again; line 1 set it already", failure("k = 1\nport = 2\nk = 3"));
    }

    @Test
    void aMissingFile_orOneNotInUtf8_isNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.conf");
        assertEquals("config " + missing + ": cannot read it: no such file or directory",
                assertThrows(IllegalArgumentException.class, () -> ConfigFile.read(missing, KNOWN)).getMessage());
        Path latin1 = Files.write(dir.resolve("latin1.conf"), new byte[] {'k', '=', (byte) 0xe9});
        assertEquals("config " + latin1 + ": not UTF-8 text",
                assertThrows(IllegalArgumentException.class, () -> ConfigFile.read(latin1, KNOWN)).getMessage());
    }
}
