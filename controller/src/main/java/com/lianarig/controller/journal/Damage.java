package com.lianarig.controller.journal;

import java.nio.file.Path;

/**
 * Damaged bytes found in a segment: what they were, what recovery or reading did about them, and
 * where a copy was kept aside. Each one is journalled as a {@code journal.damage} record, so nothing
 * is lost silently. Immutable.
 *
 * @param action what was done
 * @param segment the segment file
 * @param fromByte where the damage starts in it
 * @param toByte where it ends (the next good record, the end of the file, or 32 for a header)
 * @param afterSeq the last good seq before the damage (0 when none)
 * @param nextSeq the first good seq after it (0 when none follows in that segment)
 * @param seqsLost seqs that cannot be read because of it (-1 when unknown: in the safety set, whose
 *     seqs have gaps)
 * @param why what was wrong where the damage starts
 * @param quarantine the file holding a copy of the damaged bytes, or null when none could be kept
 *     (the reason is in {@code quarantineProblem})
 * @param quarantineProblem why no copy was kept, or null
 * @param known the copy was made before (by an earlier open or read), so this damage was journalled then
 */
record Damage(Action action, Path segment, long fromByte, long toByte, long afterSeq, long nextSeq, long seqsLost,
        String why, Path quarantine, String quarantineProblem, boolean known) {

    /** What was done about damaged bytes. */
    enum Action {
        /** Skipped: reading resynchronised on the next good record after them. */
        SKIPPED("skipped"),
        /** Cut: the end of the journal's last segment held no good record after them (a torn or damaged tail). */
        CUT("cut"),
        /** The rest of an older segment held no good record after them: those seqs cannot be read. */
        UNREADABLE_TO_END("unreadable-to-end"),
        /** A damaged segment header, rebuilt from the segment's file name and its first good record. */
        HEADER_REBUILT("header-rebuilt"),
        /** A damaged segment header with no good record after it: the segment holds nothing readable. */
        HEADER_UNREADABLE("header-unreadable"),
        /** The journal's last segment held nothing readable (a torn or damaged header, no record): deleted. */
        DELETED("deleted");

        private final String word;

        Action(String word) {
            this.word = word;
        }

        String word() {
            return word;
        }
    }

    long bytes() {
        return toByte - fromByte;
    }

    /** The {@code journal.damage} record's body: compact JSON. */
    String body(String set) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"set\":\"").append(set).append("\",\"action\":\"").append(action.word())
                .append("\",\"file\":\"").append(json(segment.getFileName().toString()))
                .append("\",\"fromByte\":").append(fromByte).append(",\"toByte\":").append(toByte)
                .append(",\"bytes\":").append(bytes()).append(",\"afterSeq\":").append(afterSeq)
                .append(",\"nextSeq\":").append(nextSeq).append(",\"seqsLost\":").append(seqsLost)
                .append(",\"why\":\"").append(json(why.length() > 200 ? why.substring(0, 200) + "..." : why)).append("\",\"quarantine\":");
        if (quarantine == null) {
            b.append("null,\"quarantineProblem\":\"").append(json(String.valueOf(quarantineProblem))).append('"');
        } else {
            b.append('"').append(json(quarantine.getFileName().toString())).append('"');
        }
        return b.append('}').toString();
    }

    /** For the log: one line. */
    String describe() {
        return segment.getFileName() + " bytes " + fromByte + ".." + toByte + " (" + bytes() + " bytes, " + why + "): "
                + action.word() + (seqsLost > 0 ? ", " + seqsLost + " seq(s) lost" : "")
                + (quarantine != null ? ", kept in " + quarantine.getFileName() : ", not kept: " + quarantineProblem);
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
