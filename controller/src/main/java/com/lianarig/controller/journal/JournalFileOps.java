package com.lianarig.controller.journal;

import com.lianarig.config.store.FileOps;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The file operations of the journal: the stores' {@link FileOps} (the delivered cursor is replaced
 * with {@link com.lianarig.config.store.AtomicFiles}) plus segment channels. A seam, so tests can stall
 * or fail the writer at any step.
 */
interface JournalFileOps extends FileOps {

    /** How a segment is opened. */
    enum Mode {
        /** Read only. */
        READ,
        /** Read and write an existing file. */
        WRITE_EXISTING,
        /** Create a file that must not exist, read and write. */
        CREATE_NEW
    }

    SegmentChannel open(Path file, Mode mode) throws IOException;

    /**
     * The bytes this process may still write to the file system that holds {@code dir} (SR-26 watches it:
     * {@code FileStore.getUsableSpace}).
     */
    long usableSpaceBytes(Path dir) throws IOException;
}
