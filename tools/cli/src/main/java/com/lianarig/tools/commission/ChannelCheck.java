package com.lianarig.tools.commission;

import com.lianarig.config.rig.RopeConfig;
import com.lianarig.config.rig.RopeKind;
import com.lianarig.tools.calibrate.Prompter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Step 2 of the commissioning, on one rope: the technician pulls down on its strap (or loop) and the
 * check watches every load channel of every node for the one whose reading changes. Nothing moves.
 *
 * <p>A channel answers when its reading (mean of the last quarter second) stays away from its
 * resting mean by more than its threshold for half a second: {@value #MIN_CHANGE_KG} kg on a
 * calibrated channel; otherwise (commissioning usually comes first) {@value #MIN_CHANGE_COUNTS}
 * counts (about 1 kg on the usual 200 kg cell) and {@value #NOISE_FACTOR} times the channel's noise.
 */
final class ChannelCheck {
    static final double MIN_CHANGE_COUNTS = 20_000;
    static final double NOISE_FACTOR = 30;
    static final double MIN_CHANGE_KG = 3;
    private static final long BASELINE_NANOS = 500_000_000L;
    private static final long RECENT_NANOS = 250_000_000L;
    private static final long HOLD_NANOS = 500_000_000L;
    private static final long LET_GO_NANOS = 10_000_000_000L;

    private final RigConnection conn;
    private final Calibrations calibrations;
    private final Prompter prompter;
    private final PrintWriter out;
    private final boolean yes;
    private final Duration pullTimeout;

    ChannelCheck(RigConnection conn, Calibrations calibrations, Prompter prompter, PrintWriter out, boolean yes,
            Duration pullTimeout) {
        this.conn = conn;
        this.calibrations = calibrations;
        this.prompter = prompter;
        this.out = out;
        this.yes = yes;
        this.pullTimeout = pullTimeout;
    }

    /**
     * Watches one rope's pull.
     *
     * @return the observation, or empty when the technician skipped the rope
     * @throws Prompter.Abort when the technician quits
     */
    Optional<ChannelObservation> run(RopeConfig rope) throws Prompter.Abort, InterruptedException {
        String what = rope.kind() == RopeKind.FINGER_LOOP ? "loop" : "strap";
        out.println();
        out.printf(Locale.ROOT, "Rope %s (%s, %s side, %s): the rig file puts its load cell on node %s channel %d.%n",
                rope.id(), rope.kind() == RopeKind.FINGER_LOOP ? "finger loop" : "leg strap",
                rope.side().toString().toLowerCase(Locale.ROOT), rope.winch().map(w -> "on winch " + w)
                        .orElse("a fixed point"), rope.node(), rope.channel());
        if (!ready(what)) {
            return Optional.empty();
        }
        List<ChannelObservation.Seen> channels = conn.channels();
        Thread.sleep(BASELINE_NANOS / 1_000_000 + 100);
        long now = System.nanoTime();
        double[] base = new double[channels.size()];
        double[] threshold = new double[channels.size()];
        for (int i = 0; i < channels.size(); i++) {
            ChannelObservation.Seen c = channels.get(i);
            ChannelHistory.Stats s = conn.history(c.node(), c.channel()).since(now - BASELINE_NANOS);
            base[i] = s.meanCounts();
            threshold[i] = threshold(c, s);
        }
        out.printf(Locale.ROOT, "  >>> Pull down on the %s %s now, firmly (10 kg or more), and hold it until told to"
                + " let go.%n", rope.id(), what);
        out.flush();
        long deadline = System.nanoTime() + pullTimeout.toNanos();
        int answering = -1;
        long answeringSince = 0;
        while (System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
            long t = System.nanoTime();
            double[] change = changes(channels, base, t);
            int best = -1;
            for (int i = 0; i < channels.size(); i++) {
                if (Math.abs(change[i]) > threshold[i] && (best < 0
                        || Math.abs(change[i]) / threshold[i] > Math.abs(change[best]) / threshold[best])) {
                    best = i;
                }
            }
            if (best != answering) {
                answering = best;
                answeringSince = t;
                continue;
            }
            if (best >= 0 && t - answeringSince >= HOLD_NANOS) {
                return Optional.of(seen(rope, channels, change, threshold, best, base, what));
            }
        }
        out.printf(Locale.ROOT, "  no channel changed within %d s.%n", pullTimeout.toSeconds());
        out.flush();
        return Optional.of(new ChannelObservation(rope.id(), rope.node(), rope.channel(), Optional.empty(), 0, Double.NaN,
                List.of()));
    }

    private ChannelObservation seen(RopeConfig rope, List<ChannelObservation.Seen> channels, double[] change,
            double[] threshold, int best, double[] base, String what) throws InterruptedException {
        ChannelObservation.Seen c = channels.get(best);
        List<String> also = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            if (i != best && Math.abs(change[i]) > threshold[i]) {
                also.add(String.format(Locale.ROOT, "%s by %+,.0f counts", channels.get(i), change[i]));
            }
        }
        ChannelObservation o = new ChannelObservation(rope.id(), rope.node(), rope.channel(), Optional.of(c),
                change[best], calibrations.changeKg(c.node(), c.channel(), change[best]), also);
        out.println("  seen: " + ChannelVerdict.change(o) + ".");
        out.printf(Locale.ROOT, "  Let go of the %s now.%n", what);
        out.flush();
        long until = System.nanoTime() + LET_GO_NANOS;
        while (System.nanoTime() - until < 0) {
            Thread.sleep(50);
            double back = changes(List.of(c), new double[] {base[best]}, System.nanoTime())[0];
            if (Math.abs(back) < threshold[best] / 2) {
                return o;
            }
        }
        out.println("  (its reading has not come back to where it was: go on anyway)");
        return o;
    }

    private double[] changes(List<ChannelObservation.Seen> channels, double[] base, long nowNanos) {
        double[] change = new double[channels.size()];
        for (int i = 0; i < channels.size(); i++) {
            ChannelObservation.Seen c = channels.get(i);
            ChannelHistory.Stats s = conn.history(c.node(), c.channel()).since(nowNanos - RECENT_NANOS);
            change[i] = s.samples() == 0 || Double.isNaN(base[i]) ? 0 : s.meanCounts() - base[i];
        }
        return change;
    }

    private double threshold(ChannelObservation.Seen c, ChannelHistory.Stats s) {
        return calibrations.of(c.node(), c.channel())
                .map(cal -> MIN_CHANGE_KG * com.lianarig.config.calibration.CalibrationPoint.STANDARD_GRAVITY_M_PER_S2
                        * Math.abs(cal.countsPerN()))
                .orElse(Math.max(MIN_CHANGE_COUNTS, NOISE_FACTOR * (Double.isNaN(s.stdDevCounts()) ? 0
                        : s.stdDevCounts())));
    }

    private boolean ready(String what) throws Prompter.Abort {
        return Confirm.enterOrSkip(prompter, out, yes, "  Press Enter when you hold the " + what
                + ", ready to pull (s to skip this rope, q to quit): ");
    }
}
