package com.lianarig.tools.conformance;

/**
 * The outcome of one check: PASS, FAIL or SKIP, what was measured and the limit it was held to (both
 * as printed, with their units), and a note saying why it failed or was skipped.
 */
public record Verdict(Status status, String measured, String limit, String note) {

    /** A check's outcome. */
    public enum Status {
        PASS, FAIL, SKIP
    }

    public Verdict {
        measured = measured == null ? "" : measured;
        limit = limit == null ? "" : limit;
        note = note == null ? "" : note;
    }

    static Verdict pass(String measured, String limit) {
        return new Verdict(Status.PASS, measured, limit, "");
    }

    static Verdict fail(String measured, String limit, String note) {
        return new Verdict(Status.FAIL, measured, limit, note);
    }

    static Verdict skip(String note) {
        return new Verdict(Status.SKIP, "", "", note);
    }

    /** The same verdict with {@code extra} added to its note. */
    Verdict withNote(String extra) {
        return new Verdict(status, measured, limit, note.isEmpty() ? extra : note + "; " + extra);
    }

    /** PASS when {@code ok}, else FAIL with {@code note}. */
    static Verdict of(boolean ok, String measured, String limit, String note) {
        return ok ? pass(measured, limit) : fail(measured, limit, note);
    }
}
