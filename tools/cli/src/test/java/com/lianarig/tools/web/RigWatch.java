package com.lianarig.tools.web;

import com.lianarig.controller.core.Mode;
import com.lianarig.controller.safety.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Watches the virtual rig's TRUE state (the left leg strap's height and speed, from its physics) every
 * few milliseconds, with the controller's mode and faults, so a test can say when the straps moved
 * and when they were at rest, against the moment the finger was lifted.
 *
 * <p>It also notes host-delay faults (SR-8 samples too old, SR-9 a silent node, SR-22 a late loop):
 * on this shared machine they come from other builds taking the CPU, not from the panel, and a
 * scenario they spoil is run again ({@link Scenarios}).
 */
final class RigWatch implements AutoCloseable {
    /** Speed under which the straps are at rest, mm/s. */
    static final double REST_MM_PER_S = 0.5;
    static final long PERIOD_NANOS = 4_000_000L;

    record Sample(long nanos, double heightMm, double speedMmPerS, Mode mode) {
    }

    private final WebRig rig;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String hostDelay;

    RigWatch(WebRig rig) {
        this.rig = rig;
        this.thread = new Thread(this::run, "rig-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            long now = System.nanoTime();
            double h = rig.trueStrapHeightMm();
            double v = rig.trueSpeedMmPerS();
            var status = rig.controller().status();
            for (Fault f : status.faults()) {
                String rule = f.rule().id();
                if (rule.equals("SR-8") && f.cause().contains("ms old") || rule.equals("SR-9") || rule.equals("SR-22")) {
                    hostDelay = f.toString();
                }
            }
            synchronized (samples) {
                samples.add(new Sample(now, h, v, status.mode()));
                if (samples.size() > 60_000) {
                    samples.subList(0, 30_000).clear();
                }
            }
            try {
                Thread.sleep(PERIOD_NANOS / 1_000_000L);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Forgets host-delay faults seen so far (a new attempt starts). */
    void newAttempt() {
        hostDelay = null;
    }

    /** The host-delay fault seen since {@link #newAttempt}, or null. */
    String hostDelay() {
        return hostDelay;
    }

    Sample latest() {
        synchronized (samples) {
            return samples.isEmpty() ? new Sample(System.nanoTime(), rig.trueStrapHeightMm(), rig.trueSpeedMmPerS(),
                    rig.controller().mode()) : samples.get(samples.size() - 1);
        }
    }

    /** The sample nearest to {@code nanos} (at or before it). */
    Sample at(long nanos) {
        synchronized (samples) {
            Sample best = null;
            for (Sample s : samples) {
                if (s.nanos() <= nanos) {
                    best = s;
                }
            }
            return best == null ? samples.get(0) : best;
        }
    }

    /**
     * When the straps came to rest after {@code fromNanos} and stayed so for {@code quietNanos}
     * (Long.MAX_VALUE if they have not).
     */
    long restSince(long fromNanos, long quietNanos) {
        synchronized (samples) {
            long restStart = Long.MAX_VALUE;
            for (Sample s : samples) {
                if (s.nanos() < fromNanos) {
                    continue;
                }
                if (Math.abs(s.speedMmPerS()) < REST_MM_PER_S) {
                    if (restStart == Long.MAX_VALUE) {
                        restStart = s.nanos();
                    }
                    if (s.nanos() - restStart >= quietNanos) {
                        return restStart;
                    }
                } else {
                    restStart = Long.MAX_VALUE;
                }
            }
            return Long.MAX_VALUE;
        }
    }

    /** The largest height change over the samples in [from, to], mm. */
    double travelMm(long fromNanos, long toNanos) {
        synchronized (samples) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Sample s : samples) {
                if (s.nanos() >= fromNanos && s.nanos() <= toNanos) {
                    min = Math.min(min, s.heightMm());
                    max = Math.max(max, s.heightMm());
                }
            }
            return max >= min ? max - min : 0;
        }
    }

    /** The samples in [from, to] in words, for a failure message. */
    String describe(long fromNanos, long toNanos) {
        StringBuilder b = new StringBuilder();
        synchronized (samples) {
            int n = 0;
            for (Sample s : samples) {
                if (s.nanos() >= fromNanos && s.nanos() <= toNanos && n++ % 10 == 0) {
                    b.append(String.format(Locale.ROOT, "%+.0f ms %.1f mm %.1f mm/s %s; ", (s.nanos() - fromNanos) / 1e6,
                            s.heightMm(), s.speedMmPerS(), s.mode()));
                }
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
