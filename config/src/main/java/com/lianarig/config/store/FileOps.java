package com.lianarig.config.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The file operations the stores use, one step each, so a test can fail at any step and model what a
 * power cut keeps: only content forced with {@link #force} and directory entries forced with
 * {@link #forceDirectory} are sure to survive.
 */
public interface FileOps {

    /** Creates {@code file}, which must not exist, and writes all of {@code bytes} to it (not forced). */
    void createAndWrite(Path file, byte[] bytes) throws IOException;

    /** Forces a file's content to storage ({@code FileChannel.force}). */
    void force(Path file) throws IOException;

    /** Renames {@code source} to {@code target} atomically, replacing {@code target} if it exists. */
    void moveAtomically(Path source, Path target) throws IOException;

    /**
     * Forces a directory's entries (a rename in it) to storage.
     *
     * @return false when the file system refuses to sync a directory (the rename then relies on the
     *     file system's own ordering)
     */
    boolean forceDirectory(Path dir) throws IOException;

    /** Deletes a file if it exists. */
    void deleteIfExists(Path file) throws IOException;

    /**
     * A file's whole content.
     *
     * @throws java.nio.file.NoSuchFileException when it does not exist
     */
    byte[] read(Path file) throws IOException;

    /** Whether a file exists. */
    boolean exists(Path file) throws IOException;

    /** The regular files directly in {@code dir}, sorted by name; empty when {@code dir} does not exist. */
    List<Path> list(Path dir) throws IOException;

    /** Creates a directory and its parents if missing. */
    void createDirectories(Path dir) throws IOException;
}
