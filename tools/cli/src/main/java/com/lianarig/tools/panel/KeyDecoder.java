package com.lianarig.tools.panel;

import java.util.ArrayList;
import java.util.List;

/**
 * Bytes from a terminal in raw mode to {@link Key}s. Arrow keys come as {@code ESC [ A} (or
 * {@code ESC O A}); a lone ESC is the Escape key once {@value #ESCAPE_WAIT_MS} ms pass without the rest.
 * Ctrl-C (byte 3) is {@link Key.Kind#INTERRUPT} when the terminal does not turn it into a signal.
 *
 * <p>One thread feeds it (the panel's loop).
 */
public final class KeyDecoder {
    /** How long an ESC waits for the rest of an escape sequence, ms. */
    public static final long ESCAPE_WAIT_MS = 50;

    private final StringBuilder pending = new StringBuilder();
    private long escapeAtMs;

    /** Takes one byte received at {@code nowMs}; returns the keys it completes (often none or one). */
    public List<Key> feed(int b, long nowMs) {
        List<Key> keys = new ArrayList<>(flush(nowMs));
        char c = (char) (b & 0xFF);
        if (pending.length() > 0) {
            pending.append(c);
            if (pending.length() == 2) {
                if (c != '[' && c != 'O') {
                    pending.setLength(0);
                    keys.add(Key.of(Key.Kind.ESCAPE));
                    keys.addAll(feed(b, nowMs));
                }
                return keys;
            }
            pending.setLength(0);
            switch (c) {
                case 'A' -> keys.add(Key.of(Key.Kind.UP));
                case 'B' -> keys.add(Key.of(Key.Kind.DOWN));
                case 'C' -> keys.add(Key.of(Key.Kind.RIGHT));
                case 'D' -> keys.add(Key.of(Key.Kind.LEFT));
                default -> {
                    // another sequence (function keys...): ignored
                }
            }
            return keys;
        }
        switch (c) {
            case 27 -> {
                pending.append(c);
                escapeAtMs = nowMs;
            }
            case '\r', '\n' -> keys.add(Key.of(Key.Kind.ENTER));
            case 127, 8 -> keys.add(Key.of(Key.Kind.BACKSPACE));
            case 3 -> keys.add(Key.of(Key.Kind.INTERRUPT));
            default -> {
                if (c >= ' ' && c < 127) {
                    keys.add(Key.of(c));
                }
            }
        }
        return keys;
    }

    /** The Escape key when an ESC has waited long enough alone; call when no byte arrives. */
    public List<Key> flush(long nowMs) {
        if (pending.length() == 1 && nowMs - escapeAtMs >= ESCAPE_WAIT_MS) {
            pending.setLength(0);
            return List.of(Key.of(Key.Kind.ESCAPE));
        }
        return List.of();
    }
}
