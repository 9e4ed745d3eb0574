package com.lianarig.controller.core;

import com.lianarig.config.store.AtomicFiles;
import com.lianarig.config.store.NioFileOps;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;

/**
 * SR-18's record of the last passed (or waived) pre-use check, and whether it counts for today.
 *
 * <p>"Today" comes from a trusted date ({@link DateTrust}: a real-time clock, or a clock the system
 * reports synchronised). Without one, the check is due at every service start: only a check passed (or
 * waived) since this object was made (the service's start) counts, for at most 24 h of monotonic time;
 * a record on file never does (the Pi's clock without a battery may say yesterday is today). With one,
 * a check counts when it was made on today's date: one made in this run (its instant placed on the
 * now-trusted timeline by the monotonic time since), or a record on file whose date was trusted when it
 * was written. A technician may waive the check once for that day.
 *
 * <p>The file ({@code <dataDir>/pre-use-check.txt}, written atomically with {@link AtomicFiles}) holds
 * one line of tab-separated fields, version 2:
 * {@code 2 <date> <passed|waived> <trusted|untrusted> <by> <summary> <crc32>}, the CRC-32 (8 hex digits)
 * over everything before its tab. A file that is not exactly that (garbage, truncated, a flipped byte,
 * the version-1 line {@code date<TAB>by<TAB>summary}) counts as no check, and says so.
 */
public final class PreUseChecks {
    private static final String VERSION = "2";
    private static final String PASSED = "passed";
    private static final String WAIVED = "waived";
    private static final String TRUSTED = "trusted";
    private static final String UNTRUSTED = "untrusted";
    private static final int MAX_FILE_BYTES = 1024;
    private static final int MAX_BY_CHARS = 64;
    private static final long DAY_NANOS = 86_400_000_000_000L;

    private final Path file;
    private final AtomicFiles files = new AtomicFiles(new NioFileOps());
    private final LongSupplier monoNanos;
    private volatile DateTrust trust;
    /** This run's latest check (passed or waived), or null: monotonic time, date as the clock said, result. */
    private long runCheckMonoNanos;
    private LocalDate runCheckDate;
    private String runCheckResult;
    private boolean runCheckTrusted;

    /** A record whose dates the caller vouches for (tools reading the record, tests on a fixed clock). */
    public PreUseChecks(Path file) {
        this(file, DateTrust.TRUSTED, System::nanoTime);
    }

    /**
     * @param file where the record lives (under the data directory)
     * @param trust whether the wall clock's date is trusted now (the service: {@link SystemDateTrust})
     * @param monoNanos a monotonic clock (System::nanoTime)
     */
    public PreUseChecks(Path file, DateTrust trust, LongSupplier monoNanos) {
        this.file = file;
        this.trust = trust;
        this.monoNanos = monoNanos;
    }

    /** From now on the date is trusted as {@code trust} says (tests: a clock that is not synchronised). */
    public void useDateTrust(DateTrust trust) {
        this.trust = trust;
    }

    /** What the file says: a valid record, or why it counts as no check. */
    record OnFile(LocalDate date, String result, boolean trustedDate, String by, String damage) {
    }

    /** The date of the last passed or waived check on file, if its record is valid (its date may not be trusted). */
    public synchronized Optional<LocalDate> lastPassed() {
        OnFile f = read();
        return f.date() == null ? Optional.empty() : Optional.of(f.date());
    }

    /**
     * SR-18: null when a check counts for today (see the class comment); otherwise why READY is refused,
     * in words naming SR-18.
     */
    public synchronized String notDoneToday(Clock wallClock) {
        String untrusted = trust.untrusted();
        LocalDate today = LocalDate.now(wallClock);
        if (runCheckResult != null && countsThisRun(wallClock, untrusted == null)) {
            return null;
        }
        OnFile f = read();
        if (f.damage() != null) {
            return "today's pre-use check is not done: " + f.damage() + " (SR-18)";
        }
        if (untrusted != null) {
            return "the pre-use check is due at every service start while the date is not trusted (" + untrusted
                    + ")" + (f.date() == null ? "" : "; the record on file (" + f.date() + ") cannot count") + " (SR-18)";
        }
        if (f.date() == null) {
            return "today's pre-use check is not done (never done) (SR-18)";
        }
        if (!f.trustedDate() && f.date().equals(today)) {
            return "today's pre-use check is not done: the record on file says " + f.date() + " but was written while"
                    + " the date was not trusted (SR-18)";
        }
        return f.date().equals(today) ? null : "today's pre-use check is not done (last " + f.date() + ") (SR-18)";
    }

