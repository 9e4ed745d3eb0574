package com.lianarig.controller.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** An open segment file, positional reads and writes only. One owner thread per instance. */
interface SegmentChannel extends Closeable {

    /** The file's size, bytes. */
    long size() throws IOException;

    /** Reads into {@code dst} from {@code position}; returns the bytes read, -1 at the end. */
    int read(ByteBuffer dst, long position) throws IOException;

    /** Writes all of {@code src} at {@code position}. */
    void write(ByteBuffer src, long position) throws IOException;

    /** Forces the content to storage ({@code FileChannel.force(false)}: fdatasync, which keeps the size). */
    void force() throws IOException;

    /** Cuts the file to {@code sizeBytes}. */
    void truncate(long sizeBytes) throws IOException;
}
