package com.lianarig.tools.commission;

/**
 * One line of the summary: a check on one winch or rope, what came of it, and the fix.
 *
 * @param check "direction" or "channel"
 * @param subject the winch's or rope's id
 * @param outcome what came of it
 * @param verdict the short verdict shown in the table, e.g. "OK", "ENCODER INVERTED"
 * @param detail what was measured, in words
 * @param fix what to change, or "" when nothing is to be changed
 */
record CheckResult(String check, String subject, Outcome outcome, String verdict, String detail, String fix) {

    /** What came of a check. */
    enum Outcome {
        /** Passed. */
        OK,
        /** Done, and something is wrong: the fix says what. */
        FAILED,
        /** Not done: refused (loaded rope, no drive power...), stopped by a fault, or skipped. */
        NOT_DONE
    }

    static CheckResult ok(String check, String subject, String detail) {
        return new CheckResult(check, subject, Outcome.OK, "OK", detail, "");
    }

    static CheckResult failed(String check, String subject, String verdict, String detail, String fix) {
        return new CheckResult(check, subject, Outcome.FAILED, verdict, detail, fix);
    }

    static CheckResult notDone(String check, String subject, String verdict, String detail, String fix) {
        return new CheckResult(check, subject, Outcome.NOT_DONE, verdict, detail, fix);
    }

    boolean passed() {
        return outcome == Outcome.OK;
    }

    CheckResult withFix(String newFix) {
        return new CheckResult(check, subject, outcome, verdict, detail, newFix);
    }
}
