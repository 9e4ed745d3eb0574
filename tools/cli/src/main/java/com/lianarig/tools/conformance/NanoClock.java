package com.lianarig.tools.conformance;

/**
 * The tester's time: every timestamp, deadline and pause of a conformance run goes through one of
 * these, so a run can be driven by another clock than the wall clock.
 */
public interface NanoClock {

    /** Monotonic time, ns. */
    long nanoTime();

    /** Pauses the calling thread for about {@code nanos} ns. */
    void sleepNanos(long nanos) throws InterruptedException;

    /** The JVM's monotonic clock and {@link Thread#sleep}. */
    static NanoClock system() {
        return new NanoClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                if (nanos > 0) {
                    Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
                }
            }
        };
    }
}
