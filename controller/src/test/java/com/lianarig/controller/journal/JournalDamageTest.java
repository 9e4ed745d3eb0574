package com.lianarig.controller.journal;

import static com.lianarig.controller.journal.JournalTestSupport.HEADER_BYTES;
import static com.lianarig.controller.journal.JournalTestSupport.endOffsets;
import static com.lianarig.controller.journal.JournalTestSupport.flush;
import static com.lianarig.controller.journal.JournalTestSupport.readAll;
import static com.lianarig.controller.journal.JournalTestSupport.segmentFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R-6 (issue 14): damage never costs the intact records around it. One flipped byte in the middle of the
 * journal's last segment once made recovery cut there and discard the 6.8 kB of intact records after it;
 * one bit in a segment header once deleted the whole segment of 65 records. Now reading resynchronises on
 * the next good record, a damaged header is rebuilt, the damaged bytes are kept aside in a quarantine file,
 * and what was skipped is journalled ({@code journal.damage}).
 */
class JournalDamageTest {
    @TempDir
    Path dir;

    private final JournalTestSupport.Clocks clocks = new JournalTestSupport.Clocks();

    /** A journal of one segment holding {@code n} records after its open record; returns every record. */
    private List<JournalRecord> write(int n, int bodyChars) throws Exception {
        try (Journal j = JournalTestSupport.openUnforced(dir, clocks)) {
            JournalTestSupport.appendRandom(j, new Random(14), n, bodyChars);
            flush(j);
            return readAll(j);
        }
    }

    @Test
    void aFlippedByteInTheMiddleOfTheLastSegmentCostsOnlyTheRecordItHit() throws Exception {
        List<JournalRecord> written = write(200, 80);
        Path segment = segmentFiles(dir).get(0);
        long[] ends = endOffsets(written);
        int victim = 100; // record seq 101
        long start = ends[victim - 1];
        long after = Files.size(segment) - ends[victim];
        assertTrue(after > 6_800, "the intact records after it: " + after + " bytes");
        byte[] original = Files.readAllBytes(segment);
        byte[] damaged = original.clone();
        damaged[(int) start + 30] ^= 0x01; // in the record's session field: its CRC no longer matches
        Files.write(segment, damaged);

        try (Journal j = JournalTestSupport.openUnforced(dir, clocks)) {
            List<JournalRecord> all = readAll(j);
            List<JournalRecord> old = all.stream().filter(r -> r.seq() <= written.size()).toList();
            List<JournalRecord> expected = new ArrayList<>(written);
            expected.remove(victim);
            assertEquals(expected, old, "every intact record, those after the damage included");
            assertEquals(0, j.stats().corruptTailsTruncated(), "nothing cut");
            assertEquals(1, j.stats().damagesFound());

            JournalRecord opened = all.get(written.size() - 1);
            assertEquals(Journal.OPEN_KIND, opened.kind());
            assertTrue(opened.body().contains("\"damaged\":1"), opened.body());
            JournalRecord report = all.get(written.size());
            assertEquals(Journal.DAMAGE_KIND, report.kind());
            String b = report.body();
            assertTrue(b.contains("\"set\":\"journal\",\"action\":\"skipped\",\"file\":\"journal.bin.00000001\""), b);
            assertTrue(b.contains("\"fromByte\":" + start + ",\"toByte\":" + ends[victim]), b);
            assertTrue(b.contains("\"afterSeq\":100,\"nextSeq\":102,\"seqsLost\":1"), b);
            assertTrue(b.contains("BAD_CRC"), b);

            Path kept = dir.resolve("journal.bin.00000001.damaged-" + start + "-" + ends[victim]);
            assertTrue(b.contains("\"quarantine\":\"" + kept.getFileName() + "\""), b);
            assertArrayEquals(Arrays.copyOfRange(damaged, (int) start, (int) ends[victim]), Files.readAllBytes(kept),
                    "the damaged bytes, kept aside as they were");

            long next = j.append("trip", "{\"after\":\"damage\"}");
            flush(j);
            assertEquals("{\"after\":\"damage\"}", j.readFrom(next, 1).get(0).body(), "appending goes on");
        }
        assertEquals(damaged.length, Arrays.mismatch(damaged, Files.readAllBytes(segment)),
                "the segment's bytes are left as they were; new records follow them");
        try (Journal j = JournalTestSupport.openUnforced(dir, clocks)) {
            assertEquals(1, j.stats().damagesFound(), "found again on the next open");
            assertEquals(List.of(written.get(victim + 1)), j.readFrom(victim + 1, 1),
                    "a read from the lost seq starts at the next good one");
        }
    }

