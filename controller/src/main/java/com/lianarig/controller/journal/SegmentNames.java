package com.lianarig.controller.journal;

import java.nio.file.Path;

/**
 * File names in the journal's directory, from the configured file's name ({@code journal.bin}):
 * segments {@code journal.bin.00000001} (an index of at least 8 digits), the delivered cursor
 * {@code journal.bin.delivered}, the last session {@code journal.bin.session}, the lock
 * {@code journal.bin.lock}, and the safety set's segments {@code journal.bin.safety.00000001}
 * ({@link #safety()}: names of their own, never taken for the journal's). Immutable.
 */
final class SegmentNames {
    private static final int MIN_DIGITS = 8;
    private static final int MAX_DIGITS = 18;

    private final Path dir;
    private final String base;

    SegmentNames(Path journalFile) {
        Path absolute = journalFile.toAbsolutePath();
        this.dir = absolute.getParent();
        this.base = absolute.getFileName().toString();
    }

    Path dir() {
        return dir;
    }

    String base() {
        return base;
    }

    Path segment(long index) {
        return dir.resolve(base + "." + String.format("%0" + MIN_DIGITS + "d", index));
    }

    Path delivered() {
        return dir.resolve(base + ".delivered");
    }

    Path lock() {
        return dir.resolve(base + ".lock");
    }

    /** The file of the last session number handed out ({@link SessionFile}). */
    Path session() {
        return dir.resolve(base + ".session");
    }

    /** The names of the safety set's segments: {@code <base>.safety.00000001}... */
    SegmentNames safety() {
        return new SegmentNames(dir.resolve(base + ".safety"));
    }

    /**
     * Whether {@code file} is a temporary file left by an interrupted save of the delivered cursor or
     * of the session file.
     */
    boolean isCursorTemporary(Path file) {
        String name = file.getFileName().toString();
        return (name.startsWith("." + base + ".delivered.") || name.startsWith("." + base + ".session."))
                && name.endsWith(".tmp");
    }

    /** The segment index in {@code file}'s name, or -1 when it is not a segment of this journal. */
    long indexOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith(base + ".")) {
            return -1;
        }
        String digits = name.substring(base.length() + 1);
        if (digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        long index = Long.parseLong(digits);
        return index >= 1 ? index : -1;
    }
}
