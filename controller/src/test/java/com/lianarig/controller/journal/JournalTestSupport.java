package com.lianarig.controller.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.JournalConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** Helpers shared by the journal tests: configs, clocks, segment files and their layout. */
final class JournalTestSupport {
    static final long ONE_MIB = 1L << 20;
    static final Duration WAIT = Duration.ofSeconds(10);
    static final int HEADER_BYTES = 32;
    static final int RECORD_FIXED_BYTES = 39;

    private JournalTestSupport() {
    }

    static JournalConfig config(Path dir) {
        return new JournalConfig(dir.resolve("journal.bin"), ONE_MIB);
    }

    /** A wall clock and a monotonic clock that step on every read, so records differ. */
    static final class Clocks {
        final AtomicLong wallMs = new AtomicLong(1_700_000_000_000L);
        final AtomicLong monoNs = new AtomicLong(5_000_000_000L);

        long wall() {
            return wallMs.getAndAdd(3);
        }

        long mono() {
            return monoNs.getAndAdd(1_000_003);
        }
    }

    static Journal open(Path dir, Clocks clocks) throws IOException {
        return Journal.open(config(dir), clocks::wall, clocks::mono);
    }

    static Journal open(Path dir, Clocks clocks, JournalSettings settings, JournalFileOps ops) throws IOException {
        return Journal.open(config(dir), clocks::wall, clocks::mono, settings, ops);
    }

    /** A journal whose files are never forced: for tests that cut power by editing the files. */
    static Journal openUnforced(Path dir, Clocks clocks) throws IOException {
        return open(dir, clocks, JournalSettings.DEFAULTS, FakeJournalFileOps.withoutForcing());
    }

    static void flush(Journal j) throws InterruptedException {
        assertTrue(j.flush(WAIT), "journal flush timed out");
    }

    /** Every record held, oldest first. */
    static List<JournalRecord> readAll(Journal j) throws IOException {
        return j.read(1, Long.MAX_VALUE);
    }

    /** The segment files in {@code dir}, by index. */
    static List<Path> segmentFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("journal\\.bin\\.\\d{8,}")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long segmentBytes(Path dir) throws IOException {
        long total = 0;
        for (Path p : segmentFiles(dir)) {
            total += Files.size(p);
        }
        return total;
    }

    /**
     * Copies the journal's files (not the lock) into an empty {@code to}, as they are at that moment,
     * even while the journal writes: a file that vanishes meanwhile (a temporary cursor file) is skipped.
     */
    static void copyJournal(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().endsWith(".lock")) {
                    try {
                        Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    } catch (NoSuchFileException e) {
                        // renamed or deleted since the listing
                    }
                }
            }
        }
    }

    /** The first seq in a segment file's header (bytes 16..23, docs/journal.md). */
    static long headerFirstSeq(Path segment) throws IOException {
        byte[] b = Files.readAllBytes(segment);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(16);
    }

    /** A record's length on disk from the documented layout: 39 + kind + body in UTF-8. */
    static int recordBytes(JournalRecord r) {
        return RECORD_FIXED_BYTES + r.kind().length() + r.body().getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Where each of {@code records} (consecutive, the first starting right after the header) ends in
     * its segment, bytes.
     */
    static long[] endOffsets(List<JournalRecord> records) {
        long[] ends = new long[records.size()];
        long at = HEADER_BYTES;
        for (int i = 0; i < records.size(); i++) {
            at += recordBytes(records.get(i));
            ends[i] = at;
        }
        return ends;
    }

    /** A body of about {@code n} characters, some of them multi-byte, JSON-like. */
    static String body(Random r, int n) {
        StringBuilder b = new StringBuilder("{\"v\":\"");
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(40);
            b.append(k == 0 ? 'é' : k == 1 ? '\u20ac' : k == 2 ? "\uD83D\uDE00" : (char) ('a' + r.nextInt(26)));
        }
        return b.append("\"}").toString();
    }

    static final String[] KINDS = {"trip", "fault", "reset", "command", "calibration-use", "state", "sr-22.late"};

    static String kind(Random r) {
        return KINDS[r.nextInt(KINDS.length)];
    }

    /** Asserts two records are the same, field by field. */
    static void assertSameRecord(JournalRecord expected, JournalRecord actual) {
        assertEquals(expected, actual, "record " + expected.seq());
    }

    /** Appends {@code n} random records and returns them as durable (after a flush) from the journal. */
    static List<Long> appendRandom(Journal j, Random r, int n, int maxBodyChars) {
        List<Long> seqs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long seq = j.append(kind(r), body(r, r.nextInt(maxBodyChars + 1)));
            assertTrue(seq > 0, "append refused");
            seqs.add(seq);
        }
        return seqs;
    }
}
