package com.lianarig.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exclusivity of a serial device between openers: in this process and in another one. */
class PortLockTest {
    @TempDir
    Path dir;

    private Path device() throws IOException {
        Path d = dir.resolve("ttyFAKE0");
        if (!Files.exists(d)) {
            Files.createFile(d);
        }
        return d;
    }

    @Test
    void theLockFileNamesTheHoldersPidAndASecondOpenerIsRefused() throws Exception {
        Path device = device();
        try (PortLock lock = PortLock.acquire(dir, device.toString())) {
            String content = Files.readString(lock.file(), StandardCharsets.US_ASCII);
            assertEquals(String.format("%10d%n", ProcessHandle.current().pid()), content, "FHS: pid in ten digits");
            PortUnavailableException e = assertThrows(PortUnavailableException.class,
                    () -> PortLock.acquire(dir, device.toString()));
            assertTrue(e.getMessage().startsWith("port " + device + " is in use by pid " + ProcessHandle.current().pid()),
                    e.getMessage());
        }
        try (PortLock again = PortLock.acquire(dir, device.toString())) {
            assertTrue(Files.exists(again.file()), "free again once released");
        }
    }

    @Test
    void aSymlinkAndItsDeviceShareOneLock() throws Exception {
        Path device = device();
        Path link = Files.createSymbolicLink(dir.resolve("by-id-node"), device);
        try (PortLock lock = PortLock.acquire(dir, link.toString())) {
            assertEquals("LCK.." + dir.toRealPath().resolve("ttyFAKE0").toString().substring(1).replace('/', '_'),
                    lock.file().getFileName().toString(), "named after the real device, not the link");
            assertThrows(PortUnavailableException.class, () -> PortLock.acquire(dir, device.toString()));
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedNamingItsPid() throws Exception {
        Path device = device();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PortLockHolder.class.getName(), dir.toString(), device.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            String said = out.readLine();
            assertTrue(said != null && said.startsWith("locked "), "the other process: " + said);
            PortUnavailableException e = assertThrows(PortUnavailableException.class,
                    () -> PortLock.acquire(dir, device.toString()));
            assertTrue(e.getMessage().contains("is in use by pid " + other.pid()), e.getMessage());
        } finally {
            other.getOutputStream().close();
            assertTrue(other.waitFor(10, TimeUnit.SECONDS));
        }
        try (PortLock mine = PortLock.acquire(dir, device.toString())) {
            assertTrue(Files.size(mine.file()) > 0, "released when the other process let go");
        }
    }

    @Test
    void aRefusedSecondOpenerInThisProcessLeavesTheFirstLockHeldForOtherProcesses() throws Exception {
        Path device = device();
        try (PortLock first = PortLock.acquire(dir, device.toString())) {
            assertThrows(PortUnavailableException.class, () -> PortLock.acquire(dir, device.toString()));

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    PortLockHolder.class.getName(), dir.toString(), device.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            other.getOutputStream().close();
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            String said = out.readLine();
            assertTrue(other.waitFor(10, TimeUnit.SECONDS));
            assertTrue(said == null && other.exitValue() != 0, "another process must still be refused: " + said);
        }
    }

    @Test
    void aMissingDeviceIsNamed() {
        PortUnavailableException e = assertThrows(PortUnavailableException.class,
                () -> PortLock.acquire(dir, dir.resolve("ttyNONE").toString()));
        assertTrue(e.getMessage().startsWith("no device at "), e.getMessage());
    }

    @Test
    void lockFilesAreNamedAfterTheRealDevice() {
        assertEquals("LCK..ttyACM0", PortLock.lockFileName(Path.of("/dev/ttyACM0")));
        assertEquals("LCK..pts_3", PortLock.lockFileName(Path.of("/dev/pts/3")));
        assertEquals("LCK..tmp_x_rig-host", PortLock.lockFileName(Path.of("/tmp/x/rig-host")));
    }
}
