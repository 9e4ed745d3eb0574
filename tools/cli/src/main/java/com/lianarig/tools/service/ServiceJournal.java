package com.lianarig.tools.service;

import com.lianarig.config.rig.RigConfig;
import com.lianarig.controller.core.EventLog;
import com.lianarig.controller.journal.Journal;
import com.lianarig.controller.safety.StorageHealth;
import java.io.IOException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's event log: the durable journal (SPEC section 4: checksummed, append-only, bounded,
 * survives power loss; the MQTT outbox), mirrored to the "journal" logger for people reading the log.
 * A record the journal refuses (a body over 4 KiB) is logged, never thrown into the control thread.
 */
final class ServiceJournal implements EventLog, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("journal");

    private final Journal journal;
    private final BiConsumer<String, String> mirror;

    private ServiceJournal(Journal journal, BiConsumer<String, String> mirror) {
        this.journal = journal;
        this.mirror = mirror;
    }

    /** Opens the rig file's journal (journal.path, journal.maxBytes). */
    static ServiceJournal open(RigConfig rig, BiConsumer<String, String> mirror) throws IOException {
        return new ServiceJournal(Journal.open(rig.journal(), System::currentTimeMillis, System::nanoTime), mirror);
    }

    /** Mirrors every record to the "journal" logger (the service's log file and the systemd journal). */
    static final BiConsumer<String, String> LOG_MIRROR = (kind, body) -> log.info("{} {}", kind, body);

    @Override
    public void record(String kind, String body) {
        try {
            journal.append(kind, body);
        } catch (IllegalArgumentException e) {
            log.error("journal refused a {} record: {}", kind, e.getMessage());
        }
        mirror.accept(kind, body);
    }

    Journal journal() {
        return journal;
    }

    /** SR-26: the journal's own storage health (docs/journal.md). */
    @Override
    public StorageHealth storage() {
        return new StorageHealth() {
            @Override
            public String problem() {
                return journal.storageProblem();
            }

            @Override
            public long incidents() {
                return journal.storageIncidents();
            }

            @Override
            public String lastIncident() {
                return journal.lastStorageIncident();
            }

            @Override
            public long appendedSeq() {
                return journal.appendedSeq();
            }

            @Override
            public long durableSeq() {
                return journal.durableSeq();
            }
        };
    }

    @Override
    public void close() {
        journal.close();
    }
}
