package com.lianarig.controller.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The header at the start of every segment file (docs/journal.md, "Segment header").
 *
 * <pre>
 *  offset 0    1    2    3    4    5    6    7    8 ....... 15  16 ....... 23  24 ... 27  28 ... 31
 *       +----+----+----+----+---------+---------+-------------+-------------+----------+----------+
 *       | 'L'| 'J'| 'S'| 'G'| version | hdr len |segment index| first seq   | session  | CRC-32C  |
 *       +----+----+----+----+---------+---------+-------------+-------------+----------+----------+
 *        \-------------------------- covered by the CRC ---------------------------/
 * </pre>
 *
 * @param segmentIndex the segment's index, the same as in its file name, at least 1
 * @param firstSeq the seq its first record has (or will have), at least 1
 * @param session the session that created the segment, at least 1
 */
record SegmentHeader(long segmentIndex, long firstSeq, int session) {
    static final int LENGTH_BYTES = 32;
    static final int FORMAT_VERSION = 1;
    private static final int MAGIC = 0x47534A4C; // "LJSG" read little-endian

    SegmentHeader {
        if (segmentIndex < 1 || firstSeq < 1 || session < 1) {
            throw new IllegalArgumentException("segment index " + segmentIndex + ", first seq " + firstSeq
                    + " and session " + session + " must be at least 1");
        }
    }

    /** The header's bytes. */
    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putShort((short) FORMAT_VERSION).putShort((short) LENGTH_BYTES);
        b.putLong(segmentIndex).putLong(firstSeq).putInt(session);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, LENGTH_BYTES - 4);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** What reading a header found: the header, or why there is none. */
    record Read(SegmentHeader header, String problem, boolean unsupportedVersion) {
        boolean ok() {
            return header != null;
        }
    }

    /**
     * Decodes a header.
     *
     * @param bytes the segment's first bytes; fewer than {@value #LENGTH_BYTES} is a torn header
     * @param expectedIndex the index in the file's name, which the header must repeat
     */
    static Read decode(ByteBuffer bytes, long expectedIndex) {
        ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < LENGTH_BYTES) {
            return problem("header cut short: " + b.remaining() + " of " + LENGTH_BYTES + " bytes");
        }
        int start = b.position();
        if (b.getInt(start) != MAGIC) {
            return problem("no segment magic");
        }
        byte[] head = new byte[LENGTH_BYTES];
        b.get(start, head);
        CRC32C crc = new CRC32C();
        crc.update(head, 0, LENGTH_BYTES - 4);
        if ((int) crc.getValue() != b.getInt(start + LENGTH_BYTES - 4)) {
            return problem("header CRC mismatch");
        }
        int version = Short.toUnsignedInt(b.getShort(start + 4));
        if (version != FORMAT_VERSION) {
            return new Read(null, "format version " + version + "; this build reads version "
                    + FORMAT_VERSION, true);
        }
        int length = Short.toUnsignedInt(b.getShort(start + 6));
        long index = b.getLong(start + 8);
        long firstSeq = b.getLong(start + 16);
        int session = b.getInt(start + 24);
        if (length != LENGTH_BYTES) {
            return problem("header length " + length + ", expected " + LENGTH_BYTES);
        }
        if (index != expectedIndex) {
            return problem("header says segment " + index + ", file name says " + expectedIndex);
        }
        if (firstSeq < 1 || session < 1) {
            return problem("first seq " + firstSeq + ", session " + session);
        }
        return new Read(new SegmentHeader(index, firstSeq, session), null, false);
    }

    private static Read problem(String why) {
        return new Read(null, why, false);
    }
}