    private boolean countsThisRun(Clock wallClock, boolean trusted) {
        long elapsed = monoNanos.getAsLong() - runCheckMonoNanos;
        LocalDate today = LocalDate.now(wallClock);
        if (runCheckTrusted) {
            return runCheckDate.equals(today) && elapsed < DAY_NANOS;
        }
        if (!trusted) {
            return elapsed < DAY_NANOS; // due at every start; and not for more than a day of running
        }
        // made under an untrusted date, trusted now: the check's instant on the trusted timeline is now minus
        // the monotonic time since
        Instant at = wallClock.instant().minusNanos(elapsed);
        return LocalDate.ofInstant(at, wallClock.getZone()).equals(today);
    }

    /**
     * A technician's waiver: why it is refused (today's check already waived once; it cannot be
     * recorded), or null when it is recorded for {@code date}.
     */
    public synchronized String waive(LocalDate date, Clock wallClock, String by, String reason) {
        boolean trusted = trust.untrusted() == null;
        OnFile f = read();
        boolean waivedToday = WAIVED.equals(runCheckResult) && countsThisRun(wallClock, trusted)
                || trusted && f.damage() == null && WAIVED.equals(f.result()) && f.trustedDate() && date.equals(f.date());
        if (waivedToday) {
            return "today's pre-use check was already waived once: a waiver counts once a day; do the check (SR-18)";
        }
        try {
            write(date, WAIVED, trusted, by, "waived: " + reason);
        } catch (IOException e) {
            return "could not record the waiver: " + e.getMessage();
        }
        return null;
    }

    /** Records a passed check (atomically: the previous record stays whole if this write is cut). */
    public synchronized void record(LocalDate date, String by, String summary) throws IOException {
        write(date, PASSED, trust.untrusted() == null, by, summary);
    }

    private void write(LocalDate date, String result, boolean trusted, String by, String summary) throws IOException {
        // this run's check counts whatever the disk does (a record that cannot be written only lasts this run)
        runCheckMonoNanos = monoNanos.getAsLong();
        runCheckDate = date;
        runCheckResult = result;
        runCheckTrusted = trusted;
        String body = String.join("\t", VERSION, date.toString(), result, trusted ? TRUSTED : UNTRUSTED,
                clean(by, MAX_BY_CHARS), clean(summary, 400));
        files.write(file, (body + "\t" + crc(body) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The date of this run's check as the clock said then, if any (for the journal and status). */
    synchronized Optional<LocalDate> thisRun() {
        return Optional.ofNullable(runCheckDate);
    }

    private static String clean(String text, int maxChars) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().limit(maxChars).forEach(c -> sb.appendCodePoint(c < 0x20 || c == 0x7F ? ' ' : c));
        String s = sb.toString().strip();
        return s.isEmpty() ? "-" : s;
    }

    private static String crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    private OnFile read() {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return damaged("it is " + Files.size(file) + " bytes, not one line");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new OnFile(null, null, false, null, null);
        } catch (IOException e) {
            return damaged("it cannot be read: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return damaged("it is not text");
        }
        if (!text.endsWith("\n") || text.indexOf('\n') != text.length() - 1) {
            return damaged("it is not one complete line (truncated or garbage)");
        }
        String line = text.substring(0, text.length() - 1);
        String[] f = line.split("\t", -1);
        if (f.length == 3 && !f[0].equals(VERSION)) {
            return damaged("it is in the old format, without the date's trust and a checksum");
        }
        if (f.length != 7 || !f[0].equals(VERSION)) {
            return damaged("it is not a version-" + VERSION + " record of 7 fields");
        }
        String body = line.substring(0, line.lastIndexOf('\t'));
        if (!crc(body).equals(f[6])) {
            return damaged("its checksum does not match (damaged)");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(f[1]);
        } catch (DateTimeParseException e) {
            return damaged("its date \"" + f[1] + "\" is not a date");
        }
        if (!(f[2].equals(PASSED) || f[2].equals(WAIVED)) || !(f[3].equals(TRUSTED) || f[3].equals(UNTRUSTED))) {
            return damaged("its result or date trust is not one this software writes");
        }
        return new OnFile(date, f[2], f[3].equals(TRUSTED), f[4], null);
    }

    private OnFile damaged(String why) {
        return new OnFile(null, null, false, null, "the pre-use record " + file + " counts as no check: " + why);
    }
}
