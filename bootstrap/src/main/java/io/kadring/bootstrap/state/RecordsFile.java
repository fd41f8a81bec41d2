package io.kadring.bootstrap.state;

import io.kadring.routing.Id;
import io.kadring.storage.RecordValidator;
import io.kadring.storage.RejectReason;
import io.kadring.storage.SignedRecord;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The format of wave 1's records file, read once to move its records into {@link SavedRecords}
 * (which keeps each record as one such line). A UTF-8 text file, one
 * record a line, fields separated by one space, "-" for an empty field:
 * <pre>
 * kadring-records-v1
 * &lt;key hex&gt; &lt;expires at, Unix epoch ms&gt; &lt;public key hex&gt; &lt;salt hex&gt; &lt;seq&gt; &lt;signature hex&gt; &lt;value base64&gt;
 * ...
 * end &lt;number of record lines&gt;
 * </pre>
 * The expiry is wall-clock time (the only clock that survives a restart): a record read back
 * keeps what remained of its lifetime, less the time the peer was down. The last line tells a
 * complete file from a truncated one; a file that cannot be parsed as a whole is logged, set
 * aside and read as empty. A tombstone's value field is {@value #DELETED} (never base64). Reading re-validates every record (sizes, key, signature) and drops
 * the invalid and the expired ones, counting them.
 */
public final class RecordsFile {
    static final String HEADER = "kadring-records-v1";
    private static final Logger LOG = LoggerFactory.getLogger(RecordsFile.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final int FIELDS = 7;
    /** The value field of a tombstone. */
    static final String DELETED = "!deleted";

    private final Path path;

    public RecordsFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** A record and when it expires (Unix epoch milliseconds). */
    public record Saved(SignedRecord record, long expiresAtEpochMillis) {
        public Saved {
            Objects.requireNonNull(record, "record");
        }

        /** Milliseconds left at {@code nowEpochMillis}, 0 once expired. */
        public long remainingMillis(long nowEpochMillis) {
            return Math.max(0, expiresAtEpochMillis - nowEpochMillis);
        }
    }

    /**
     * What a read found.
     *
     * @param records the valid records that had not expired, in file order
     * @param expired records dropped because their lifetime had run out
     * @param invalid lines dropped because they did not parse, or the record did not validate
     */
    public record Loaded(List<Saved> records, int expired, int invalid) {
        public Loaded {
            records = List.copyOf(records);
        }

        static final Loaded NONE = new Loaded(List.of(), 0, 0);
    }

    /** Replaces the file with {@code records}, atomically (temporary file, fsync, rename). */
    public void write(List<Saved> records) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Saved s : records) text.append(line(s)).append('\n');
        text.append("end ").append(records.size()).append('\n');
        StateFile.replace(path, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** One record as a line of this format (no line break). */
    static String line(Saved s) {
        SignedRecord r = s.record();
        return r.key().toHex() + ' ' + s.expiresAtEpochMillis() + ' '
                + field(HEX.formatHex(r.publicKey())) + ' '
                + field(HEX.formatHex(r.salt())) + ' '
                + r.seq() + ' '
                + field(HEX.formatHex(r.signature())) + ' '
                + (r.isDeleted() ? DELETED : field(Base64.getEncoder().encodeToString(r.value())));
    }

    /**
     * The saved records still valid and alive at {@code nowEpochMillis}; none when there is no
     * file. A file that cannot be parsed as a whole (header, trailer) is logged, set aside and
     * read as empty.
     */
    public Loaded read(long nowEpochMillis) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Loaded.NONE;
        } catch (CharacterCodingException e) {
            return setAside("it is not UTF-8 text");
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            return setAside("the first line is not '" + HEADER + "'");
        }
        int count = lines.size() - 2;
        if (lines.size() < 2 || !lines.get(lines.size() - 1).equals("end " + count)) {
            return setAside("it is truncated: the last line is not 'end " + Math.max(count, 0) + "'");
        }
        List<Saved> records = new ArrayList<>(count);
        int expired = 0;
        int invalid = 0;
        for (int i = 1; i <= count; i++) {
            Optional<Saved> saved = parse(lines.get(i), i + 1);
            if (saved.isEmpty()) {
                invalid++;
            } else if (saved.get().remainingMillis(nowEpochMillis) <= 0) {
                expired++;
            } else {
                records.add(saved.get());
            }
        }
        return new Loaded(records, expired, invalid);
    }

    /** The record on line {@code lineNumber}, if it parses and validates; the problem is logged. */
    private Optional<Saved> parse(String line, int lineNumber) {
        try {
            return Optional.of(parse(line));
        } catch (IllegalArgumentException e) {
            return invalid(lineNumber, e.getMessage());
        }
    }

    /**
     * The seq and the expiry a {@link #line} names, read without validating the record (for
     * comparing versions); throws when those fields do not parse.
     */
    static long[] seqAndExpiry(String line) {
        String[] f = line.split(" ", FIELDS);
        if (f.length != FIELDS) throw new IllegalArgumentException("it has " + f.length + " fields, not " + FIELDS);
        return new long[] {Long.parseLong(f[4]), Long.parseLong(f[1])};
    }

    /** The record a {@link #line} holds; throws naming the problem when it does not parse or validate. */
    static Saved parse(String line) {
        String[] f = line.split(" ", -1);
        if (f.length != FIELDS) {
            throw new IllegalArgumentException("it has " + f.length + " fields, not " + FIELDS);
        }
        SignedRecord record;
        Id key;
        long expires;
        try {
            key = Id.fromHex(f[0]);
            expires = Long.parseLong(f[1]);
            boolean deleted = f[6].equals(DELETED);
            record = new SignedRecord(bytes(f[2]), bytes(f[3]), Long.parseLong(f[4]),
                    deleted ? new byte[0] : base64(f[6]), bytes(f[5]), deleted);
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Optional<RejectReason> bad = RecordValidator.standard().check(record, key);
        if (bad.isPresent()) {
            throw new IllegalArgumentException("the record does not validate: " + bad.get());
        }
        return new Saved(record, expires);
    }

    private Optional<Saved> invalid(int lineNumber, String problem) {
        LOG.warn("records file {}: dropping line {}: {}", path, lineNumber, problem);
        return Optional.empty();
    }

    private static String field(String text) {
        return text.isEmpty() ? "-" : text;
    }

    private static byte[] bytes(String hex) {
        return hex.equals("-") ? new byte[0] : HEX.parseHex(hex);
    }

    private static byte[] base64(String text) {
        return text.equals("-") ? new byte[0] : Base64.getDecoder().decode(text);
    }

    private Loaded setAside(String problem) throws IOException {
        Path aside = StateFile.setAside(path);
        LOG.warn("records file {} is unreadable ({}); set it aside as {} and starting without saved records",
                path, problem, aside.getFileName());
        return Loaded.NONE;
    }
}
