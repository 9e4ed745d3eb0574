package com.lianarig.controller.journal;

import static com.lianarig.controller.journal.JournalTestSupport.appendRandom;
import static com.lianarig.controller.journal.JournalTestSupport.flush;
import static com.lianarig.controller.journal.JournalTestSupport.open;
import static com.lianarig.controller.journal.JournalTestSupport.readAll;
import static com.lianarig.controller.journal.JournalTestSupport.segmentFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JournalReader}: reading a journal from its files without opening it, beside a running writer. */
class JournalReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryDurableRecordOfAnOpenJournalAcrossSegmentsAndTouchesNoFile() throws Exception {
        JournalTestSupport.Clocks clocks = new JournalTestSupport.Clocks();
        try (Journal j = open(dir, clocks)) {
            appendRandom(j, new Random(7), 4000, 300);
            flush(j);
            assertTrue(segmentFiles(dir).size() >= 3, "several segments: " + segmentFiles(dir));
            Map<String, List<Object>> before = files();
            List<JournalRecord> read = all(JournalReader.of(dir.resolve("journal.bin")), 1);
            assertEquals(readAll(j), read);
            assertEquals(before, files(), "sizes and modification times unchanged");
            assertEquals(read.get(read.size() - 1), JournalReader.of(dir.resolve("journal.bin")).latest().orElseThrow());
            long from = read.get(read.size() / 2).seq();
            assertEquals(j.read(from, Long.MAX_VALUE), all(JournalReader.of(dir.resolve("journal.bin")), from));
            long next = j.append("state", "{}");
            assertTrue(j.awaitDurable(next, JournalTestSupport.WAIT), "the writer goes on");
        }
    }

    @Test
    void aTornLastRecordEndsTheReadingAndIsLeftWhereItIs() throws Exception {
        JournalTestSupport.Clocks clocks = new JournalTestSupport.Clocks();
        List<JournalRecord> written;
        try (Journal j = open(dir, clocks)) {
            appendRandom(j, new Random(8), 50, 100);
            flush(j);
            written = readAll(j);
        }
        Path last = segmentFiles(dir).get(segmentFiles(dir).size() - 1);
        byte[] partial = {(byte) 0xF7, 0x4A, 0x60, 0x00, 1, 2, 3};
        Files.write(last, partial, java.nio.file.StandardOpenOption.APPEND);
        long size = Files.size(last);
        JournalReader reader = JournalReader.of(dir.resolve("journal.bin"));
        assertEquals(written, all(reader, 1));
        assertEquals(size, Files.size(last), "a writer's half-written record is not cut by a reader");
        assertEquals(List.of(), reader.problems(), "a torn end of the last segment is what a live writer leaves");
    }

    @Test
    void aDamagedRecordInAnOlderSegmentIsReportedAndReadingGoesOn() throws Exception {
        JournalTestSupport.Clocks clocks = new JournalTestSupport.Clocks();
        List<JournalRecord> written;
        try (Journal j = open(dir, clocks)) {
            appendRandom(j, new Random(9), 4000, 300);
            flush(j);
            written = readAll(j);
        }
        List<Path> segments = segmentFiles(dir);
        Path first = segments.get(0);
        try (RandomAccessFile f = new RandomAccessFile(first.toFile(), "rw")) {
            long at = Files.size(first) / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x10);
        }
        JournalReader reader = JournalReader.of(dir.resolve("journal.bin"));
        List<JournalRecord> read = all(reader, 1);
        long secondFirstSeq = JournalTestSupport.headerFirstSeq(segments.get(1));
        assertTrue(read.size() < written.size());
        assertEquals(written.subList(written.size() - read.stream().filter(r -> r.seq() >= secondFirstSeq).toList().size(),
                written.size()), read.stream().filter(r -> r.seq() >= secondFirstSeq).toList(), "later segments whole");
        assertEquals(1, reader.problems().size(), reader.problems().toString());
        assertTrue(reader.problems().get(0).contains(first.getFileName().toString()), reader.problems().toString());
    }

    @Test
    void noDirectoryIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> JournalReader.of(dir.resolve("none/journal.bin")).records(1));
    }

    private static List<JournalRecord> all(JournalReader reader, long from) throws Exception {
        List<JournalRecord> out = new ArrayList<>();
        for (Iterator<JournalRecord> it = reader.records(from); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }

    private Map<String, List<Object>> files() throws Exception {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                FileTime t = Files.getLastModifiedTime(p);
                out.put(p.getFileName().toString(), List.of(Files.size(p), t));
            }
        }
        return out;
    }
}
