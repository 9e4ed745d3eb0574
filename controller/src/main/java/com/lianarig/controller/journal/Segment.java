package com.lianarig.controller.journal;

import java.nio.file.Path;

/**
 * One segment file as last known: immutable; a new instance replaces it when the current segment grows.
 *
 * @param index the index in its name, at least 1
 * @param path the file
 * @param firstSeq the seq of its first record from its header; 0 when the header is unreadable (the
 *     segment then holds no readable record)
 * @param sizeBytes its size: the whole file when closed, the forced part for the current segment
 */
record Segment(long index, Path path, long firstSeq, long sizeBytes) {

    boolean readable() {
        return firstSeq > 0;
    }

    Segment withSize(long newSizeBytes) {
        return new Segment(index, path, firstSeq, newSizeBytes);
    }
}
