package com.lianarig.controller.core;

/**
 * SR-18: whether the wall clock's date can be trusted now: a real-time clock kept the time, or the
 * system reports its clock synchronised. The service's is {@link SystemDateTrust}. Answers at once
 * (called when a command is decided, on the control thread): no I/O, no process, no wait.
 */
@FunctionalInterface
public interface DateTrust {

    /** Null when today's date can be trusted; otherwise why not, in words (e.g. "the clock is not synchronised"). */
    String untrusted();

    /** A date the caller vouches for (tests on a fixed clock, tools reading a record). */
    DateTrust TRUSTED = () -> null;
}
