package com.lianarig.controller.mqtt;

import com.lianarig.controller.core.Json;
import java.util.Locale;

/**
 * A small appender of compact JSON for the outgoing payloads: objects and arrays with commas placed
 * for the caller, strings escaped, non-finite numbers written as null. Reused per publisher thread
 * ({@link #reset}); not thread-safe.
 */
final class JsonOut {
    private final StringBuilder b = new StringBuilder(1024);
    private boolean needComma;

    JsonOut reset() {
        b.setLength(0);
        needComma = false;
        return this;
    }

    JsonOut open() {
        comma();
        b.append('{');
        needComma = false;
        return this;
    }

    JsonOut close() {
        b.append('}');
        needComma = true;
        return this;
    }

    JsonOut openArray(String key) {
        key(key);
        b.append('[');
        needComma = false;
        return this;
    }

    JsonOut closeArray() {
        b.append(']');
        needComma = true;
        return this;
    }

    JsonOut openObject(String key) {
        key(key);
        b.append('{');
        needComma = false;
        return this;
    }

    JsonOut field(String key, String value) {
        key(key);
        if (value == null) {
            b.append("null");
        } else {
            string(value);
        }
        needComma = true;
        return this;
    }

    JsonOut field(String key, long value) {
        key(key);
        b.append(value);
        needComma = true;
        return this;
    }

    JsonOut field(String key, boolean value) {
        key(key);
        b.append(value);
        needComma = true;
        return this;
    }

    /**
     * Wall-clock time as ISO 8601 in UTC ({@code 2026-12-07T23:27:02.123Z}) and whether the clock was synchronised
     * (issue 19: studio systems get the time, and whether to believe it).
     */
    JsonOut wallTime(long wallMs, boolean synchronised) {
        return field("wallTime", java.time.Instant.ofEpochMilli(wallMs).toString()).field("timeSynchronized", synchronised);
    }

    /** A number with {@code decimals} decimals; NaN and infinities as null. */
    JsonOut field(String key, double value, int decimals) {
        key(key);
        if (Double.isFinite(value)) {
            double scale = Math.pow(10, decimals);
            double rounded = Math.round(value * scale) / scale;
            if (rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15) {
                b.append((long) rounded).append(".0");
            } else {
                b.append(String.format(Locale.ROOT, "%." + decimals + "f", rounded));
            }
        } else {
            b.append("null");
        }
        needComma = true;
        return this;
    }

    JsonOut nullField(String key) {
        key(key);
        b.append("null");
        needComma = true;
        return this;
    }

    /** A value that is already JSON (a journal body). */
    JsonOut rawField(String key, String json) {
        key(key);
        b.append(json);
        needComma = true;
        return this;
    }

    private void key(String key) {
        comma();
        string(key);
        b.append(':');
    }

    private void comma() {
        if (needComma) {
            b.append(',');
        }
    }

    private void string(String s) {
        Json.string(b, s);
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
