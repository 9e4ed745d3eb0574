package com.lianarig.controller.journal;

import com.lianarig.config.rig.JournalConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * For tests outside this package: a real {@link Journal} on a disk the test can fill up or make
 * read-only ({@link FakeJournalFileOps}), with fast retries and a space check every 10 ms.
 */
public final class TestJournals {
    private TestJournals() {
    }

    /** The disk under a journal, as the test scripts it. */
    public interface Disk {
        /** From now on the disk has {@code bytes} free (0: full). */
        void freeBytes(long bytes);

        /** A read-only file system from now on (true), or writable again. */
        void readOnly(boolean on);
    }

    /** A journal and its disk. */
    public record OnDisk(Journal journal, Disk disk) {
    }

    /** Opens a 1 MiB journal in {@code dir} on a disk the test controls (unlimited and writable at first). */
    public static OnDisk open(Path dir) throws IOException {
        FakeJournalFileOps ops = new FakeJournalFileOps();
        JournalSettings settings = new JournalSettings(10_000, 4L << 20, 256, 256, Duration.ofSeconds(2),
                Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofMillis(10));
        Journal j = Journal.open(new JournalConfig(dir.resolve("journal.bin"), JournalTestSupport.ONE_MIB),
                System::currentTimeMillis, System::nanoTime, settings, ops);
        return new OnDisk(j, new Disk() {
            @Override
            public void freeBytes(long bytes) {
                ops.freeBytes(bytes);
            }

            @Override
            public void readOnly(boolean on) {
                ops.readOnly(on);
            }
        });
    }
}
