package com.lianarig.controller.journal;

import com.lianarig.config.store.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The outbox's delivered cursor: the highest seq the MQTT layer has had acknowledged, in the side file
 * {@code <basename>.delivered}, replaced atomically (temp file, force, rename, force the directory), so
 * after a power cut it holds the previous value or the new one.
 *
 * <pre>
 *  offset 0    1    2    3    4    5    6    7    8 ............ 15  16 ...... 19
 *       +----+----+----+----+---------+---------+------------------+------------+
 *       | 'L'| 'J'| 'D'| 'C'| version | reserved| delivered seq    | CRC-32C    |
 *       +----+----+----+----+---------+---------+------------------+------------+
 * </pre>
 *
 * <p>Stateless; the journal's writer thread is the only one that writes it.
 */
final class DeliveredCursor {
    static final int LENGTH_BYTES = 20;
    private static final int MAGIC = 0x43444A4C; // "LJDC" read little-endian
    private static final int VERSION = 1;

    /** What reading found: the seq (0 when missing or unreadable) and, when unreadable, why. */
    record Read(long deliveredSeq, String problem) {
    }

    private DeliveredCursor() {
    }

    static byte[] encode(long deliveredSeq) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putShort((short) VERSION).putShort((short) 0).putLong(deliveredSeq);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, LENGTH_BYTES - 4);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** Decodes the file's bytes; an unreadable file gives seq 0 and the reason. */
    static Read decode(byte[] bytes) {
        if (bytes.length != LENGTH_BYTES) {
            return new Read(0, bytes.length + " bytes, expected " + LENGTH_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, LENGTH_BYTES - 4);
        if (b.getInt(0) != MAGIC) {
            return new Read(0, "no cursor magic");
        }
        if ((int) crc.getValue() != b.getInt(LENGTH_BYTES - 4)) {
            return new Read(0, "CRC mismatch");
        }
        int version = Short.toUnsignedInt(b.getShort(4));
        long seq = b.getLong(8);
        if (version != VERSION || seq < 0) {
            return new Read(0, "version " + version + ", seq " + seq);
        }
        return new Read(seq, null);
    }

    /** Reads the cursor; a missing file is seq 0 with no problem. */
    static Read read(JournalFileOps ops, Path file) throws IOException {
        try {
            return decode(ops.read(file));
        } catch (NoSuchFileException e) {
            return new Read(0, null);
        }
    }

    static void write(AtomicFiles files, Path file, long deliveredSeq) throws IOException {
        files.write(file, encode(deliveredSeq));
    }
}
