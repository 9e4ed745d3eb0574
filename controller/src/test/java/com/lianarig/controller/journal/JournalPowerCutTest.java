package com.lianarig.controller.journal;

import static com.lianarig.controller.journal.JournalTestSupport.HEADER_BYTES;
import static com.lianarig.controller.journal.JournalTestSupport.copyJournal;
import static com.lianarig.controller.journal.JournalTestSupport.endOffsets;
import static com.lianarig.controller.journal.JournalTestSupport.flush;
import static com.lianarig.controller.journal.JournalTestSupport.headerFirstSeq;
import static com.lianarig.controller.journal.JournalTestSupport.readAll;
import static com.lianarig.controller.journal.JournalTestSupport.segmentFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * a power cut while the journal is written. A cut leaves the last segment cut short, or with
 * garbage after some point, or with a flipped bit in its last record; after reopening, every record
 * written whole before the first damaged byte reads back equal, nothing from that byte on is accepted
 * (no good record follows it), what was cut is journalled ({@code journal.damage}), and appending goes
 * on with the next seq. Record ends are computed from the documented layout
 * (docs/journal.md), not from the implementation. The files are never forced: the test makes the cuts.
 */
class JournalPowerCutTest {
    private static final int CUTS = 300;

    @TempDir
    static Path shared;

    /** A journal of several segments, closed, and every record in it. */
    private static Path master;
    private static List<JournalRecord> written;

    @TempDir
    Path work;

    @BeforeAll
    static void writeMaster() throws Exception {
        master = shared.resolve("master");
        Random r = new Random(2024);
        try (Journal j = JournalTestSupport.openUnforced(master, new JournalTestSupport.Clocks())) {
            JournalTestSupport.appendRandom(j, r, 2200, 160);
            flush(j);
            written = readAll(j);
        }
        assertTrue(segmentFiles(master).size() >= 3, "the master spans several segments");
    }

    private enum Damage { CUT_SHORT, GARBAGE_TAIL, BIT_FLIP_IN_LAST_RECORD }

    @Test
    void randomCutsKeepEveryWholeRecordAndNothingAfter() throws Exception {
        Random r = new Random(6);
        for (int i = 0; i < CUTS; i++) {
            Damage damage = Damage.values()[i % 3];
            Path dir = work.resolve("cut-" + i);
            copyJournal(master, dir);
            Path last = lastSegment(dir);
            byte[] original = Files.readAllBytes(last);
            long[] ends = endOffsets(written.subList((int) headerFirstSeq(last) - 1, written.size()));
            byte[] damaged = switch (damage) {
                case CUT_SHORT -> Arrays.copyOf(original, r.nextInt(original.length + 1));
                case GARBAGE_TAIL -> garbageFrom(original, r.nextInt(original.length), r);
                case BIT_FLIP_IN_LAST_RECORD -> flipBit(original,
                        ends.length > 1 ? ends[ends.length - 2] : HEADER_BYTES, original.length, r);
            };
            Files.write(last, damaged);
            checkReopened(dir, written, original, damaged, damage == Damage.CUT_SHORT, "cut " + i + " " + damage);
            deleteTree(dir);
        }
    }

    @Test
    void aCutAtEveryByteOfASmallJournalKeepsExactlyTheWholeRecords() throws Exception {
        Path small = work.resolve("small");
        List<JournalRecord> smallWritten;
        try (Journal j = JournalTestSupport.openUnforced(small, new JournalTestSupport.Clocks())) {
            j.append("trip", "{\"sr\":1}");
            j.append("fault", "{\"sr\":13,\"winch\":\"left-leg\",\"errorMm\":21.5}");
            j.append("reset", "");
            j.append("command", "{\"panel\":\"p1\",\"verdict\":\"refused: not in command\"}");
            j.append("state", "{\"mode\":\"HOLDING\",\"caf\u00e9\":\"\u20ac\"}");
            flush(j);
            smallWritten = readAll(j);
        }
        Path segment = segmentFiles(small).get(0);
        byte[] original = Files.readAllBytes(segment);
        for (int cut = 0; cut <= original.length; cut++) {
            Path dir = work.resolve("small-" + cut);
            copyJournal(small, dir);
            Path last = lastSegment(dir);
            byte[] damaged = Arrays.copyOf(original, cut);
            Files.write(last, damaged);
            checkReopened(dir, smallWritten, original, damaged, true, "cut at byte " + cut);
            deleteTree(dir);
        }
    }

