package com.lianarig.tools.service;

import com.lianarig.config.rig.RigConfig;
import com.lianarig.controller.core.EventLog;
import com.lianarig.controller.journal.Journal;
import com.lianarig.controller.journal.JournalRecord;
import com.lianarig.controller.safety.StorageHealth;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's event log: the durable journal (SPEC section 4: checksummed, append-only, bounded,
 * survives power loss; the MQTT outbox), mirrored to the "journal" logger for people reading the log
 * (or to the demo's console). A record the journal refuses (a body over 4 KiB) is logged, never thrown
 * into the control thread.
 *
 * <p>Threads: {@link #record} is called by the control thread and the node threads, all real-time: it
 * only hands the record to the journal (lock-free). The mirror runs on its own normal-priority thread
 * ({@code journal-mirror}), which reads the records back once they are durable and writes them out: a
 * log file, a console or a terminal that blocks holds up that thread only (P-3: no logging on the
 * real-time path).
 */
final class ServiceJournal implements EventLog, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("journal");
    /** The mirror's longest sleep when no record wakes it, ns (it is woken on every durable batch). */
    private static final long MIRROR_IDLE_NANOS = 1_000_000_000L;

    private final Journal journal;
    private final BiConsumer<String, String> mirror;
    private final Thread mirrorThread;
    private final LongConsumer wake;
    /** The next seq to mirror (mirror thread). */
    private long nextSeq;
    private volatile boolean running = true;

    private ServiceJournal(Journal journal, BiConsumer<String, String> mirror) {
        this.journal = journal;
        this.mirror = mirror;
        this.nextSeq = journal.stats().lastSeq() + 1; // after this open's journal.open record
        this.mirrorThread = new Thread(this::mirrorLoop, "journal-mirror");
        this.mirrorThread.setDaemon(true);
        this.wake = durableSeq -> LockSupport.unpark(mirrorThread);
        journal.addAppendListener(wake);
        mirrorThread.start();
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
    }

    Journal journal() {
        return journal;
    }

    /** Mirrors the durable records in order, as they come (the journal's append listener wakes it). */
    private void mirrorLoop() {
        while (running) {
            mirrorDurable();
            LockSupport.parkNanos(this, MIRROR_IDLE_NANOS);
        }
    }

    /** Mirrors every durable record not mirrored yet (mirror thread; at close, the closing thread after it). */
    private void mirrorDurable() {
        while (true) {
            List<JournalRecord> page;
            try {
                page = journal.readFrom(nextSeq, 256);
            } catch (IOException | IllegalStateException e) {
                return; // closed, or unreadable: the journal has logged why
            }
            if (page.isEmpty()) {
                return;
            }
            for (JournalRecord r : page) {
                if (r.seq() >= nextSeq && !r.kind().equals(Journal.OPEN_KIND)) {
                    try {
                        mirror.accept(r.kind(), r.body());
                    } catch (RuntimeException e) {
                        log.warn("the journal's mirror failed on seq {}: {}", r.seq(), e.toString());
                    }
                }
                nextSeq = Math.max(nextSeq, r.seq() + 1);
            }
        }
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

    /** Closes the journal after mirroring what it holds (the controlled stop's last records included). */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(mirrorThread);
        try {
            mirrorThread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            journal.flush(java.time.Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!mirrorThread.isAlive()) {
            mirrorDurable();
        }
        journal.removeAppendListener(wake);
        journal.close();
    }
}
