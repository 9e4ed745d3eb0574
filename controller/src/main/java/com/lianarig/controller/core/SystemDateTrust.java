package com.lianarig.controller.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SR-18's trusted date on Debian / Raspberry Pi OS, looked at every {@link #REFRESH} by a daemon thread
 * (never on the control thread). The date is trusted when any of these says so, in this order:
 * <ol>
 *   <li>{@code /run/systemd/timesync/synchronized} exists: systemd-timesyncd touches it once it has
 *       synchronised the clock (and the file lives on a tmpfs: a reboot removes it);
 *   <li>{@code timedatectl show -p NTPSynchronized --value} prints {@code yes}: the kernel's clock is
 *       marked synchronised (adjtimex without STA_UNSYNC), whichever daemon did it (timesyncd, chrony,
 *       ntpd);
 *   <li>a real-time clock set the system clock at boot ({@code /sys/class/rtc/rtc0/hctosys} is 1), it
 *       reads a date after {@link #RTC_FLOOR} (an RTC that lost its battery restarts near 1970 or 2000),
 *       and it agrees with the system clock within {@link #RTC_AGREEMENT}.
 * </ol>
 * Until the first look, and when none says so, the date is not trusted (the pre-use check is then due
 * at every service start). The files and the command are the boundary a test replaces.
 */
public final class SystemDateTrust implements DateTrust, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemDateTrust.class);
    static final Duration REFRESH = Duration.ofSeconds(10);
    static final Instant RTC_FLOOR = Instant.parse("2025-01-01T00:00:00Z");
    static final Duration RTC_AGREEMENT = Duration.ofMinutes(10);
    static final String NOT_YET = "the clock's synchronisation has not been looked at yet";

    private final Path root;
    private final Function<String[], String> command;
    private final LongSupplier wallMs;
    private volatile String untrusted = NOT_YET;
    private volatile Thread thread;
    private volatile boolean closed;

    /**
     * @param root the file system root ("/"; a test's directory)
     * @param command runs a command and returns its standard output, or null when it fails or takes over 2 s
     * @param wallMs the system clock, ms since the epoch
     */
    SystemDateTrust(Path root, Function<String[], String> command, LongSupplier wallMs) {
        this.root = root;
        this.command = command;
        this.wallMs = wallMs;
    }

    /** The system's, looked at now and then every {@link #REFRESH} on a daemon thread. */
    public static SystemDateTrust start() {
        SystemDateTrust t = new SystemDateTrust(Path.of("/"), SystemDateTrust::run, System::currentTimeMillis);
        Thread th = new Thread(() -> {
            while (!t.closed) {
                t.refresh();
                try {
                    Thread.sleep(REFRESH.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "date-trust");
        th.setDaemon(true);
        t.thread = th;
        th.start();
        return t;
    }

    @Override
    public String untrusted() {
        return untrusted;
    }

    /** Looks again (the daemon thread; tests call it directly). */
    void refresh() {
        String before = untrusted;
        String now = look();
        untrusted = now;
        if (before == null ? now != null : !before.equals(now)) {
            if (now == null) {
                LOG.info("SR-18: the date is trusted now");
            } else if (before == null || before == NOT_YET) {
                LOG.warn("SR-18: the date is not trusted ({}): the pre-use check is due at every service start", now);
            }
        }
    }

    private String look() {
        if (Files.exists(root.resolve("run/systemd/timesync/synchronized"))) {
            return null;
        }
        String ntp = command.apply(new String[] {"timedatectl", "show", "-p", "NTPSynchronized", "--value"});
        if (ntp != null && ntp.strip().equals("yes")) {
            return null;
        }
        String rtc = rtcProblem();
        if (rtc == null) {
            return null;
        }
        return "the clock is not synchronised (timedatectl: " + (ntp == null ? "not available" : "NTPSynchronized="
                + ntp.strip()) + ") and " + rtc;
    }

    /** Null when the real-time clock is trustworthy; otherwise why not. */
    private String rtcProblem() {
        Path rtc = root.resolve("sys/class/rtc/rtc0");
        try {
            if (!Files.isDirectory(rtc)) {
                return "there is no real-time clock";
            }
            if (!"1".equals(read(rtc.resolve("hctosys")))) {
                return "the real-time clock did not set the time at boot";
            }
            long rtcS = Long.parseLong(read(rtc.resolve("since_epoch")));
            if (Instant.ofEpochSecond(rtcS).isBefore(RTC_FLOOR)) {
                return "the real-time clock reads " + Instant.ofEpochSecond(rtcS) + " (it lost its time: battery?)";
            }
            long apartMs = Math.abs(wallMs.getAsLong() - rtcS * 1000);
            if (apartMs > RTC_AGREEMENT.toMillis()) {
                return "the real-time clock and the system clock are " + apartMs / 1000 + " s apart";
            }
            return null;
        } catch (IOException | NumberFormatException e) {
            return "the real-time clock cannot be read (" + e.getMessage() + ")";
        }
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.US_ASCII).strip();
    }

    private static String run(String[] cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readNBytes(256), StandardCharsets.US_ASCII);
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread th = thread;
        if (th != null) {
            th.interrupt();
        }
    }
}
