package io.kadring.bootstrap.text;

import io.kadring.routing.Id;

/** A 256-bit key as a user types it: 64 hex digits. Shared by the CLI and the admin API. */
public final class KeyArgument {
    private static final int MAX_ECHO = 80;

    private KeyArgument() {}

    /** The key {@code text} spells; the message names the value and what was expected. */
    public static Id parse(String text) {
        if (text == null || text.length() != 2 * Id.BYTES || !isHex(text)) {
            throw new IllegalArgumentException("key must be " + 2 * Id.BYTES
                    + " hex characters, got '" + echo(text) + "'");
        }
        return Id.fromHex(text);
    }

    private static boolean isHex(String s) {
        return s.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
    }

    /** The value as typed, shortened so a huge argument cannot flood a message. */
    public static String echo(String text) {
        if (text == null) return "";
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
    }
}
