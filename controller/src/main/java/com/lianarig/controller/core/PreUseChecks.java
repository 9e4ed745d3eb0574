package com.lianarig.controller.core;

import com.lianarig.config.store.AtomicFiles;
import com.lianarig.config.store.NioFileOps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * SR-18's record of the last passed (or waived) pre-use check: one line {@code yyyy-mm-dd<TAB>by<TAB>summary}
 * in a file written atomically ({@link AtomicFiles}). An unreadable record counts as no check.
 */
public final class PreUseChecks {
    private final Path file;
    private final AtomicFiles files = new AtomicFiles(new NioFileOps());

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

    /** Records a passed or waived check (atomically: the previous record stays whole if this write is cut). */
    public synchronized void record(LocalDate date, String by, String summary) throws IOException {
        String line = date + "\t" + by.replace('\t', ' ') + "\t" + summary.replace('\t', ' ').replace('\n', ' ') + "\n";
        files.write(file, line.getBytes(StandardCharsets.UTF_8));
    }
}