    @Test
    void aFlippedBitInTheLastSegmentsHeaderCostsNoRecord() throws Exception {
        List<JournalRecord> written = write(64, 40); // 65 records with the open record
        assertEquals(65, written.size());
        Path segment = segmentFiles(dir).get(0);
        byte[] original = Files.readAllBytes(segment);
        byte[] damaged = original.clone();
        damaged[17] ^= 0x04; // the first seq: the header's CRC no longer matches
        Files.write(segment, damaged);

        try (Journal j = JournalTestSupport.openUnforced(dir, clocks)) {
            List<JournalRecord> all = readAll(j);
            assertEquals(written, all.subList(0, 65), "all 65 records");
            assertEquals(Journal.DAMAGE_KIND, all.get(66).kind());
            String b = all.get(66).body();
            assertTrue(b.contains("\"action\":\"header-rebuilt\",\"file\":\"journal.bin.00000001\",\"fromByte\":0,"
                    + "\"toByte\":32"), b);
            assertTrue(b.contains("header CRC mismatch"), b);
            assertArrayEquals(Arrays.copyOf(damaged, HEADER_BYTES),
                    Files.readAllBytes(dir.resolve("journal.bin.00000001.damaged-0-32")), "the old header kept aside");
        }
        assertArrayEquals(Arrays.copyOf(original, HEADER_BYTES), Arrays.copyOf(Files.readAllBytes(segment), HEADER_BYTES),
                "the header rebuilt exactly as it was written");
    }

    @Test
    void aDamagedHeaderOrRecordInAnOlderSegmentCostsOnlyWhatItHit() throws Exception {
        List<JournalRecord> written;
        try (Journal j = JournalTestSupport.openUnforced(dir, clocks)) {
            JournalTestSupport.appendRandom(j, new Random(15), 2200, 160);
            flush(j);
            written = readAll(j);
        }
        List<Path> segments = segmentFiles(dir);
        assertTrue(segments.size() >= 3, segments.toString());
        // the first segment's header, and the middle of the second segment
        byte[] first = Files.readAllBytes(segments.get(0));
        first[0] ^= 0x20;
        Files.write(segments.get(0), first);
        Path second = segments.get(1);
        long secondFirstSeq = JournalTestSupport.headerFirstSeq(second);
        long[] ends = endOffsets(written.subList((int) secondFirstSeq - 1, written.size()));
        int victim = 40;
        byte[] b = Files.readAllBytes(second);
        b[(int) ends[victim - 1] + 50] = (byte) ~b[(int) ends[victim - 1] + 50];
        Files.write(second, b);
        long lost = secondFirstSeq + victim;

        List<JournalRecord> expected = written.stream().filter(r -> r.seq() != lost).toList();
        JournalReader reader = JournalReader.of(dir.resolve("journal.bin"));
        List<JournalRecord> byTool = new ArrayList<>();
        for (Iterator<JournalRecord> it = reader.records(1); it.hasNext();) {
            byTool.add(it.next());
        }
        assertEquals(expected, byTool, "rig journal reads every intact record");
        assertEquals(2, reader.problems().size(), reader.problems().toString());

        try (Journal j = JournalTestSupport.openUnforced(dir, clocks)) {
            List<JournalRecord> all = readAll(j);
            assertEquals(expected, all.subList(0, expected.size()), "the outbox reads every intact record");
            assertEquals(1, j.stats().corruptRecordsFound(), "one seq lost");
            flush(j);
            List<String> reports = readAll(j).stream().filter(r -> r.kind().equals(Journal.DAMAGE_KIND))
                    .map(JournalRecord::body).toList();
            assertEquals(2, reports.size(), reports.toString());
            assertTrue(reports.get(0).contains("\"action\":\"header-rebuilt\""), reports.toString());
            assertTrue(reports.get(1).contains("\"action\":\"skipped\",\"file\":\"" + second.getFileName() + "\""),
                    reports.toString());
            assertTrue(reports.get(1).contains("\"afterSeq\":" + (lost - 1) + ",\"nextSeq\":" + (lost + 1)),
                    reports.toString());
            readAll(j);
            flush(j);
            assertEquals(2, readAll(j).stream().filter(r -> r.kind().equals(Journal.DAMAGE_KIND)).count(),
                    "journalled once, however often it is read");
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(2, s.filter(Quarantine::isQuarantine).count(), "each damage kept aside once");
        }
    }

    @Test
    void aLengthThatClaimsMoreThanIsLeftIsDamageWhenGoodRecordsFollow() throws Exception {
        List<JournalRecord> written = write(50, 60);
        Path segment = segmentFiles(dir).get(0);
        long[] ends = endOffsets(written);
        byte[] b = Files.readAllBytes(segment);
        ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort((int) ends[9] + 2, (short) 4000);
        Files.write(segment, b);
        try (Journal j = JournalTestSupport.openUnforced(dir, clocks)) {
            List<JournalRecord> all = readAll(j);
            List<JournalRecord> expected = new ArrayList<>(written);
            expected.remove(10);
            assertEquals(expected, all.subList(0, expected.size()));
            assertEquals(0, j.stats().corruptTailsTruncated());
        }
    }

    @Test
    void sessionsNeverGoBackWhateverWasDamaged() throws Exception {
        int before;
        try (Journal j = JournalTestSupport.openUnforced(dir, clocks)) {
            before = j.session();
        }
        for (Path p : segmentFiles(dir)) {
            byte[] b = Files.readAllBytes(p);
            new Random(3).nextBytes(b);
            Files.write(p, b);
        }
        try (Journal j = JournalTestSupport.openUnforced(dir, clocks)) {
            assertTrue(j.session() > before, j.session() + " after " + before);
        }
    }
}