    /**
     * Reopens {@code dir}, whose last segment went from {@code original} to {@code damaged}, and checks
     * what survives against the documented layout: the records of {@code allWritten} that end before the
     * first damaged byte, then this open's record, then a new append.
     */
    private static void checkReopened(Path dir, List<JournalRecord> allWritten, byte[] original, byte[] damaged,
            boolean onlyCut, String what) throws Exception {
        long firstSeqInLast = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getLong(16);
        List<JournalRecord> inLast = allWritten.subList((int) firstSeqInLast - 1, allWritten.size());
        long[] ends = endOffsets(inLast);
        assertEquals(original.length, ends[ends.length - 1], what + ": documented layout");
        int firstChanged = firstDifference(original, damaged);
        int whole = 0;
        while (firstChanged >= HEADER_BYTES && whole < ends.length && ends[whole] <= firstChanged) {
            whole++;
        }
        long lastWholeSeq = firstSeqInLast - 1 + whole;
        try (Journal j = JournalTestSupport.openUnforced(dir, new JournalTestSupport.Clocks())) {
            assertEquals(1, j.stats().firstSeq(), what);
            // Older segments were not touched: read from the record before the last segment on.
            long from = Math.max(1, firstSeqInLast - 1);
            List<JournalRecord> read = j.read(from, Long.MAX_VALUE);
            List<JournalRecord> damage = read.stream().filter(r -> r.kind().equals(Journal.DAMAGE_KIND)).toList();
            List<JournalRecord> all = read.stream().filter(r -> !r.kind().equals(Journal.DAMAGE_KIND)).toList();
            int kept = (int) (lastWholeSeq - from + 1);
            assertEquals(kept + 1, all.size(), what + ": every whole record and the open record");
            if (lastWholeSeq < firstSeqInLast - 1 + inLast.size()) {
                // a cut between two records leaves no damaged byte in the journal itself; the safety set's copies
                // of the records lost then are what is cut
                assertTrue(damage.stream().anyMatch(d -> d.body().contains("\"action\":\"cut\"")
                        || d.body().contains("\"action\":\"deleted\"")), what + ": what was cut is journalled: " + damage);
            }
            assertEquals(allWritten.subList((int) from - 1, (int) lastWholeSeq), all.subList(0, kept), what);
            JournalRecord opened = all.get(all.size() - 1);
            assertEquals(Journal.OPEN_KIND, opened.kind(), what);
            assertEquals(lastWholeSeq + 1, opened.seq(), what);
            if (onlyCut) {
                boolean atBoundary = damaged.length == original.length || damaged.length == HEADER_BYTES
                        || Arrays.stream(ends).anyMatch(e -> e == damaged.length);
                assertEquals(atBoundary ? 0 : 1, j.stats().corruptTailsTruncated(), what);
            }
            String body = "{\"after\":\"" + what + "\"}";
            long next = j.append("trip", body);
            assertEquals(lastWholeSeq + 2 + damage.size(), next, what + ": appending goes on with the next seq");
            flush(j);
            assertEquals(body, j.readFrom(next, 1).get(0).body(), what);
        }
    }

    private static Path lastSegment(Path dir) {
        List<Path> segments = segmentFiles(dir);
        return segments.get(segments.size() - 1);
    }

    private static byte[] garbageFrom(byte[] original, int at, Random r) {
        byte[] garbage = new byte[1 + r.nextInt(original.length - at + 200)];
        r.nextBytes(garbage);
        byte[] out = Arrays.copyOf(original, at + garbage.length);
        System.arraycopy(garbage, 0, out, at, garbage.length);
        return out;
    }

    private static byte[] flipBit(byte[] original, long from, long to, Random r) {
        byte[] out = original.clone();
        int bit = (int) (from * 8 + r.nextInt((int) (to - from) * 8));
        out[bit / 8] ^= (byte) (1 << (bit % 8));
        return out;
    }

    /** The first offset where the two differ, or the shorter length when one is a prefix of the other. */
    private static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return n;
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
