package com.lianarig.controller.journal;

import static com.lianarig.controller.journal.JournalTestSupport.WAIT;
import static com.lianarig.controller.journal.JournalTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.JournalConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * R-9 on a real file system: a 2 MiB tmpfs mounted for the test (root only; otherwise the test is
 * skipped and says why in its output). Filled by another file until the journal's free-space check sees
 * less than 2 x its segment size, then until writes fail with the kernel's own ENOSPC; emptied again,
 * every record queued meanwhile is written and the drops are on record. And a journal directory on a
 * read-only mount cannot be opened, and says why.
 */
class JournalOnTmpfsTest {
    private Path mount;

    @BeforeEach
    void mountTmpfs() throws Exception {
        mount = Files.createTempDirectory("journal-tmpfs");
        String why = run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString());
        if (why != null) {
            Files.deleteIfExists(mount);
            String reason = "R-9 tmpfs test skipped: mounting a tmpfs needs root (" + why.strip() + ");"
                    + " JournalStorageHealthTest covers the same with a file-system double";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null && Files.exists(mount)) {
            run("umount", "-l", mount.toString());
            Files.deleteIfExists(mount);
        }
    }

    @Test
    void aDiskThatFillsUpIsAProblemUntilEmptiedAndNothingIsLostSilently() throws Exception {
        Path dir = mount.resolve("journal");
        JournalSettings fast = new JournalSettings(200, 1L << 20, 16, 256, Duration.ofSeconds(2), Duration.ofMillis(1),
                Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofMillis(10));
        JournalTestSupport.Clocks clocks = new JournalTestSupport.Clocks();
        try (Journal j = Journal.open(new JournalConfig(dir.resolve("journal.bin"), JournalTestSupport.ONE_MIB),
                clocks::wall, clocks::mono, fast, new NioJournalFileOps())) {
            assertEquals(null, j.storageProblem(), "2 MiB free at first");
            Path filler = mount.resolve("filler");
            long usable = Files.getFileStore(mount).getUsableSpace();
            fill(filler, usable - j.minFreeBytes() + 64 * 1024);
            assertTrue(eventually(() -> j.storageProblem() != null), "low space seen");
            assertTrue(j.storageProblem().contains("below 2 x the journal's segment size"), j.storageProblem());

            fill(mount.resolve("filler2"), Long.MAX_VALUE); // until the kernel says ENOSPC
            long appended = 0;
            long dropped = 0;
            for (int i = 0; i < 2_000; i++) {
                if (j.append("fault", "{\"i\":" + i + ",\"pad\":\"" + "x".repeat(200) + "\"}") == Journal.NOT_QUEUED) {
                    dropped++;
                } else {
                    appended++;
                }
            }
            assertTrue(eventually(() -> j.storageProblem() != null && j.storageProblem().contains("No space left")),
                    "the kernel's ENOSPC: " + j.storageProblem());
            System.out.println("R-9 tmpfs: " + j.storageProblem() + "; " + appended + " queued, " + dropped + " dropped");

            Files.delete(mount.resolve("filler2"));
            Files.delete(filler);
            assertTrue(j.flush(WAIT), "written once there is room");
            assertTrue(eventually(() -> j.storageProblem() == null), j.storageProblem());
            List<JournalRecord> all = readAll(j);
            assertEquals(appended, all.stream().filter(r -> r.kind().equals("fault")).count(), "every queued record");
            assertEquals(dropped, all.stream().filter(r -> r.kind().equals(Journal.OVERFLOW_KIND))
                    .mapToLong(r -> Long.parseLong(r.body().replaceAll("^\\{\"dropped\":(\\d+),.*", "$1"))).sum(),
                    "every drop on record");
        }
    }

    @Test
    void aJournalOnAReadOnlyMountCannotBeOpenedAndSaysWhy() throws Exception {
        Path dir = mount.resolve("journal");
        Files.createDirectories(dir);
        String why = run("mount", "-o", "remount,ro", mount.toString());
        Assumptions.assumeTrue(why == null, "remount read-only: " + why);
        IOException e = assertThrows(IOException.class, () -> Journal.open(
                new JournalConfig(dir.resolve("journal.bin"), JournalTestSupport.ONE_MIB), System::currentTimeMillis,
                System::nanoTime));
        System.out.println("R-9 read-only: " + e.getMessage());
        assertTrue(e.getMessage().contains("Read-only file system"), e.getMessage());
    }

    private static void fill(Path file, long bytes) {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        } catch (IOException full) {
            // the disk is full: as intended when filling it up
        }
    }

    /** Runs a command; null when it succeeded, else its output. */
    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }
}
