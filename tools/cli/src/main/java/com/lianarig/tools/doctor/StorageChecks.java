package com.lianarig.tools.doctor;

import com.lianarig.config.rig.RigConfig;
import com.lianarig.controller.journal.Journal;
import com.lianarig.controller.journal.JournalReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The journal's directory (writable, on a writable file system, with the free space SR-26 needs), damage
 * kept aside by the journal, the data directory's free space, and the wall clock.
 */
final class StorageChecks {
    /** Free space below which the data directory FAILs, and below which it WARNs, bytes. */
    static final long DISK_FAIL_BYTES = 100L << 20;
    static final long DISK_WARN_BYTES = 500L << 20;

    private StorageChecks() {
    }

    static Check journal(RigConfig rig, Path rigFile) {
        Path dir = rig.journal().path().getParent();
        long maxBytes = rig.journal().maxBytes();
        return Check.of("journal writable", Duration.ofSeconds(5), "check the disk holding " + dir
                + " (dmesg for I/O errors)", name -> {
                    if (!Files.isDirectory(dir)) {
                        Path existing = dir;
                        while (existing != null && !Files.exists(existing)) {
                            existing = existing.getParent();
                        }
                        return CheckResult.warn(name, dir + " does not exist yet", "the service creates it on its first"
                                + " start (" + Fixes.START_SERVICE + ")" + (existing == null ? ""
                                        : "; " + existing + " must be writable by the service's user "
                                        + Fixes.SERVICE));
                    }
                    if (Files.getFileStore(dir).isReadOnly()) {
                        return CheckResult.fail(name, dir + " is on a read-only file system: the journal cannot be"
                                + " written, and the service does not start without it (R-9)", "find out why it is"
                                + " read-only (dmesg: a file system remounted read-only after errors needs fsck), then"
                                + " remount it read-write");
                    }
                    String writable = writableBy(dir);
                    if (writable == null) {
                        return CheckResult.fail(name, dir + " is not writable", "give it to the service's user: sudo chown -R "
                                + Fixes.SERVICE + ": " + dir + " (or set journal.path in " + rigFile + ")");
                    }
                    long usable = Files.getFileStore(dir).getUsableSpace();
                    long held = journalBytes(dir, rig.journal().path().getFileName().toString());
                    String found = dir + " writable by " + writable + "; " + mib(held) + " of " + mib(maxBytes)
                            + " used, " + mib(usable) + " free";
                    long minFree = Journal.minFreeBytesFor(maxBytes);
                    if (usable < minFree) {
                        return CheckResult.fail(name, found + ": less than 2 x the journal's segment size ("
                                + mib(minFree) + "): the rig refuses motion until there is (SR-26)", "free space on"
                                + " the disk holding " + dir + " (sudo apt-get clean; sudo journalctl --vacuum-size=100M;"
                                + " remove other files), then reset the fault from the panel");
                    }
                    if (usable < maxBytes - held) {
                        return CheckResult.warn(name, found + ": not enough room for the journal to reach its bound",
                                "free space on that disk, or lower journal.maxBytes in " + rigFile);
                    }
                    return CheckResult.pass(name, found);
                });
    }

    /**
     * Damage the journal found and kept aside (R-6: quarantine files next to its segments), which it read
     * past: a WARN naming them, so a technician looks at it (the disk may be failing) and moves them away.
     */
    static Check damage(RigConfig rig) {
        Path dir = rig.journal().path().getParent();
        return Check.of("journal damage", Duration.ofSeconds(5), "check the disk holding " + dir, name -> {
            if (!Files.isDirectory(dir)) {
                return CheckResult.pass(name, "no journal yet");
            }
            long files = 0;
            long bytes = 0;
            String example = null;
            try (var list = Files.list(dir)) {
                for (Path p : (Iterable<Path>) list::iterator) {
                    if (Journal.isQuarantine(p) && Files.isRegularFile(p)) {
                        files++;
                        bytes += Files.size(p);
                        example = example == null ? p.getFileName().toString() : example;
                    }
                }
            }
            if (files == 0) {
                return CheckResult.pass(name, "no damaged bytes kept aside in " + dir);
            }
            return CheckResult.warn(name, files + " stretch(es) of damaged journal bytes (" + bytes + " bytes) kept aside in "
                    + dir + ", e.g. " + example + "; the journal read past them (R-6)", "see what was lost: rig journal"
                    + " --kind journal.damage; check the disk (dmesg, smartctl); then move the .damaged-* files away"
                    + " (they are only copies)");
        });
    }

