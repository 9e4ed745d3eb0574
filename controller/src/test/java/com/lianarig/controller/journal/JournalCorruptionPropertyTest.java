package com.lianarig.controller.journal;

import static com.lianarig.controller.journal.JournalTestSupport.HEADER_BYTES;
import static com.lianarig.controller.journal.JournalTestSupport.copyJournal;
import static com.lianarig.controller.journal.JournalTestSupport.flush;
import static com.lianarig.controller.journal.JournalTestSupport.readAll;
import static com.lianarig.controller.journal.JournalTestSupport.segmentFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random corruption of any segment, header or record never yields a record that was not
 * written: whatever reopening keeps reads back exactly as written, in seq order, and the journal goes
 * on appending. (What damage costs, record by record, is {@link JournalDamageTest}'s.)
 */
class JournalCorruptionPropertyTest {
    @TempDir
    static Path shared;

    private static Path master;
    private static List<JournalRecord> written;

    @TempDir
    Path work;

    @BeforeAll
    static void writeMaster() throws Exception {
        master = shared.resolve("master");
        try (Journal j = JournalTestSupport.openUnforced(master, new JournalTestSupport.Clocks())) {
            JournalTestSupport.appendRandom(j, new Random(99), 1800, 160);
            flush(j);
            written = readAll(j);
        }
        assertTrue(segmentFiles(master).size() >= 3);
    }

    static long[] seeds() {
        return java.util.stream.LongStream.rangeClosed(1, 120).toArray();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomCorruptionNeverYieldsARecordThatWasNotWritten(long seed) throws Exception {
        Random r = new Random(seed);
        Path dir = work.resolve("j");
        copyJournal(master, dir);
        List<Path> segments = segmentFiles(dir);
        int damages = 1 + r.nextInt(6);
        for (int d = 0; d < damages; d++) {
            Path p = segments.get(r.nextInt(segments.size()));
            byte[] b = Files.readAllBytes(p);
            switch (r.nextInt(4)) {
                case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));     // a flipped bit
                case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);           // a replaced byte
                case 2 -> {                                                       // a run of garbage
                    int at = r.nextInt(b.length);
                    byte[] g = new byte[Math.min(b.length - at, 1 + r.nextInt(64))];
                    r.nextBytes(g);
                    System.arraycopy(g, 0, b, at, g.length);
                }
                default -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1)); // cut short
            }
            Files.write(p, b);
        }
        try (Journal j = JournalTestSupport.openUnforced(dir, new JournalTestSupport.Clocks())) {
            List<JournalRecord> all = readAll(j).stream().filter(x -> !x.kind().equals(Journal.DAMAGE_KIND)).toList();
            JournalRecord opened = all.get(all.size() - 1);
            assertEquals(Journal.OPEN_KIND, opened.kind());
            long previous = 0;
            for (JournalRecord rec : all.subList(0, all.size() - 1)) {
                assertTrue(rec.seq() > previous, "seq order");
                previous = rec.seq();
                assertEquals(written.get((int) rec.seq() - 1), rec, "seed " + seed + ": never a record not written");
            }
            assertTrue(opened.seq() > previous);
            long next = j.append("state", "{\"seed\":" + seed + "}");
            assertTrue(next > opened.seq());
            flush(j);
            assertEquals("{\"seed\":" + seed + "}", j.readFrom(next, 1).get(0).body());
        }
    }

    @Test
    void aSegmentFromANewerFormatVersionIsNeverOverwritten() throws Exception {
        Path dir = work.resolve("j");
        copyJournal(master, dir);
        Path last = segmentFiles(dir).get(segmentFiles(dir).size() - 1);
        byte[] b = Files.readAllBytes(last);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putShort(4, (short) 2);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, HEADER_BYTES - 4);
        bb.putInt(HEADER_BYTES - 4, (int) crc.getValue());
        Files.write(last, b);
        JournalFormatException e = assertThrows(JournalFormatException.class,
                () -> JournalTestSupport.openUnforced(dir, new JournalTestSupport.Clocks()));
        assertTrue(e.getMessage().contains("format version 2; this build reads version 1"), e.getMessage());
        assertArrayEquals(b, Files.readAllBytes(last));
        // And the lock was released: after a downgrade is undone the journal opens.
        bb.putShort(4, (short) 1);
        crc.reset();
        crc.update(b, 0, HEADER_BYTES - 4);
        bb.putInt(HEADER_BYTES - 4, (int) crc.getValue());
        Files.write(last, b);
        try (Journal j = JournalTestSupport.openUnforced(dir, new JournalTestSupport.Clocks())) {
            assertEquals(written.size() + 1, j.stats().lastSeq());
        }
    }
}
