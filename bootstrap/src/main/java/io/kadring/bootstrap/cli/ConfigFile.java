package io.kadring.bootstrap.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A peer's settings file ({@code kadring peer --config FILE}): UTF-8 text, one {@code name = value}
 * a line, names being the long flags without their leading dashes. Blank lines and lines whose
 * first non-blank character is {@code #} are ignored; the value is the rest of the line after
 * the first {@code =}, blanks around it removed, taken as written (no quotes, no escapes).
 *
 * <p>This class knows the format only; whether a value fits its setting is the command's to say.
 * A malformed file is an {@link IllegalArgumentException} whose message names the file and line.
 */
final class ConfigFile {
    /** One {@code name = value} line. */
    record Setting(String name, String value, int line) {}

    private final String where;
    private final Map<String, Setting> settings;

    private ConfigFile(String where, Map<String, Setting> settings) {
        this.where = where;
        this.settings = settings;
    }

    /** Reads and parses {@code file}; {@code known} are the names it may set. */
    static ConfigFile read(Path file, List<String> known) {
        String where = "config " + file;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot read it: " + CommandFailure.describe(e, where), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(where + ": not UTF-8 text", e);
        }
        return parse(where, text, known);
    }

    /** Parses {@code text}; {@code where} ("config FILE") starts every message. */
    static ConfigFile parse(String where, String text, List<String> known) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = i == 0 && lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(i);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
            String at = where + " line " + number + ": ";
            int equals = trimmed.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException(at + "expected 'name = value', got '" + trimmed + "'");
            }
            String name = trimmed.substring(0, equals).strip();
            String value = trimmed.substring(equals + 1).strip();
            if (name.isEmpty()) throw new IllegalArgumentException(at + "expected a setting's name before '='");
            if (!known.contains(name)) {
                String hint = name.startsWith("-") ? " (names are the flags without their leading dashes)" : "";
                throw new IllegalArgumentException(at + "unknown setting '" + name + "'" + hint + "; known: "
                        + String.join(", ", known));
            }
            if (value.isEmpty()) throw new IllegalArgumentException(at + name + " has no value");
            Setting earlier = settings.get(name);
            if (earlier != null) {
                throw new IllegalArgumentException(at + name + " is set again; line " + earlier.line() + " set it already");
            }
            settings.put(name, new Setting(name, value, number));
        }
        return new ConfigFile(where, settings);
    }

    /** The setting called {@code name}, when the file has one. */
    Optional<Setting> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    /** Every setting, in the file's order. */
    List<Setting> settings() {
        return List.copyOf(settings.values());
    }

    /** "config FILE line N: ", to start a message about {@code setting}. */
    String at(Setting setting) {
        return where + " line " + setting.line() + ": ";
    }
}
