package com.lianarig.controller.journal;

import java.util.Objects;

/**
 * One journal record: a trip, fault, reset, command decision, calibration use or state change (SPEC
 * section 4), numbered so the MQTT layer can publish it as an event (SPEC section 6).
 *
 * @param seq the record's number: 1, 2, 3... for the life of the journal, across restarts and rotation
 * @param wallTimeMs wall-clock time of the append, ms since the epoch (the Pi may have no real-time
 *     clock: order by {@code seq}, not by this)
 * @param monoNanos monotonic time of the append, ns; comparable only within one {@code session}
 * @param session which opening of the journal appended it: 1 for the first, one more at every open
 * @param kind what happened: 1..{@value #MAX_KIND_CHARS} characters of {@code a-z 0-9 . -}
 * @param body the details, text (compact JSON by convention), at most {@value #MAX_BODY_BYTES} bytes in
 *     UTF-8
 */
public record JournalRecord(long seq, long wallTimeMs, long monoNanos, int session, String kind, String body) {
    public static final int MAX_KIND_CHARS = 32;
    public static final int MAX_BODY_BYTES = 4096;

    public JournalRecord {
        if (seq < 1) {
            throw new IllegalArgumentException("journal seq must be at least 1, was " + seq);
        }
        if (session < 1) {
            throw new IllegalArgumentException("journal session must be at least 1, was " + session);
        }
        checkKind(kind);
        checkBody(body);
    }

    /**
     * Checks a kind: 1..{@value #MAX_KIND_CHARS} characters, each of {@code a-z 0-9 . -}.
     *
     * @throws IllegalArgumentException naming the length or the first character that is not allowed
     */
    public static void checkKind(String kind) {
        Objects.requireNonNull(kind, "kind");
        if (kind.isEmpty() || kind.length() > MAX_KIND_CHARS) {
            throw new IllegalArgumentException("journal kind must be 1.." + MAX_KIND_CHARS
                    + " characters, was " + kind.length());
        }
        for (int i = 0; i < kind.length(); i++) {
            char c = kind.charAt(i);
            if (!isKindChar(c)) {
                throw new IllegalArgumentException("journal kind \"" + printable(kind) + "\" has "
                        + describe(c) + " at index " + i + "; allowed: a-z 0-9 . -");
            }
        }
    }

    /**
     * Checks a body and returns its length in UTF-8.
     *
     * @throws IllegalArgumentException when it holds an unpaired surrogate (not text) or is longer than
     *     {@value #MAX_BODY_BYTES} bytes in UTF-8
     */
    public static int checkBody(String body) {
        Objects.requireNonNull(body, "body");
        int bytes = Utf8.encodedLength(body);
        if (bytes < 0) {
            throw new IllegalArgumentException("journal body has an unpaired surrogate at index "
                    + (-bytes - 1) + ": not text");
        }
        if (bytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("journal body is " + bytes + " bytes in UTF-8, more than "
                    + MAX_BODY_BYTES);
        }
        return bytes;
    }

    static boolean isKindChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }
}
