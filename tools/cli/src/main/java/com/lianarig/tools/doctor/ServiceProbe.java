package com.lianarig.tools.doctor;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether the rig service runs with this rig file: it holds its journal's lock file
 * ({@code <journal>.lock}) while it runs. Probed with a shared lock held for an instant, on an
 * existing lock file only (nothing is created).
 */
final class ServiceProbe {
    enum State {
        RUNNING, NOT_RUNNING, UNKNOWN
    }

    private ServiceProbe() {
    }

    static State of(Path journalFile) {
        Path lock = journalFile.resolveSibling(journalFile.getFileName() + ".lock");
        if (!Files.exists(lock)) {
            return State.NOT_RUNNING;
        }
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.READ)) {
            FileLock held = ch.tryLock(0, Long.MAX_VALUE, true);
            if (held == null) {
                return State.RUNNING;
            }
            held.release();
            return State.NOT_RUNNING;
        } catch (OverlappingFileLockException e) {
            return State.RUNNING; // this very process holds it
        } catch (IOException e) {
            return State.UNKNOWN;
        }
    }
}
