package com.lianarig.tools.conformance;

import com.lianarig.protocol.Brake;
import com.lianarig.protocol.BrakeAction;
import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.BrakeTest;
import com.lianarig.protocol.BrakeTestOutcome;
import com.lianarig.protocol.BrakeTestResult;
import com.lianarig.protocol.ClearShutdown;
import com.lianarig.protocol.ConfigureWinch;
import com.lianarig.protocol.FaultReport;
import com.lianarig.protocol.Identify;
import com.lianarig.protocol.NackReason;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.SetPoint;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checks that move a winch, a little and slowly (run only with the operator's consent): a
 * set-point to a braked winch, brake release, the node's speed and soft limits, the set-point gap
 * stop, the heartbeat watchdog while following, and the brake test.
 *
 * <p>Every move stays within {@code moveCounts} of where the winch stood, at most at
 * {@code maxSpeedCountsPerS}; the soft limits the tester configures keep it there even if the
 * tester misbehaves. Every check ends with a category 1 STOP and BRAKE APPLY, whatever happened.
 */
final class MotionChecks {
    /** Time allowed for both brakes to engage after the winch has stopped (a node may wait for feedback), ms. */
    static final int BRAKE_ENGAGE_MS = 250;
    /** Time allowed for both brakes to report released after BRAKE RELEASE, ns. */
    static final long BRAKE_RELEASE_NANOS = 500_000_000L;

    private MotionChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("X1", "7.4", "a SET_POINT for a braked winch is ignored (no motion)", true,
                        MotionChecks::setPointToBrakedWinch),
                new Check("X2", "7.6", "BRAKE RELEASE: ACK, FOLLOWING, both brakes released", true,
                        MotionChecks::release),
                new Check("X3", "7.3, 7.4", "speed limit and soft limit hold against faster, farther set-points",
                        true, MotionChecks::limits),
                new Check("X4", "7.4, 9.2, 9.3", "set-points stop: SETPOINT_GAP report, ramp, both brakes", true,
                        MotionChecks::setPointGap),
                new Check("X5", "6.2, 7.9, 9.3", "heartbeats stop while following: both brakes, SHUTDOWN", true,
                        MotionChecks::watchdogWhileFollowing),
                new Check("X6", "6.2, 6.3", "after the watchdog: RELEASE refused, then BRAKED after CLEAR", true,
                        MotionChecks::stickyWithSetPoints),
                new Check("X7", "7.7, 7.17, 9.1", "BRAKE_TEST: ACK, BUSY while testing, BRAKE_TEST_RESULT", true,
                        MotionChecks::brakeTest));
    }

    /** Where the winch stood when the current motion check began, counts. */
    private record Origin(int positionCounts, ConfigureWinch config) {
    }

    /**
     * The winch BRAKED and configured with soft limits from 2 moves below to half a move above where it
     * stands (so a set-point of a whole move up is clamped).
     */
    private static Origin prepare(Session s) throws InterruptedException {
        s.ensureWinchConfigured();
        if (s.awaitWinchState(s.probe().mark(), WinchState.BRAKED, 2_000_000_000L) == null) {
            s.stopAll();
            if (s.awaitWinchState(s.probe().mark(), WinchState.BRAKED, 2_000_000_000L) == null) {
                throw new Session.Unmet("the winch is not BRAKED");
            }
        }
        int p0 = s.position();
        int move = s.settings().moveCounts();
        ConfigureWinch c = s.configureWinch(p0 - 2 * move, p0 + move / 2);
        return new Origin(p0, c);
    }

    /** Set-points holding {@code positionCounts}, then BRAKE RELEASE; the FOLLOWING status, or null. */
    private static WinchStatus releaseHolding(Session s, int positionCounts) throws InterruptedException {
        int w = s.winch();
        s.probe().setPointsOn(t -> new SetPoint(w, positionCounts, 0));
        int mark = s.probe().mark();
        NodeProbe.Answer a = s.command(new Brake(w, BrakeAction.RELEASE));
        if (a == null || !a.ack()) {
            throw new Session.Unmet("BRAKE RELEASE was " + (a == null ? "not answered" : "refused: " + a.describe()));
        }
        return s.awaitWinchState(mark, WinchState.FOLLOWING, 500_000_000L);
    }

    /** The safe end of every motion check: set-points off, STOP category 1, BRAKE APPLY, heartbeats on. */
    private static void end(Session s) throws InterruptedException {
        s.probe().heartbeatsOn();
        s.stopAll();
        s.applyBrake();
        s.awaitWinchState(s.probe().mark(), WinchState.BRAKED, 2_000_000_000L);
    }

    private static Verdict setPointToBrakedWinch(Session s) throws InterruptedException {
        Origin o = prepare(s);
        int w = s.winch();
        int target = o.positionCounts() + s.settings().moveCounts() / 2;
        int mark = s.probe().mark();
        try {
            s.probe().setPointsOn(t -> new SetPoint(w, target, 0));
            s.probe().clock().sleepNanos(400_000_000L);
        } finally {
            s.probe().setPointsOff();
        }
        int moved = maxDistance(s.probe().since(mark), w, o.positionCounts());
        WinchStatus st = s.winchStatus(w);
        boolean ok = moved <= tolerance(s) && st != null && st.state() == WinchState.BRAKED;
        return Verdict.of(ok, "moved " + moved + ", " + (st == null ? "?" : st.state()), "<= " + tolerance(s)
                + " counts, BRAKED", "a braked winch must never move because of a set-point");
    }

    private static Verdict release(Session s) throws InterruptedException {
        Origin o = prepare(s);
        try {
            int mark = s.probe().mark();
            WinchStatus f = releaseHolding(s, o.positionCounts());
            int both = WinchStatus.FLAG_MOTOR_BRAKE_ENGAGED | WinchStatus.FLAG_DRUM_BRAKE_ENGAGED;
            int w = s.winch();
            boolean released = f != null && s.probe().await(mark, WinchStatus.class, x -> x.winch() == w
                    && x.state() == WinchState.FOLLOWING && (x.flags() & both) == 0, BRAKE_RELEASE_NANOS) != null;
            return Verdict.of(f != null && released, f == null ? "not FOLLOWING" : "FOLLOWING"
                    + (released ? ", brakes released" : ", brakes engaged"), "ACK, FOLLOWING, released",
                    "after an acknowledged BRAKE RELEASE the winch must follow with both brakes released");
        } finally {
            end(s);
        }
    }

    private static Verdict limits(Session s) throws InterruptedException {
        Origin o = prepare(s);
        NodeProbe p = s.probe();
        int w = s.winch();
        int speed = s.settings().maxSpeedCountsPerS();
        int move = s.settings().moveCounts();
        int high = o.config().softLimitHighCounts();
        int mark;
        try {
            if (releaseHolding(s, o.positionCounts()) == null) {
                throw new Session.Unmet("the winch did not follow after BRAKE RELEASE");
            }
            mark = p.mark();
            long t0 = p.clock().nanoTime();
            int p0 = o.positionCounts();
            int target = p0 + move;
            int fastCountsPerS = 3 * speed;
            p.setPointsOn(t -> {
                long ramp = p0 + (long) ((t - t0) / 1e9 * fastCountsPerS);
                return ramp < target ? new SetPoint(w, (int) ramp, fastCountsPerS) : new SetPoint(w, target, 0);
            });
            double travelS = (move / 2.0) / speed;
            p.clock().sleepNanos((long) ((1.5 * travelS + 0.6) * 1e9));
        } finally {
            end(s);
        }
        List<WinchStatus> during = statuses(p.since(mark), w);
        int maxEchoVelocity = 0;
        int maxPosition = Integer.MIN_VALUE;
        int maxEchoPosition = Integer.MIN_VALUE;
        boolean leftFollowing = false;
        for (WinchStatus ws : during) {
            if (ws.state() == WinchState.BRAKED || ws.state() == WinchState.STOPPING) {
                break; // the tester's own stop at the end
            }
            leftFollowing |= ws.state() != WinchState.FOLLOWING;
            maxEchoVelocity = Math.max(maxEchoVelocity, Math.abs(ws.setpointVelocityCountsPerS()));
            maxPosition = Math.max(maxPosition, ws.positionCounts());
            maxEchoPosition = Math.max(maxEchoPosition, ws.setpointPositionCounts());
        }
        double measuredSpeed = fastestOver100Ms(during);
        boolean softLimitReport = p.since(mark).stream().anyMatch(r -> r.message() instanceof FaultReport f
                && f.fault() == NodeFault.SOFT_LIMIT);
        List<String> wrong = new ArrayList<>();
        boolean gapStop = p.since(mark).stream().anyMatch(r -> r.message() instanceof FaultReport f
                && f.fault() == NodeFault.SETPOINT_GAP && f.winch() == w);
        if (maxPosition - o.positionCounts() < move / 4) {
            if (gapStop) {
                throw new Session.Inconclusive(String.format(Locale.ROOT, "the winch made a set-point gap stop"
                        + " while set-points flowed every 10 ms (the tester's longest pause: %.0f ms)",
                        p.longestSetPointGapNanos() / 1e6));
            }
            wrong.add("the winch did not follow the set-points up");
        }
        if (leftFollowing) {
            wrong.add("the winch left FOLLOWING (a trip?)");
        }
        if (maxEchoVelocity > speed + 1 || measuredSpeed > speed * 1.15 + 10) {
            wrong.add("faster than the configured " + speed + " counts/s");
        }
        // following at the acceleration limit, the winch may pass the clamped set-point by its stopping distance
        int overshoot = (int) Math.ceil((double) speed * speed / (2.0 * s.accelCountsPerS2())) + tolerance(s);
        if (maxPosition > high + overshoot || maxEchoPosition > high + overshoot) {
            wrong.add("beyond the soft limit " + high);
        }
        String measured = String.format(Locale.ROOT, "%d/%.0f counts/s, top %+d", maxEchoVelocity, measuredSpeed,
                maxPosition - high);
        Verdict v = Verdict.of(wrong.isEmpty(), measured, "<= " + speed + ", top <= +" + overshoot,
                String.join("; ", wrong));
        return softLimitReport ? v : v.withNote("no FAULT_REPORT SOFT_LIMIT came (section 9.2 asks for one per event)");
    }

    private static Verdict setPointGap(Session s) throws InterruptedException {
        Origin o = prepare(s);
        NodeProbe p = s.probe();
        int w = s.winch();
        ConfigureWinch c = o.config();
        int v = Math.max(1, s.settings().maxSpeedCountsPerS() / 2);
        int gapMs = ConformanceSettings.SET_POINT_GAP_MS;
        ConformanceSettings settings = s.settings();
        try {
            int releaseMark = p.mark();
            if (releaseHolding(s, o.positionCounts()) == null) {
                throw new Session.Unmet("the winch did not follow after BRAKE RELEASE");
            }
            long t0 = p.clock().nanoTime();
            int p0 = o.positionCounts();
            p.setPointsOn(t -> new SetPoint(w, p0 - (int) ((t - t0) / 1e9 * v), -v));
            p.clock().sleepNanos(250_000_000L);
            int mark = p.mark();
            long last = p.setPointsOff();
            long ownPauseNanos = p.longestSetPointGapNanos();
            double rampMs = 1000.0 * v / c.maxAccelCountsPerS2();
            long brakedLimitMs = gapMs + (long) Math.ceil(rampMs) + BRAKE_ENGAGE_MS;
            NodeProbe.Received early = p.await(releaseMark, FaultReport.class,
                    f -> f.winch() == w && f.fault() == NodeFault.SETPOINT_GAP, 0);
            if (early != null && early.atNanos() < last) {
                throw new Session.Inconclusive(String.format(Locale.ROOT, "the node made a set-point gap stop while"
                        + " set-points still flowed every 10 ms (the tester's longest pause: %.0f ms): a stalled link"
                        + " or host, or a node that stops too early", ownPauseNanos / 1e6));
            }
            NodeProbe.Received report = p.await(mark, FaultReport.class,
                    f -> f.winch() == w && f.fault() == NodeFault.SETPOINT_GAP, settings.limitNanos(gapMs) + 1_000_000_000L);
            NodeProbe.Received braked = p.await(mark, WinchStatus.class,
                    ws -> ws.winch() == w && ws.state() == WinchState.BRAKED && Session.bothBrakes(ws),
                    settings.limitNanos(brakedLimitMs) + 1_000_000_000L);
            if (report == null || braked == null) {
                WinchStatus now = s.winchStatus(w);
                return Verdict.fail((report == null ? "no SETPOINT_GAP report" : "report") + ", "
                        + (braked == null ? "not BRAKED" : "BRAKED"), settings.limitText(gapMs),
                        "a following winch without set-points must stop and brake; it is "
                                + (now == null ? "silent" : now.state().toString()));
            }
            FaultReport f = (FaultReport) report.message();
            double reportMs = (report.atNanos() - last) / 1e6;
            double brakedMs = (braked.atNanos() - last) / 1e6;
            List<String> wrong = new ArrayList<>();
            if (reportMs > gapMs + settings.allowanceMs()) {
                wrong.add("the stop began too late");
            }
            if (brakedMs > brakedLimitMs + settings.allowanceMs()) {
                wrong.add("both brakes engaged too late");
            }
            if (f.limit() != gapMs || f.measured() < gapMs) {
                wrong.add("FAULT_REPORT must carry the ms since the last set-point and the limit " + gapMs);
            }
            String measured = String.format(Locale.ROOT, "report %.0f, braked %.0f ms", reportMs, brakedMs);
            return Verdict.of(wrong.isEmpty(), measured, settings.limitText(gapMs) + ", " + settings.limitText(brakedLimitMs),
                    String.join("; ", wrong));
        } finally {
            end(s);
        }
    }

    private static Verdict watchdogWhileFollowing(Session s) throws InterruptedException {
        Origin o = prepare(s);
        NodeProbe p = s.probe();
        int w = s.winch();
        ConformanceSettings settings = s.settings();
        int timeoutMs = ConformanceSettings.HEARTBEAT_TIMEOUT_MS;
        boolean shutdown = false;
        try {
            if (releaseHolding(s, o.positionCounts()) == null) {
                throw new Session.Unmet("the winch did not follow after BRAKE RELEASE");
            }
            p.clock().sleepNanos(100_000_000L);
            int mark = p.mark();
            long last = p.heartbeatsOff();
            NodeProbe.Received down = p.await(mark, WinchStatus.class,
                    ws -> ws.winch() == w && ws.state() == WinchState.SHUTDOWN && Session.bothBrakes(ws),
                    settings.limitNanos(timeoutMs) + 1_000_000_000L);
            if (down == null) {
                WinchStatus now = s.winchStatus(w);
                return Verdict.fail("not braked", settings.limitText(timeoutMs),
                        "without heartbeats the following winch must brake (category 0); it is "
                                + (now == null ? "silent" : now.state().toString()));
            }
            shutdown = true;
            double ms = (down.atNanos() - last) / 1e6;
            // the status is sampled at 50 Hz: one status period more is allowed for it to show
            long limitMs = timeoutMs + 1000L / ConformanceSettings.STATUS_RATE_HZ;
            return Verdict.of(ms <= limitMs + settings.allowanceMs(), Session.ms(ms), settings.limitText(limitMs),
                    "the winch braked too late after the last HEARTBEAT");
        } finally {
            if (!shutdown) {
                end(s);
            } else {
                p.setPointsOff();
            }
        }
    }

    private static Verdict stickyWithSetPoints(Session s) throws InterruptedException {
        WatchdogChecks.ensureShutdown(s);
        NodeProbe p = s.probe();
        int w = s.winch();
        int start = s.position();
        int target = start + s.settings().moveCounts() / 2;
        List<String> wrong = new ArrayList<>();
        try {
            p.setPointsOn(t -> new SetPoint(w, target, 0));
            String release = MessageChecks.unlessNack(s.command(new Brake(w, BrakeAction.RELEASE)),
                    NackReason.SHUTDOWN_ACTIVE, 0);
            if (release != null) {
                wrong.add("BRAKE RELEASE in SHUTDOWN: " + release);
            }
            p.heartbeatsOn();
            p.clock().sleepNanos(100_000_000L);
            NodeProbe.Answer clear = s.command(new ClearShutdown());
            if (clear == null || !clear.ack()) {
                wrong.add("CLEAR_SHUTDOWN: " + (clear == null ? "no answer" : clear.describe()));
            }
            int mark = p.mark();
            p.clock().sleepNanos(400_000_000L);
            List<WinchStatus> after = statuses(p.since(mark), w);
            boolean stayedBraked = !after.isEmpty() && after.stream().allMatch(x -> x.state() == WinchState.BRAKED);
            int moved = maxDistance(p.since(mark), w, start);
            if (!stayedBraked && p.since(mark).stream().anyMatch(r -> r.message() instanceof FaultReport f
                    && f.fault() == NodeFault.HEARTBEAT_TIMEOUT)) {
                throw new Session.Inconclusive(String.format(Locale.ROOT, "the watchdog tripped again after"
                        + " CLEAR_SHUTDOWN (the tester's longest pause between heartbeats: %.0f ms)",
                        p.longestHeartbeatGapNanos() / 1e6));
            }
            if (!stayedBraked) {
                wrong.add("after CLEAR_SHUTDOWN the winch did not stay BRAKED: " + after.stream()
                        .map(x -> x.state().toString()).distinct().toList());
            }
            if (moved > tolerance(s)) {
                wrong.add("the winch moved " + moved + " counts toward streamed set-points");
            }
            return Verdict.of(wrong.isEmpty(), wrong.isEmpty() ? "refused; BRAKED, moved " + moved : wrong.size()
                    + " wrong", "NACK SHUTDOWN_ACTIVE; BRAKED", String.join("; ", wrong));
        } finally {
            end(s);
        }
    }

    private static Verdict brakeTest(Session s) throws InterruptedException {
        prepare(s);
        if ((s.identity().capabilities() & Identify.CAP_BRAKE_TEST) == 0) {
            return Verdict.skip("the node lacks the BRAKE_TEST capability (M13 checked the refusal)");
        }
        NodeProbe p = s.probe();
        int w = s.winch();
        int durationMs = 300;
        try {
            int mark = p.mark();
            BrakeTest test = new BrakeTest(w, BrakeId.MOTOR, 100, durationMs, Math.min(65_535, s.settings().moveCounts()));
            NodeProbe.Answer a = s.command(test);
            if (a == null || !a.ack()) {
                return Verdict.fail(a == null ? "no answer" : a.describe(), "ACK", "BRAKE_TEST was refused");
            }
            String busy = MessageChecks.unlessNack(s.command(test), NackReason.BUSY, 0);
            NodeProbe.Received r = p.await(mark, BrakeTestResult.class, x -> x.winch() == w,
                    (durationMs + 1_000L) * 1_000_000L);
            if (r == null) {
                return Verdict.fail("no result", "BRAKE_TEST_RESULT", "no BRAKE_TEST_RESULT after the test");
            }
            BrakeTestResult result = (BrakeTestResult) r.message();
            WinchStatus st = s.winchStatus(w);
            List<String> wrong = new ArrayList<>();
            if (busy != null) {
                wrong.add("a second BRAKE_TEST during the test: " + busy + " (want BUSY)");
            }
            if (result.brake() != BrakeId.MOTOR || result.outcome() == BrakeTestOutcome.ABORTED) {
                wrong.add("result " + result.brake() + " " + result.outcome());
            }
            if (st == null || st.state() != WinchState.BRAKED) {
                wrong.add("after the test the winch is " + (st == null ? "silent" : st.state()));
            }
            Verdict v = Verdict.of(wrong.isEmpty(), result.outcome() + ", moved " + result.movementCounts(),
                    "ACK, BUSY, HELD or SLIPPED", String.join("; ", wrong));
            return result.outcome() == BrakeTestOutcome.SLIPPED
                    ? v.withNote("the motor brake SLIPPED at 10 % torque: have the brake serviced") : v;
        } finally {
            end(s);
        }
    }

    // ---- helpers ----

    private static int tolerance(Session s) {
        return Math.max(5, s.settings().moveCounts() / 10);
    }

    private static List<WinchStatus> statuses(List<NodeProbe.Received> frames, int w) {
        List<WinchStatus> out = new ArrayList<>();
        for (NodeProbe.Received r : frames) {
            if (r.message() instanceof WinchStatus ws && ws.winch() == w) {
                out.add(ws);
            }
        }
        return out;
    }

    private static int maxDistance(List<NodeProbe.Received> frames, int w, int fromCounts) {
        int max = 0;
        for (WinchStatus ws : statuses(frames, w)) {
            max = (int) Math.max(max, Math.abs((long) ws.positionCounts() - fromCounts));
        }
        return max;
    }

    /** The fastest encoder speed over any stretch of at least 100 ms of node time, counts/s. */
    private static double fastestOver100Ms(List<WinchStatus> during) {
        double fastest = 0;
        int j = 0;
        for (int i = 0; i < during.size(); i++) {
            while (j < during.size() && nodeDeltaUs(during.get(i), during.get(j)) < 100_000) {
                j++;
            }
            if (j >= during.size()) {
                break;
            }
            long dtUs = nodeDeltaUs(during.get(i), during.get(j));
            fastest = Math.max(fastest, Math.abs((long) during.get(j).positionCounts() - during.get(i).positionCounts())
                    * 1e6 / dtUs);
        }
        return fastest;
    }

    private static long nodeDeltaUs(WinchStatus a, WinchStatus b) {
        return (b.nodeTimeUs() - a.nodeTimeUs()) & 0xFFFF_FFFFL;
    }
}
