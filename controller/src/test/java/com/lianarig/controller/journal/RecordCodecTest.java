package com.lianarig.controller.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * The record, segment header and cursor layouts of docs/journal.md, byte for byte (the CRCs were
 * computed outside Java), and the decoder's rejection of every kind of bad record.
 */
class RecordCodecTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    /** Record seq 2, trip, body {"sr":1}: the example of docs/journal.md. */
    private static final byte[] TRIP = HEX.parseHex(String.join(" ",
            "F7 4A",                    // magic
            "33 00",                    // LEN = 51 = 39 + 4 + 8
            "02 00 00 00 00 00 00 00",  // seq 2
            "00 68 E5 CF 8B 01 00 00",  // wallTimeMs 1,700,000,000,000
            "00 F2 05 2A 01 00 00 00",  // monoNanos 5,000,000,000
            "01 00 00 00",              // session 1
            "04",                       // K = 4
            "08 00",                    // B = 8
            "74 72 69 70",              // "trip"
            "7B 22 73 72 22 3A 31 7D",  // {"sr":1}
            "3E 40 79 6F"));            // CRC-32C of bytes 0..46

    private static final JournalRecord TRIP_RECORD =
            new JournalRecord(2, 1_700_000_000_000L, 5_000_000_000L, 1, "trip", "{\"sr\":1}");

    private final RecordCodec codec = new RecordCodec();

    private static ByteBuffer buffer(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Rewrites a record's CRC so that only the field under test is wrong. */
    private static byte[] withFixedCrc(byte[] record) {
        byte[] b = record.clone();
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        buffer(b).putInt(b.length - 4, (int) crc.getValue());
        return b;
    }

    @Test
    void aRecordEncodesToTheDocumentedBytes() {
        ByteBuffer out = ByteBuffer.allocate(100);
        codec.encode(TRIP_RECORD, out);
        assertArrayEquals(TRIP, Arrays.copyOf(out.array(), out.position()));
        assertEquals(TRIP.length, RecordCodec.lengthOf(TRIP_RECORD));
    }

    @Test
    void theDocumentedBytesDecodeToTheRecord() {
        RecordCodec.Decoded d = codec.decode(buffer(TRIP));
        assertEquals(TRIP_RECORD, d.record());
        assertEquals(51, d.lengthBytes());
    }

    @Test
    void theSegmentHeaderAndTheCursorHaveTheDocumentedBytes() {
        byte[] header = HEX.parseHex(String.join(" ",
                "4C 4A 53 47",              // "LJSG"
                "01 00",                    // format version 1
                "20 00",                    // header length 32
                "01 00 00 00 00 00 00 00",  // segment index 1
                "01 00 00 00 00 00 00 00",  // first seq 1
                "01 00 00 00",              // session 1
                "F3 8A 82 A6"));            // CRC-32C of bytes 0..27
        assertArrayEquals(header, new SegmentHeader(1, 1, 1).encode());
        assertEquals(new SegmentHeader(1, 1, 1), SegmentHeader.decode(buffer(header), 1).header());
        assertFalse(SegmentHeader.decode(buffer(header), 2).ok(), "the name's index must match");
        byte[] cursor = HEX.parseHex(String.join(" ",
                "4C 4A 44 43",              // "LJDC"
                "01 00",                    // version 1
                "00 00",                    // reserved
                "29 00 00 00 00 00 00 00",  // delivered seq 41
                "51 99 42 4D"));            // CRC-32C of bytes 0..15
        assertArrayEquals(cursor, DeliveredCursor.encode(41));
        assertEquals(new DeliveredCursor.Read(41, null), DeliveredCursor.decode(cursor));
    }

    @Test
    void aRecordCutShortAnywhereIsIncompleteAndNothingMore() {
        for (int n = 0; n < TRIP.length; n++) {
            RecordCodec.Decoded d = codec.decode(buffer(Arrays.copyOf(TRIP, n)));
            assertNull(d.record(), "cut at " + n);
            assertEquals(RecordCodec.Problem.INCOMPLETE, d.problem(), "cut at " + n);
        }
    }

    @Test
    void everySingleBitFlipIsRejected() {
        for (int bit = 0; bit < TRIP.length * 8; bit++) {
            byte[] b = TRIP.clone();
            b[bit / 8] ^= (byte) (1 << (bit % 8));
            RecordCodec.Decoded d = codec.decode(buffer(b));
            assertFalse(d.ok(), "bit " + bit);
        }
    }

    @Test
    void badMagicLengthCrcAndFieldsAreNamed() {
        byte[] magic = TRIP.clone();
        magic[1] = 0x4B;
        assertEquals(RecordCodec.Problem.BAD_MAGIC, codec.decode(buffer(magic)).problem());

        byte[] tooLong = TRIP.clone();
        buffer(tooLong).putShort(2, (short) (RecordCodec.MAX_LENGTH_BYTES + 1));
        assertEquals(RecordCodec.Problem.BAD_LENGTH, codec.decode(buffer(tooLong)).problem());

        byte[] inconsistent = TRIP.clone();
        inconsistent[32] = 5; // K = 5, but LEN says 4 + 8
        assertEquals(RecordCodec.Problem.BAD_LENGTH, codec.decode(buffer(inconsistent)).problem());

        byte[] crc = TRIP.clone();
        crc[50] ^= 1;
        assertEquals(RecordCodec.Problem.BAD_CRC, codec.decode(buffer(crc)).problem());

        byte[] upperKind = TRIP.clone();
        upperKind[35] = 'T';
        RecordCodec.Decoded k = codec.decode(buffer(withFixedCrc(upperKind)));
        assertEquals(RecordCodec.Problem.BAD_FIELD, k.problem());

        byte[] notUtf8 = TRIP.clone();
        notUtf8[40] = (byte) 0xC0; // an overlong lead byte: never UTF-8
        RecordCodec.Decoded u = codec.decode(buffer(withFixedCrc(notUtf8)));
        assertEquals(RecordCodec.Problem.BAD_FIELD, u.problem());
        assertEquals("body is not UTF-8", u.detail());

        byte[] seqZero = TRIP.clone();
        buffer(seqZero).putLong(4, 0);
        RecordCodec.Decoded z = codec.decode(buffer(withFixedCrc(seqZero)));
        assertEquals(RecordCodec.Problem.BAD_FIELD, z.problem());
        assertTrue(z.detail().contains("seq"), z.detail());
    }

    @Test
    void randomRecordsRoundTrip() {
        Random r = new Random(11);
        ByteBuffer out = ByteBuffer.allocate(RecordCodec.MAX_LENGTH_BYTES);
        for (int i = 0; i < 2000; i++) {
            String body = JournalTestSupport.body(r, r.nextInt(1200));
            JournalRecord rec = new JournalRecord(1 + r.nextInt(Integer.MAX_VALUE), r.nextLong(), r.nextLong(),
                    1 + r.nextInt(Integer.MAX_VALUE), JournalTestSupport.kind(r), body);
            out.clear();
            codec.encode(rec, out);
            assertEquals(RecordCodec.lengthOf(rec), out.position());
            assertEquals(JournalTestSupport.recordBytes(rec), out.position());
            out.flip();
            assertEquals(rec, codec.decode(out).record());
        }
    }

    @Test
    void theLongestRecordFitsItsLengthField() {
        String body = "\u20ac".repeat(1365) + "a"; // 4096 bytes in UTF-8
        JournalRecord rec = new JournalRecord(1, 0, 0, 1, "k".repeat(32), body);
        ByteBuffer out = ByteBuffer.allocate(RecordCodec.MAX_LENGTH_BYTES);
        codec.encode(rec, out);
        assertEquals(RecordCodec.MAX_LENGTH_BYTES, out.position());
        out.flip();
        assertEquals(rec, codec.decode(out).record());
    }
}
