package com.lianarig.controller.journal;

import static com.lianarig.controller.journal.JournalTestSupport.ONE_MIB;
import static com.lianarig.controller.journal.JournalTestSupport.flush;
import static com.lianarig.controller.journal.JournalTestSupport.segmentFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence nobody can erase (issue 20): a flood of 16,000 refused messages once rotated a session's
 * whole history out of a 1 MiB journal. Every record but bus noise is also copied into a small safety
 * set of its own, which noise never enters: however much noise is written, the safety records of the
 * last sessions stay readable, by the journal (and its outbox) and by tools.
 */
class JournalSafetySetTest {
    @TempDir
    Path dir;

    private final JournalTestSupport.Clocks clocks = new JournalTestSupport.Clocks();

    private static String noise(int i) {
        return "{\"sender\":\"intruder-" + i + "\",\"noise\":\"ignored\",\"count\":1,\"example\":\""
                + "x".repeat(150) + "\"}";
    }

    /** Three sessions of safety records, then a flood of noise far bigger than the journal. */
    @Test
    void aFloodOfNoiseNeverRotatesTheSafetyRecordsOfTheLastSessionsOut() throws Exception {
        List<Long> safety = new ArrayList<>();
        for (int session = 0; session < 3; session++) {
            try (Journal j = JournalTestSupport.open(dir, clocks)) {
                for (int i = 0; i < 20; i++) {
                    safety.add(j.append(i % 2 == 0 ? "fault" : "command", "{\"session\":" + session + ",\"i\":" + i + "}"));
                }
                flush(j);
            }
        }
        long noiseRecords = 0;
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            safety.add(j.append("stop", "{\"why\":\"STOP from trainer-tablet\"}"));
            for (int i = 0; i < 16_000; i++) {
                if (j.append("mqtt.noise", noise(i)) > 0) {
                    noiseRecords++;
                }
                if (i % 1_000 == 999) {
                    flush(j);
                }
            }
            flush(j);
            JournalStats s = j.stats();
            assertTrue(s.firstSeq() > safety.get(safety.size() - 1), "the noise rotated every safety record out of "
                    + "the journal's own segments: first seq " + s.firstSeq());
            assertTrue(s.safetyBytes() <= JournalSettings.safetyBytes(ONE_MIB), "the safety set keeps its bound");
            List<Long> read = new ArrayList<>();
            for (JournalRecord r : j.read(1, Long.MAX_VALUE)) {
                if (!Journal.isNoise(r.kind())) {
                    read.add(r.seq());
                }
            }
            assertTrue(read.containsAll(safety), "every safety record of the last sessions is still read: " + read);
            assertEquals(1, j.firstUndelivered(), "the outbox still has the first record to publish: as a copy");
            assertTrue(j.readFrom(1, 5).stream().allMatch(r -> r.seq() < s.firstSeq()), "read from the safety set");
        }
        // a tool beside the service reads the same
        List<Long> seen = new ArrayList<>();
        for (Iterator<JournalRecord> it = JournalReader.of(dir.resolve("journal.bin")).records(1); it.hasNext();) {
            JournalRecord r = it.next();
            if (!Journal.isNoise(r.kind())) {
                seen.add(r.seq());
            }
        }
        assertTrue(seen.containsAll(safety), "rig journal sees them too: " + seen);
        assertTrue(noiseRecords == 16_000);
    }

    @Test
    void noiseIsNeverCopied() throws Exception {
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            for (int i = 0; i < 2_000; i++) {
                j.append("mqtt.noise", noise(i));
            }
            flush(j);
            assertEquals(1, safetyRecords().size(), "only the open record: " + safetyRecords());
        }
    }

    /** A copy never holds a seq the journal does not: copies above a damaged tail are cut with it. */
    @Test
    void copiesAboveTheJournalsDamagedTailAreCutSoSeqsStayUnique() throws Exception {
        long last;
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            for (int i = 0; i < 50; i++) {
                j.append("fault", "{\"i\":" + i + "}");
            }
            flush(j);
            last = j.stats().lastSeq();
        }
        Path segment = segmentFiles(dir).get(0);
        byte[] b = Files.readAllBytes(segment);
        Files.write(segment, java.util.Arrays.copyOf(b, b.length - 300)); // the journal's tail damaged
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            long kept = j.stats().lastSeq() - 1; // (the open record is the last)
            assertTrue(kept < last, "the tail was cut");
            assertTrue(j.stats().safetyCopiesCut() > 0);
            long next = j.append("trip", "{}");
            flush(j);
            List<Long> seqs = new ArrayList<>();
            for (JournalRecord r : safetyRecords()) {
                seqs.add(r.seq());
            }
            assertEquals(seqs.stream().distinct().count(), seqs.size(), "unique seqs in the safety set: " + seqs);
            assertTrue(seqs.contains(next), "the new record copied with its new seq");
        }
    }

    /** A power cut while copying: the safety set's own torn tail is cut on open, the copies before it kept. */
    @Test
    void aTornSafetySetTailIsCutAndTheRestKept() throws Exception {
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            for (int i = 0; i < 30; i++) {
                j.append("fault", "{\"i\":" + i + "}");
            }
            flush(j);
        }
        Path safetySegment = safetySegments().get(0);
        byte[] b = Files.readAllBytes(safetySegment);
        Files.write(safetySegment, java.util.Arrays.copyOf(b, b.length - 7));
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            List<JournalRecord> copies = safetyRecords();
            assertEquals(32, copies.size(),
                    "the first open record, 29 faults (the torn 30th cut), this open's record, the cut journalled");
            assertEquals("{\"i\":28}", copies.get(29).body());
            assertEquals(Journal.DAMAGE_KIND, copies.get(31).kind());
            assertTrue(copies.get(31).body().contains("\"set\":\"safety\",\"action\":\"cut\""), copies.get(31).body());
            j.append("fault", "{\"after\":true}");
            flush(j);
            assertEquals("{\"after\":true}", safetyRecords().get(safetyRecords().size() - 1).body());
        }
    }

    /** The safety set's records, read straight from its files (sparse seqs). */
    private List<JournalRecord> safetyRecords() throws Exception {
        List<JournalRecord> out = new ArrayList<>();
        for (Path p : safetySegments()) {
            try (SegmentChannel ch = new NioJournalFileOps().open(p, JournalFileOps.Mode.READ)) {
                SegmentReader r = new SegmentReader(ch, SegmentHeader.LENGTH_BYTES, ch.size(),
                        JournalTestSupport.headerFirstSeq(p), Long.MAX_VALUE, true);
                for (JournalRecord rec = r.next(); rec != null; rec = r.next()) {
                    out.add(rec);
                }
            }
        }
        return out;
    }

    private List<Path> safetySegments() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("journal\\.bin\\.safety\\.\\d{8,}")).sorted().toList();
        }
    }
}
