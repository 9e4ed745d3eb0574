package com.lianarig.tools.doctor;

import java.time.Duration;

/** One check of {@code rig doctor}: runs on its own thread, given up after {@link #timeout()}. */
interface Check {

    /** What is checked, as printed. */
    String name();

    /** How long it may take before doctor gives up on it and reports a FAIL. */
    Duration timeout();

    /** What to do when it does not answer in time. */
    String timeoutFix();

    /** Runs the check; an exception is reported as a FAIL naming it. */
    CheckResult run() throws Exception;

    /** A check from its parts. */
    static Check of(String name, Duration timeout, String timeoutFix, CheckBody body) {
        return new Check() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Duration timeout() {
                return timeout;
            }

            @Override
            public String timeoutFix() {
                return timeoutFix;
            }

            @Override
            public CheckResult run() throws Exception {
                return body.run(name);
            }
        };
    }

    /** The work of a check, given its name. */
    @FunctionalInterface
    interface CheckBody {
        CheckResult run(String name) throws Exception;
    }
}
