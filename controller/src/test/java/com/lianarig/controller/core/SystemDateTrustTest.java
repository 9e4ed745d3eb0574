package com.lianarig.controller.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-18's trusted date from the system, with the boundary replaced: a directory standing for "/" (the
 * timesyncd flag file, the RTC's sysfs files) and the output of {@code timedatectl}.
 */
class SystemDateTrustTest {
    private static final long NOW_MS = 1_795_000_000_000L; // 2026-11-18
    @TempDir
    Path root;
    private final AtomicReference<String> timedatectl = new AtomicReference<>();

    private SystemDateTrust trust() {
        return new SystemDateTrust(root, cmd -> {
            assertEquals("timedatectl show -p NTPSynchronized --value", String.join(" ", cmd));
            return timedatectl.get();
        }, () -> NOW_MS);
    }

    private void rtc(String hctosys, long sinceEpochS) throws Exception {
        Path rtc = Files.createDirectories(root.resolve("sys/class/rtc/rtc0"));
        Files.writeString(rtc.resolve("hctosys"), hctosys + "\n");
        Files.writeString(rtc.resolve("since_epoch"), sinceEpochS + "\n");
    }

    @Test
    void untrustedUntilLookedAtThenOnlyWhenTheSystemSaysSo() throws Exception {
        SystemDateTrust t = trust();
        assertEquals(SystemDateTrust.NOT_YET, t.untrusted());
        timedatectl.set("no\n");
        t.refresh();
        assertEquals("the clock is not synchronised (timedatectl: NTPSynchronized=no) and there is no real-time clock",
                t.untrusted());
        timedatectl.set("yes\n");
        t.refresh();
        assertNull(t.untrusted(), "the kernel's clock is synchronised (any NTP daemon)");
        timedatectl.set(null); // timedatectl missing or failing
        t.refresh();
        assertTrue(t.untrusted().contains("timedatectl: not available"), t.untrusted());
        Files.createDirectories(root.resolve("run/systemd/timesync"));
        Files.writeString(root.resolve("run/systemd/timesync/synchronized"), "");
        t.refresh();
        assertNull(t.untrusted(), "systemd-timesyncd's flag file");
    }

    @Test
    void aRealTimeClockCountsOnlyWhenItSetTheTimeKeptItAndAgrees() throws Exception {
        timedatectl.set("no\n");
        SystemDateTrust t = trust();
        rtc("1", NOW_MS / 1000 - 3);
        t.refresh();
        assertNull(t.untrusted(), "an RTC that set the clock at boot and agrees with it");
        rtc("0", NOW_MS / 1000);
        t.refresh();
        assertTrue(t.untrusted().endsWith("the real-time clock did not set the time at boot"), t.untrusted());
        rtc("1", 946_684_900L); // 2000-01-01: a Pi 5 RTC without its battery after a power cut
        t.refresh();
        assertTrue(t.untrusted().contains("it lost its time"), t.untrusted());
        rtc("1", NOW_MS / 1000 - 86_400); // fake-hwclock moved the system clock; the RTC says yesterday
        t.refresh();
        assertTrue(t.untrusted().endsWith("86400 s apart"), t.untrusted());
        Files.writeString(root.resolve("sys/class/rtc/rtc0/since_epoch"), "garbage");
        t.refresh();
        assertTrue(t.untrusted().contains("cannot be read"), t.untrusted());
    }
}
