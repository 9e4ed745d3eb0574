package com.lianarig.controller.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Keeps a copy of damaged journal bytes aside before anything skips or cuts them (R-6: nothing lost
 * silently): {@code <segment file>.damaged-<fromByte>-<toByte>}, next to the segment, created, forced
 * and never changed. The name is the damage's place, so the same damage found again (by a later read
 * or open) is kept once. Bounded: the quarantine files of a journal's directory never add up to more
 * than one segment's size; beyond that a copy is refused and the refusal journalled. Stateless.
 */
final class Quarantine {
    /** What a quarantine file's name has after its segment's name. */
    static final String MARK = ".damaged-";
    private static final int MAX_PROBLEM_CHARS = 200;

    private final JournalFileOps ops;
    private final long maxTotalBytes;

    /** @param maxTotalBytes the bound on every quarantine file of the directory together */
    Quarantine(JournalFileOps ops, long maxTotalBytes) {
        this.ops = ops;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** What keeping found: the copy (earlier: made before, by an earlier read or open), or why there is none. */
    record Kept(Path file, String problem, boolean earlier) {
    }

    static Path fileFor(Path segment, long fromByte, long toByte) {
        return segment.resolveSibling(segment.getFileName() + MARK + fromByte + "-" + toByte);
    }

    static boolean isQuarantine(Path file) {
        return file.getFileName().toString().contains(MARK);
    }

    /** Copies the segment's bytes {@code [fromByte, toByte)} to their quarantine file, unless it exists. */
    Kept keep(Path segment, long fromByte, long toByte) {
        Path q = fileFor(segment, fromByte, toByte);
        try {
            if (ops.exists(q)) {
                return new Kept(q, null, true);
            }
            long total = totalBytes(segment.getParent());
            if (total + (toByte - fromByte) > maxTotalBytes) {
                return new Kept(null, "the quarantine files already hold " + total + " bytes, the bound is "
                        + maxTotalBytes + ": move them away (rig doctor lists them)", false);
            }
            byte[] bytes = new byte[(int) (toByte - fromByte)];
            try (SegmentChannel ch = ops.open(segment, JournalFileOps.Mode.READ)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining() && ch.read(b, fromByte + b.position()) >= 0) {
                    // until full or at the end
                }
            }
            ops.createAndWrite(q, bytes);
            ops.force(q);
            ops.forceDirectory(q.getParent());
            return new Kept(q, null, false);
        } catch (IOException | RuntimeException e) {
            try {
                ops.deleteIfExists(q);
            } catch (IOException suppressed) {
                // a partial copy stays; its bytes are still in the segment
            }
            String why = "could not be kept (" + e + ")";
            return new Kept(null, why.length() > MAX_PROBLEM_CHARS ? why.substring(0, MAX_PROBLEM_CHARS) : why, false);
        }
    }

    private long totalBytes(Path dir) throws IOException {
        long total = 0;
        for (Path p : ops.list(dir)) {
            if (isQuarantine(p)) {
                try (SegmentChannel ch = ops.open(p, JournalFileOps.Mode.READ)) {
                    total += ch.size();
                }
            }
        }
        return total;
    }
}
