package io.kadring.simulator.run;

import java.util.Locale;

/**
 * A minimal JSON writer for reports: objects, arrays of objects, numbers and strings, in
 * insertion order. Numbers are written to six decimals at most, so output is stable.
 */
public final class Json {
    private final StringBuilder out = new StringBuilder();
    private final boolean[] first = new boolean[32];
    private final char[] closer = new char[32];
    private int depth;

    public Json begin() {
        out.append('{');
        open('}');
        return this;
    }

    public Json object(String name) {
        key(name);
        out.append('{');
        open('}');
        return this;
    }

    /** Opens an array of objects; {@link #item()} starts each, {@link #end()} closes both. */
    public Json array(String name) {
        key(name);
        out.append('[');
        open(']');
        return this;
    }

    /** Starts the next object of the array just opened. */
    public Json item() {
        if (!first[depth]) out.append(',');
        first[depth] = false;
        out.append('{');
        open('}');
        return this;
    }

    /** Closes the innermost object or array. */
    public Json end() {
        out.append(closer[depth--]);
        return this;
    }

    /** A value that is already JSON (another writer's output). */
    public Json raw(String name, String json) {
        key(name);
        out.append(json);
        return this;
    }

    private void open(char close) {
        first[++depth] = true;
        closer[depth] = close;
    }

    public Json number(String name, long value) {
        key(name);
        out.append(value);
        return this;
    }

    public Json number(String name, double value) {
        key(name);
        if (Double.isFinite(value)) {
            String fixed = new java.math.BigDecimal(String.format(Locale.ROOT, "%.6f", value))
                    .stripTrailingZeros().toPlainString();
            out.append(fixed);
        } else {
            out.append("null");
        }
        return this;
    }

    public Json string(String name, String value) {
        key(name);
        out.append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
        return this;
    }

    private void key(String name) {
        if (!first[depth]) out.append(',');
        first[depth] = false;
        out.append('"').append(name).append("\":");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
