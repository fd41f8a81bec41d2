package io.kadring.bootstrap.text;

import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import java.nio.charset.StandardCharsets;

/**
 * An announcement topic as a user gives it: 64 hex digits are the topic key itself; any other
 * text is a topic name, whose key is the SHA-256 of its UTF-8 bytes. Shared by the CLI and the
 * admin API.
 */
public final class TopicArgument {
    /** Longest topic name, in UTF-8 bytes. */
    public static final int MAX_TOPIC_BYTES = 1024;

    private TopicArgument() {}

    /** The topic key {@code text} names; the message names the value and what was expected. */
    public static Id parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("topic must be a name (text) or a key of 64 hex characters, got ''");
        }
        if (text.length() == 2 * Id.BYTES && text.chars().allMatch(c -> c < 128 && Character.digit(c, 16) >= 0)) {
            return Id.fromHex(text);
        }
        return name(text);
    }

    /** The key of the topic called {@code name}: SHA-256 of its UTF-8 bytes, whatever they spell. */
    public static Id name(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > MAX_TOPIC_BYTES) {
            throw new IllegalArgumentException("topic must be 1 to " + MAX_TOPIC_BYTES + " bytes of UTF-8, got "
                    + bytes.length + " bytes ('" + KeyArgument.echo(name) + "')");
        }
        return Announcement.topicKey(bytes);
    }
}
