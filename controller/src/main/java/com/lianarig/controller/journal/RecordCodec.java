package com.lianarig.controller.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Encodes and decodes one record (docs/journal.md, "Record"). Every field is little-endian.
 *
 * <pre>
 *  offset 0    1    2    3    4 ...... 11  12 ..... 19  20 ..... 27  28 .. 31  32   33   34
 *       +----+----+---------+------------+-------------+-------------+---------+----+---------+
 *       | F7 | 4A |   LEN   |    seq     | wallTimeMs  |  monoNanos  | session |  K |    B    |
 *       +----+----+---------+------------+-------------+-------------+---------+----+---------+
 *         35 ... 35+K-1   35+K ... 35+K+B-1   35+K+B ... 35+K+B+3
 *       +---------------+-------------------+-------------------+
 *       | kind (ASCII)  |   body (UTF-8)    |  CRC-32C          |
 *       +---------------+-------------------+-------------------+
 *        CRC-32C covers bytes 0 .. 34+K+B; LEN = 39 + K + B
 * </pre>
 *
 * <p>The magic's first byte, 0xF7, never occurs in UTF-8 text or in a kind. Decoding checks, in order:
 * magic, LEN within {@value #MIN_LENGTH_BYTES}..{@value #MAX_LENGTH_BYTES}, all LEN bytes present,
 * LEN = 39 + K + B, the CRC, then every field as {@link JournalRecord} does (body strict UTF-8).
 *
 * <p>Not thread-safe (it reuses a CRC and a decoder): one instance per owner thread.
 */
final class RecordCodec {
    static final int FIXED_BYTES = 39;
    static final int MIN_LENGTH_BYTES = FIXED_BYTES + 1;
    static final int MAX_LENGTH_BYTES = FIXED_BYTES + JournalRecord.MAX_KIND_CHARS + JournalRecord.MAX_BODY_BYTES;
    static final byte MAGIC_0 = (byte) 0xF7;
    static final byte MAGIC_1 = (byte) 0x4A;
    private static final int KIND_OFFSET = 35;

    /** Why bytes are not a record. */
    enum Problem {
        /** Fewer bytes than the record needs: a torn tail at the end of a file. */
        INCOMPLETE,
        BAD_MAGIC,
        BAD_LENGTH,
        BAD_CRC,
        BAD_FIELD
    }

    /** A decoded record and its length, or the problem that stopped decoding. */
    record Decoded(JournalRecord record, int lengthBytes, Problem problem, String detail) {
        boolean ok() {
            return record != null;
        }
    }

    private final CRC32C crc = new CRC32C();
    private final CharsetDecoder utf8 = Utf8.strictDecoder();

    /** A record's encoded length, bytes. */
    static int lengthOf(JournalRecord r) {
        return FIXED_BYTES + r.kind().length() + Utf8.encodedLength(r.body());
    }

    /**
     * Writes {@code r} at {@code dst}'s position (which advances), in {@code dst}'s backing array.
     *
     * @throws java.nio.BufferOverflowException when it does not fit
     */
    void encode(JournalRecord r, ByteBuffer dst) {
        byte[] kind = r.kind().getBytes(StandardCharsets.US_ASCII);
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        int length = FIXED_BYTES + kind.length + body.length;
        ByteBuffer b = dst.order(ByteOrder.LITTLE_ENDIAN);
        int start = b.position();
        if (b.remaining() < length) {
            throw new java.nio.BufferOverflowException();
        }
        b.put(MAGIC_0).put(MAGIC_1).putShort((short) length);
        b.putLong(r.seq()).putLong(r.wallTimeMs()).putLong(r.monoNanos()).putInt(r.session());
        b.put((byte) kind.length).putShort((short) body.length).put(kind).put(body);
        crc.reset();
        crc.update(b.array(), b.arrayOffset() + start, length - 4);
        b.putInt((int) crc.getValue());
    }

    /**
     * Decodes the record at {@code src}'s position, reading at most up to its limit. Consumes nothing.
     */
    Decoded decode(ByteBuffer src) {
        ByteBuffer b = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int start = b.position();
        int available = b.remaining();
        if (available < 1) {
            return problem(Problem.INCOMPLETE, "no bytes");
        }
        if (b.get(start) != MAGIC_0 || (available >= 2 && b.get(start + 1) != MAGIC_1)) {
            return problem(Problem.BAD_MAGIC, "no record magic");
        }
        if (available < 4) {
            return problem(Problem.INCOMPLETE, available + " bytes of a record");
        }
        int length = Short.toUnsignedInt(b.getShort(start + 2));
        if (length < MIN_LENGTH_BYTES || length > MAX_LENGTH_BYTES) {
            return problem(Problem.BAD_LENGTH, "length " + length + " outside " + MIN_LENGTH_BYTES + ".."
                    + MAX_LENGTH_BYTES);
        }
        if (available < length) {
            return problem(Problem.INCOMPLETE, available + " of " + length + " bytes");
        }
        int kindChars = Byte.toUnsignedInt(b.get(start + 32));
        int bodyBytes = Short.toUnsignedInt(b.getShort(start + 33));
        if (FIXED_BYTES + kindChars + bodyBytes != length) {
            return problem(Problem.BAD_LENGTH, "length " + length + " but kind " + kindChars + " and body "
                    + bodyBytes + " bytes");
        }
        crc.reset();
        byte[] array = b.array();
        crc.update(array, b.arrayOffset() + start, length - 4);
        if ((int) crc.getValue() != b.getInt(start + length - 4)) {
            return problem(Problem.BAD_CRC, "CRC mismatch");
        }
        for (int i = 0; i < kindChars; i++) {
            if (!JournalRecord.isKindChar(b.get(start + KIND_OFFSET + i))) {
                return problem(Problem.BAD_FIELD, "kind byte " + i + " not allowed");
            }
        }
        String kind = new String(array, b.arrayOffset() + start + KIND_OFFSET, kindChars, StandardCharsets.US_ASCII);
        String body = Utf8.decodeOrNull(utf8, ByteBuffer.wrap(array, b.arrayOffset() + start + KIND_OFFSET + kindChars, bodyBytes));
        if (body == null) {
            return problem(Problem.BAD_FIELD, "body is not UTF-8");
        }
        try {
            JournalRecord r = new JournalRecord(b.getLong(start + 4), b.getLong(start + 12), b.getLong(start + 20),
                    b.getInt(start + 28), kind, body);
            return new Decoded(r, length, null, null);
        } catch (IllegalArgumentException e) {
            return problem(Problem.BAD_FIELD, e.getMessage());
        }
    }

    private static Decoded problem(Problem p, String detail) {
        return new Decoded(null, 0, p, detail);
    }
}
