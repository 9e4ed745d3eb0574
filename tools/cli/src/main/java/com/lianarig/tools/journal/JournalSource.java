package com.lianarig.tools.journal;

import com.lianarig.config.rig.RigConfig;
import com.lianarig.controller.journal.JournalFormatException;
import com.lianarig.controller.journal.JournalReader;
import com.lianarig.controller.journal.JournalRecord;
import com.lianarig.tools.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rig file's journal, read without opening it for writing ({@link JournalReader}): safe while
 * the service runs. Each {@link #forEach} is a fresh snapshot of the segment files.
 */
final class JournalSource {
    private final Path journalFile;
    private final JournalReader reader;

    private JournalSource(Path journalFile) {
        this.journalFile = journalFile;
        this.reader = JournalReader.of(journalFile);
    }

    /**
     * The journal of {@code rig} ({@code journal.path}).
     *
     * @throws BadInputException when its directory does not exist (the service never ran with this rig file)
     */
    static JournalSource of(RigConfig rig) throws BadInputException {
        Path file = rig.journal().path();
        if (!Files.isDirectory(file.getParent())) {
            throw new BadInputException("no journal at " + file.getParent() + " (the rig file's journal.path is " + file
                    + "): the service has not run with this rig file yet, or --config names another rig's file");
        }
        return new JournalSource(file);
    }

    Path journalFile() {
        return journalFile;
    }

    /**
     * Every record from the first held on, in seq order.
     *
     * @throws BadInputException when the journal cannot be read (every reason named)
     */
    void forEach(Consumer<JournalRecord> action) throws BadInputException {
        try {
            Iterator<JournalRecord> it = reader.records(1);
            while (it.hasNext()) {
                action.accept(it.next());
            }
        } catch (JournalFormatException e) {
            throw new BadInputException("the journal cannot be read by this version of rig: " + e.getMessage());
        } catch (IOException e) {
            throw new BadInputException("cannot read the journal in " + journalFile.getParent() + ": " + e);
        } catch (UncheckedIOException e) {
            throw new BadInputException("cannot read the journal: " + e.getMessage());
        }
    }

    /** What the reader found wrong (damaged records, unreadable headers), for the user. */
    List<String> problems() {
        return reader.problems();
    }
}
