package com.lianarig.controller.journal;

import java.io.IOException;

/**
 * A segment written in a format this build does not read (a newer version): the journal refuses to
 * open rather than overwrite it.
 */
public final class JournalFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    JournalFormatException(String message) {
        super(message);
    }
}
