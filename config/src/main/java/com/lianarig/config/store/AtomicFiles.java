package com.lianarig.config.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file's content atomically and durably:
 *
 * <ol>
 *   <li>write the new content to a temporary file in the same directory (a rename never crosses file
 *       systems);</li>
 *   <li>force the temporary file's content to storage;</li>
 *   <li>rename it over the file atomically;</li>
 *   <li>force the directory, so the rename itself survives a power cut (a file system that refuses is
 *       tolerated).</li>
 * </ol>
 *
 * <p>A crash or power cut at any moment leaves the previous content or the new one, whole. Temporary
 * files are named {@code .<name>.<random>.tmp}: hidden, never taken for data; a crash can leave one
 * behind, which {@link #removeLeftovers} deletes.
 *
 * <p>Stateless apart from its {@link FileOps}; callers serialise writes to one file.
 */
public final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
    private static final String TEMP_SUFFIX = ".tmp";

    private final FileOps ops;

    public AtomicFiles(FileOps ops) {
        this.ops = ops;
    }

    /** The file operations underneath, for reading. */
    public FileOps ops() {
        return ops;
    }

    /** Replaces {@code file}'s content with {@code bytes}, creating its directory if needed. */
    public void write(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        ops.createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + TEMP_SUFFIX);
        try {
            ops.createAndWrite(temp, bytes);
            ops.force(temp);
            ops.moveAtomically(temp, target);
        } catch (IOException | RuntimeException e) {
            try {
                ops.deleteIfExists(temp);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        if (!ops.forceDirectory(dir)) {
            LOG.debug("{}: the directory could not be synced; the rename relies on the file system", target);
        }
    }

    /** Whether {@code file} is a temporary file of this class (never data). */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
    }

    /** Deletes temporary files a crash left in {@code dir}; returns how many. */
    public int removeLeftovers(Path dir) throws IOException {
        int n = 0;
        for (Path p : ops.list(dir)) {
            if (isTemporary(p)) {
                ops.deleteIfExists(p);
                n++;
            }
        }
        if (n > 0) {
            LOG.info("Removed {} temporary file(s) left by an interrupted save in {}", n, dir);
        }
        return n;
    }
}
