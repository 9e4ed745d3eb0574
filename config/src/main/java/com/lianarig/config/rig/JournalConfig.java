package com.lianarig.config.rig;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The durable local journal (SPEC section 4).
 *
 * @param path the journal file, absolute
 * @param maxBytes its bound, {@value #MIN_MAX_BYTES}..{@value #MAX_MAX_BYTES} bytes
 */
public record JournalConfig(Path path, long maxBytes) {
    public static final long MIN_MAX_BYTES = 1L << 20;
    public static final long MAX_MAX_BYTES = 4L << 30;
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    public static final String DEFAULT_FILE_NAME = "journal.bin";

    public JournalConfig {
        Objects.requireNonNull(path, "path");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("journal path " + path + " must be absolute");
        }
        RigIds.range("maxBytes", maxBytes, MIN_MAX_BYTES, MAX_MAX_BYTES);
    }
}
