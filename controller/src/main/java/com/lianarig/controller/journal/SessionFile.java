package com.lianarig.controller.journal;

import com.lianarig.config.store.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The last session number the journal handed out, in the side file {@code <basename>.session}, kept
 * apart from the segments and replaced atomically (temp file, force, rename, force the directory) at
 * every open before the session is used. So session numbers only go up: a journal that lost its last
 * segment (or all of them) still knows the number it reached, and a command addressed to an old
 * session can never match a new one (issue 20; R-6).
 *
 * <pre>
 *  offset 0    1    2    3    4    5    6    7    8 ............ 15  16 ...... 19
 *       +----+----+----+----+---------+---------+------------------+------------+
 *       | 'L'| 'J'| 'S'| 'N'| version | reserved| last session     | CRC-32C    |
 *       +----+----+----+----+---------+---------+------------------+------------+
 * </pre>
 *
 * <p>Stateless; written only by the thread that opens the journal.
 */
final class SessionFile {
    static final int LENGTH_BYTES = 20;
    private static final int MAGIC = 0x4E534A4C; // "LJSN" read little-endian
    private static final int VERSION = 1;

    /** What reading found: the session (0 when missing or unreadable) and, when unreadable, why. */
    record Read(long lastSession, String problem) {
    }

    private SessionFile() {
    }

    static byte[] encode(long lastSession) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putShort((short) VERSION).putShort((short) 0).putLong(lastSession);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, LENGTH_BYTES - 4);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** Decodes the file's bytes; an unreadable file gives 0 and the reason. */
    static Read decode(byte[] bytes) {
        if (bytes.length != LENGTH_BYTES) {
            return new Read(0, bytes.length + " bytes, expected " + LENGTH_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != MAGIC) {
            return new Read(0, "no session-file magic");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, LENGTH_BYTES - 4);
        if ((int) crc.getValue() != b.getInt(LENGTH_BYTES - 4)) {
            return new Read(0, "CRC mismatch");
        }
        int version = Short.toUnsignedInt(b.getShort(4));
        long session = b.getLong(8);
        if (version != VERSION || session < 0 || session > Integer.MAX_VALUE) {
            return new Read(0, "version " + version + ", session " + session);
        }
        return new Read(session, null);
    }

    /** Reads the file; a missing one is 0 with no problem (a journal from before the file existed, or a new one). */
    static Read read(JournalFileOps ops, Path file) throws IOException {
        try {
            return decode(ops.read(file));
        } catch (NoSuchFileException e) {
            return new Read(0, null);
        }
    }

    static void write(AtomicFiles files, Path file, long session) throws IOException {
        files.write(file, encode(session));
    }
}