    /** Who may write {@code dir}: "this user", "its owner NAME" (the service's user), or null. */
    private static String writableBy(Path dir) throws IOException {
        if (Files.isWritable(dir)) {
            return "this user";
        }
        try {
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class);
            if (a.permissions().contains(PosixFilePermission.OWNER_WRITE)) {
                return "its owner " + a.owner().getName();
            }
        } catch (UnsupportedOperationException e) {
            // not POSIX: only this user's access is known
        }
        return null;
    }

    /** The bytes of the journal's files, or 0 when the directory cannot be listed by this user. */
    private static long journalBytes(Path dir, String base) {
        long total = 0;
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().startsWith(base + ".") && Files.isRegularFile(p)) {
                    total += Files.size(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return total;
    }

    static Check disk(RigConfig rig) {
        Path dir = rig.paths().dataDir();
        return Check.of("disk space", Duration.ofSeconds(5), "check the disk holding " + dir, name -> {
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return CheckResult.fail(name, "no part of " + dir + " exists", "set paths.dataDir in the rig file");
            }
            long usable = Files.getFileStore(existing).getUsableSpace();
            String found = mib(usable) + " free for " + dir;
            if (usable < DISK_FAIL_BYTES) {
                return CheckResult.fail(name, found + " (less than " + mib(DISK_FAIL_BYTES) + ")", "free space: sudo apt-get"
                        + " clean; sudo journalctl --vacuum-size=100M; remove old files from " + existing);
            }
            if (usable < DISK_WARN_BYTES) {
                return CheckResult.warn(name, found + " (less than " + mib(DISK_WARN_BYTES) + ")", "free space soon:"
                        + " sudo apt-get clean; sudo journalctl --vacuum-size=100M");
            }
            return CheckResult.pass(name, found);
        });
    }

    /**
     * The wall clock is not behind the newest journal record nor the build of this program: a Pi without
     * a real-time clock that has not synchronised yet starts in the past.
     *
     * @param buildTime when this program was built, if known
     */
    static Check clock(RigConfig rig, Clock clock, Instant buildTime) {
        return Check.of("clock", Duration.ofSeconds(10), "check the journal's disk", name -> {
            Instant now = clock.instant();
            Instant newest = newestRecord(rig.journal().path());
            String fix = "set the time: timedatectl (NTP: sudo timedatectl set-ntp true, with the network up), or add a"
                    + " real-time clock; dates in the journal, calibrations and the pre-use check depend on it";
            if (buildTime != null && now.isBefore(buildTime)) {
                return CheckResult.fail(name, "the clock says " + now + ", before this program was built (" + buildTime
                        + ")", fix);
            }
            if (newest != null && now.isBefore(newest)) {
                return CheckResult.fail(name, "the clock says " + now + ", before the newest journal record (" + newest
                        + ")", fix);
            }
            return CheckResult.pass(name, now + (newest == null ? "" : ", after the newest journal record (" + newest
                    + ")") + (buildTime == null ? "" : " and the build (" + buildTime + ")"));
        });
    }

    /** The wall time of the newest record in the journal, or null when there is none. */
    static Instant newestRecord(Path journalFile) throws IOException {
        return JournalReader.of(journalFile).latest().map(r -> Instant.ofEpochMilli(r.wallTimeMs())).orElse(null);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }
}
