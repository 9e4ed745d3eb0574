package com.lianarig.tools.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.tools.ExampleRigFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rig doctor} says why the rig refuses motion for its storage (SR-26, R-9): the journal's disk with
 * less than 2 x its segment size free, a read-only file system, damaged journal bytes kept aside. The disk
 * cases run on a tmpfs mounted by the test (root only; otherwise skipped, saying why).
 */
class StorageChecksTest {
    @TempDir
    Path dir;

    private RigConfig rig(Path dataDir) throws Exception {
        return new RigConfigLoader(Map.of("RIG_DATA_DIR", dataDir.toString())).load(ExampleRigFile.find());
    }

    private static CheckResult run(Check check) {
        return new Doctor(new PrintWriter(new StringWriter(), true)).run(check);
    }

    @Test
    void lessThanTwoSegmentsFreeOnTheJournalsDiskFailsNamingSr26() throws Exception {
        Path mount = tmpfs("size=8m");
        try {
            RigConfig rig = rig(mount);
            Files.createDirectories(rig.journal().path().getParent());
            CheckResult r = run(StorageChecks.journal(rig, ExampleRigFile.find()));
            assertEquals(Status.FAIL, r.status(), r.toString());
            assertTrue(r.found().contains("less than 2 x the journal's segment size (16 MiB)")
                    && r.found().contains("SR-26"), r.found());
            assertTrue(r.fix().contains("free space"), r.fix());
        } finally {
            umount(mount);
        }
    }

    @Test
    void aJournalDirectoryOnAReadOnlyFileSystemFails() throws Exception {
        Path mount = tmpfs("size=64m");
        try {
            RigConfig rig = rig(mount);
            Files.createDirectories(rig.journal().path().getParent());
            Assumptions.assumeTrue(sh("mount", "-o", "remount,ro", mount.toString()) == null, "remount read-only");
            CheckResult r = run(StorageChecks.journal(rig, ExampleRigFile.find()));
            assertEquals(Status.FAIL, r.status(), r.toString());
            assertTrue(r.found().contains("read-only file system"), r.found());
        } finally {
            umount(mount);
        }
    }

    @Test
    void damagedBytesKeptAsideAreAWarningNamingThem() throws Exception {
        RigConfig rig = rig(dir);
        Path journalDir = rig.journal().path().getParent();
        Files.createDirectories(journalDir);
        assertEquals(Status.PASS, run(StorageChecks.damage(rig)).status());
        Files.write(journalDir.resolve("journal.bin.00000003.damaged-4410-4481"), new byte[71]);
        CheckResult r = run(StorageChecks.damage(rig));
        assertEquals(Status.WARN, r.status(), r.toString());
        assertTrue(r.found().contains("1 stretch(es) of damaged journal bytes (71 bytes)")
                && r.found().contains("journal.bin.00000003.damaged-4410-4481"), r.found());
        assertTrue(r.fix().contains("rig journal --kind journal.damage"), r.fix());
    }

    private Path tmpfs(String options) throws Exception {
        Path mount = Files.createDirectories(dir.resolve("tmpfs"));
        String why = sh("mount", "-t", "tmpfs", "-o", options, "tmpfs", mount.toString());
        if (why != null) {
            String reason = "R-9 doctor tmpfs test skipped: mounting a tmpfs needs root (" + why.strip() + ")";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        return mount;
    }

    private static void umount(Path mount) throws Exception {
        sh("umount", "-l", mount.toString());
    }

    private static String sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
    }
}
