package com.lianarig.controller.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixed-rate control loop: one owner thread ({@code control-loop}, max priority) runs a step
 * every period, scheduled on absolute deadlines ({@code start + k x period}) so that lateness never
 * accumulates into drift. A step that starts later than the late limit is reported (SR-22: the
 * controller stops motion and journals it) and the schedule skips ahead to the next deadline in the
 * future instead of running a burst of catch-up steps.
 *
 * <p>Steady state allocates nothing: the lateness histogram is a fixed array. The loop thread is the only
 * writer of its figures and never takes a lock for them: readers ({@link #stats}, {@link #lateSteps}, on
 * normal-priority threads) read what was published, so a reader preempted halfway holds nothing the loop
 * needs.
 */
public final class ControlLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlLoop.class);
    /** Lateness histogram buckets: 0.1 ms wide up to 100 ms, then one overflow bucket. */
    static final int BUCKETS = 1001;
    static final long BUCKET_NANOS = 100_000L;
    /** Spin instead of parking for the last stretch before a deadline, ns. */
    static final long SPIN_NANOS = 200_000L;
    /** A step later than this goes into the late-step log (P-3's threshold), ns. */
    static final long LOGGED_LATE_NANOS = 5_000_000L;
    /** Late steps kept in the log: the first ones (the log stops growing, the count goes on). */
    static final int LATE_LOG_SIZE = 4096;

    /** What the loop runs. */
    public interface Body {
        /** One step at {@code nowNanos} (the step's actual start). */
        void step(long nowNanos);

        /** SR-22: a step started {@code lateNanos} after its deadline, above the limit. */
        void late(long lateNanos, long nowNanos);
    }

    private final Body body;
    private final long periodNanos;
    private final long lateLimitNanos;
    private final LongSupplier clock;
    private int realtimePriority;
    private volatile String scheduling = "normal";
    /** Steps per lateness bucket; the loop thread writes (release), readers read. */
    private final AtomicLongArray histogram = new AtomicLongArray(BUCKETS);
    private volatile boolean running;
    private volatile Thread thread;
    // written by the loop thread only (volatile: published to readers as written)
    private volatile long steps;
    private volatile long lateSteps;
    private volatile long maxLatenessNanos;
    private volatile long skipped;
    /**
     * The late-step log (P-3 diagnosis): fixed arrays the loop thread fills, then publishes the entry by
     * raising {@link #lateLogged} (volatile), so a reader sees whole entries only.
     */
    private final long[] lateWallMillis = new long[LATE_LOG_SIZE];
    private final long[] lateLatenessNanos = new long[LATE_LOG_SIZE];
    private final long[] lateWaitStartNanos = new long[LATE_LOG_SIZE];
    private final long[] latePreviousStepNanos = new long[LATE_LOG_SIZE];
    private volatile int lateLogged;

    /**
     * @param body what each step runs
     * @param periodNanos the control period, ns (10 ms at 100 Hz)
     * @param lateLimitNanos a step later than this is reported to {@link Body#late}, ns (SR-22: 50 ms)
     * @param clock monotonic clock, ns (System::nanoTime)
     */
    public ControlLoop(Body body, long periodNanos, long lateLimitNanos, LongSupplier clock) {
        if (periodNanos <= 0 || lateLimitNanos <= 0) {
            throw new IllegalArgumentException("period and late limit must be positive");
        }
        this.body = body;
        this.periodNanos = periodNanos;
        this.lateLimitNanos = lateLimitNanos;
        this.clock = clock;
    }

    /**
     * Asks for SCHED_FIFO at {@code priority} when the loop thread starts (P-3); 0 (the default) leaves
     * it at normal priority. Call before {@link #start}.
     */
    public synchronized void realtime(int priority) {
        if (priority != 0 && (priority < 1 || priority > RealtimeScheduling.MAX_PRIORITY)) {
            throw new IllegalArgumentException("realtime priority must be 0 (off) or 1.."
                    + RealtimeScheduling.MAX_PRIORITY + ", not " + priority);
        }
        this.realtimePriority = priority;
    }

    /** How the loop thread is scheduled, in words ("normal" until it has started). */
    public String scheduling() {
        return scheduling;
    }

    /** Starts the loop thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        Thread t = new Thread(this::run, "control-loop");
        t.setPriority(Thread.MAX_PRIORITY);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void run() {
        if (realtimePriority > 0) {
            Optional<String> refused = RealtimeScheduling.request("control loop", realtimePriority);
            scheduling = refused.isEmpty() ? "SCHED_FIFO " + realtimePriority
                    : "normal (real-time refused: " + refused.get() + ")";
            if (refused.isEmpty()) {
                // a safepoint stops this thread until the JVM's own threads have run: they must not wait
                // behind ordinary work either
                log.debug("JVM stop-the-world threads at SCHED_FIFO {}: {}", realtimePriority,
                        RealtimeScheduling.stopTheWorldThreads(realtimePriority));
            }
        }
        long deadline = clock.getAsLong();
        long previousStepNanos = 0;
        while (running) {
            long waitStart = clock.getAsLong();
            waitUntil(deadline);
            long now = clock.getAsLong();
            long late = now - deadline;
            record(late, waitStart - deadline, previousStepNanos);
            if (late > lateLimitNanos) {
                reportLate(late, now);
            }
            try {
                body.step(now);
            } catch (RuntimeException e) {
                log.error("control step failed; the loop goes on", e);
            }
            long after = clock.getAsLong();
            previousStepNanos = after - now;
            // SR-22 also when the step itself ran over (a pause inside it): the schedule's next step would
            // start this late; skipping to a deadline ahead must not hide that (reported once per stall: a
            // late wake-up was reported above)
            long slip = after - (deadline + periodNanos);
            if (late <= lateLimitNanos && slip > lateLimitNanos) {
                reportLate(slip, after);
            }
            long next = nextDeadline(deadline, after, periodNanos);
            long skippedNow = (next - deadline) / periodNanos - 1;
            if (skippedNow != 0) {
                skipped = skipped + skippedNow;
            }
            deadline = next;
        }
    }

    private void reportLate(long lateNanos, long nowNanos) {
        try {
            body.late(lateNanos, nowNanos);
        } catch (RuntimeException e) {
            log.error("SR-22 handler failed", e);
        }
    }

    /**
     * The deadline of the next step: one period after {@code deadlineNanos}; when that passed more than a
     * whole period ago (a stall: the step or its wake-up ran over), the first deadline of the schedule that
     * is still ahead, and the periods in between are skipped (never a burst of catch-up steps). Skipping
     * only to a deadline already past would make the step after one stall late a second time, by up to a
     * period. Behind by less than a period, the next step runs at once and counts as late: a late step
     * rather than a missing one.
     *
     * @param deadlineNanos the deadline of the step just run, ns
     * @param nowNanos now, after the step, ns
     * @param periodNanos the control period, ns
     * @return the next deadline: {@code deadlineNanos + k x periodNanos}, k >= 1, ns
     */
    static long nextDeadline(long deadlineNanos, long nowNanos, long periodNanos) {
        long next = deadlineNanos + periodNanos;
        if (nowNanos - next > periodNanos) {
            next += ((nowNanos - next) / periodNanos + 1) * periodNanos;
        }
        return next;
    }

    private void waitUntil(long deadline) {
        while (running) {
            long left = deadline - clock.getAsLong();
            if (left <= 0) {
                return;
            }
            if (left > SPIN_NANOS) {
                LockSupport.parkNanos(left - SPIN_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * @param lateNanos how late the step starts after its deadline, ns
     * @param waitStartNanos when the loop began to wait for this deadline, relative to it (positive: the
     *        previous step ended after this deadline), ns
     * @param previousStepNanos how long the previous step ran, ns
     */
    private void record(long lateNanos, long waitStartNanos, long previousStepNanos) {
        steps = steps + 1; // one writer: the loop thread
        int logged = lateLogged;
        if (lateNanos > LOGGED_LATE_NANOS && logged < LATE_LOG_SIZE) {
            lateWallMillis[logged] = System.currentTimeMillis();
            lateLatenessNanos[logged] = lateNanos;
            lateWaitStartNanos[logged] = waitStartNanos;
            latePreviousStepNanos[logged] = previousStepNanos;
            lateLogged = logged + 1;
        }
        long l = Math.max(0, lateNanos);
        int b = (int) Math.min(BUCKETS - 1, l / BUCKET_NANOS);
        histogram.setRelease(b, histogram.getPlain(b) + 1);
        if (l > maxLatenessNanos) {
            maxLatenessNanos = l;
        }
        if (lateNanos > lateLimitNanos) {
            lateSteps = lateSteps + 1;
        }
    }

    /** Lateness figures so far (P-3); any thread, without holding up the loop. */
    public Stats stats() {
        long[] h = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            h[i] = histogram.getAcquire(i);
            total += h[i];
        }
        return new Stats(steps, lateSteps, skipped, maxLatenessNanos, percentile(h, total, 0.5),
                percentile(h, total, 0.99), percentile(h, total, 0.999), countAbove(h, 5_000_000L));
    }

    private static long percentile(long[] histogram, long steps, double q) {
        long target = (long) Math.ceil(q * steps);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += histogram[i];
            if (seen >= target && target > 0) {
                return (i + 1) * BUCKET_NANOS;
            }
        }
        return 0;
    }

    private static long countAbove(long[] histogram, long nanos) {
        long n = 0;
        for (int i = (int) Math.min(BUCKETS - 1, nanos / BUCKET_NANOS); i < BUCKETS; i++) {
            n += histogram[i];
        }
        return n;
    }

    /** The first {@value #LATE_LOG_SIZE} steps more than 5 ms late, in order (P-3 diagnosis); any thread. */
    public List<LateStep> lateSteps() {
        int logged = lateLogged;
        List<LateStep> out = new ArrayList<>(logged);
        for (int i = 0; i < logged; i++) {
            out.add(new LateStep(lateWallMillis[i], lateLatenessNanos[i], lateWaitStartNanos[i],
                    latePreviousStepNanos[i]));
        }
        return out;
    }

    /**
     * One step more than 5 ms late: when, how late, and whether the wait or the previous step took the time.
     *
     * @param wallMillis when it started, ms since the epoch (to line up with JFR and -Xlog)
     * @param latenessNanos how late it started after its deadline, ns
     * @param waitStartNanos when the loop began to wait for it, relative to its deadline (negative: in time,
     *        so the wait itself came back late; positive: the previous step overran the deadline), ns
     * @param previousStepNanos how long the previous step ran, ns
     */
    public record LateStep(long wallMillis, long latenessNanos, long waitStartNanos, long previousStepNanos) {
    }

    /**
     * Loop timing figures.
     *
     * @param steps steps run
     * @param lateSteps steps later than the late limit (SR-22)
     * @param skipped periods skipped after an overrun
     * @param maxLatenessNanos the worst lateness, ns
     * @param p50Nanos median lateness (bucket upper bound, 0.1 ms resolution), ns
     * @param p99Nanos 99th percentile lateness, ns
     * @param p999Nanos 99.9th percentile lateness, ns
     * @param over5MsSteps steps more than 5 ms late (P-3's target: zero)
     */
    public record Stats(long steps, long lateSteps, long skipped, long maxLatenessNanos, long p50Nanos, long p99Nanos,
            long p999Nanos, long over5MsSteps) {
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
