package io.kadring.simulator.run;

import java.util.Locale;

/** A minimal JSON writer for the report: objects, numbers and strings, in insertion order. */
final class Json {
    private final StringBuilder out = new StringBuilder();
    private final boolean[] first = new boolean[32];
    private int depth;

    Json begin() {
        out.append('{');
        first[++depth] = true;
        return this;
    }

    Json object(String name) {
        key(name);
        out.append('{');
        first[++depth] = true;
        return this;
    }

    Json end() {
        out.append('}');
        depth--;
        return this;
    }

    Json number(String name, long value) {
        key(name);
        out.append(value);
        return this;
    }

    Json number(String name, double value) {
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

    Json string(String name, String value) {
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

    Json bool(String name, boolean value) {
        key(name);
        out.append(value);
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
