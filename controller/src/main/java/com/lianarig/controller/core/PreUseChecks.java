package com.lianarig.controller.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * SR-18's record of the last passed (or waived) pre-use check: one line {@code yyyy-mm-dd<TAB>by<TAB>summary}
 * in a file written atomically (temp file, fsync, rename). An unreadable record counts as no check.
 */
public final class PreUseChecks {
    private final Path file;

    /** @param file where the record lives (under the data directory) */
    public PreUseChecks(Path file) {
        this.file = file;
    }

    /** The date of the last passed or waived check, if any. */
    public synchronized Optional<LocalDate> lastPassed() {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String line = Files.readString(file, StandardCharsets.UTF_8).strip();
            int tab = line.indexOf('\t');
            return Optional.of(LocalDate.parse(tab < 0 ? line : line.substring(0, tab)));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Records a passed or waived check. */
    public synchronized void record(LocalDate date, String by, String summary) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        String line = date + "\t" + by.replace('\t', ' ') + "\t" + summary.replace('\t', ' ').replace('\n', ' ') + "\n";
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
