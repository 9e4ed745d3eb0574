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
                new Check("X7", "7.7, 7.17, 9.1, 12.23", "BRAKE_TEST: ACK, BUSY while testing, BRAKE_TEST_RESULT",
                        true, MotionChecks::brakeTest),
                new Check("X8", "7.10, 12.22", "CLEAR_SHUTDOWN on a BRAKED winch: fault NONE, nothing else changes",
                        true, MotionChecks::clearOnBraked),
                new Check("X9", "7.3, 12.20", "below its soft lower limit and asked down, the winch is not driven up",
                        true, MotionChecks::belowSoftLow),
                new Check("X10", "7.5, 7.6, 12.26", "BRAKE APPLY during a category 1 stop: ACK, the stop goes on",
                        true, MotionChecks::applyWhileStopping));
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
        if (maxPosition > high + overshoot) {
            wrong.add("beyond the soft limit " + high);
        }
        if (maxEchoPosition > high + tolerance(s)) {
            wrong.add("the commanded position (echo) passed the soft limit " + high + " by " + (maxEchoPosition - high)
                    + ": it must slow so as to stop at it (7.3, Annex B.20)");
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
            // Annex B.23: every command that needs a BRAKED winch gets BUSY during the test, CONFIGURE_WINCH too
            String busyConfigure = MessageChecks.unlessNack(s.command(s.winchConfig()), NackReason.BUSY, 0);
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
            if (busyConfigure != null) {
                wrong.add("CONFIGURE_WINCH during the test: " + busyConfigure + " (want BUSY, Annex B.23)");
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

    /**
     * Annex B.22: CLEAR_SHUTDOWN on a BRAKED winch with a recent, non-latched fault (a set-point gap
     * stop, made here): ACK; the winch stays BRAKED with both brakes, keeps its REFERENCED flag and its
     * position, and its fault becomes NONE.
     */
    private static Verdict clearOnBraked(Session s) throws InterruptedException {
        Origin o = prepare(s);
        NodeProbe p = s.probe();
        int w = s.winch();
        try {
            if (releaseHolding(s, o.positionCounts()) == null) {
                throw new Session.Unmet("the winch did not follow after BRAKE RELEASE");
            }
            int mark = p.mark();
            p.setPointsOff();
            if (p.await(mark, WinchStatus.class, ws -> ws.winch() == w && ws.state() == WinchState.BRAKED
                    && Session.bothBrakes(ws), 2_000_000_000L) == null) {
                throw new Session.Unmet("the set-point gap stop did not end BRAKED (X4)");
            }
            WinchStatus before = s.winchStatus(w);
            NodeProbe.Answer a = s.command(new ClearShutdown());
            int after = p.mark();
            p.clock().sleepNanos(100_000_000L);
            List<WinchStatus> seen = statuses(p.since(after), w);
            if (seen.isEmpty()) {
                throw new Session.Unmet("no WINCH_STATUS after CLEAR_SHUTDOWN");
            }
            WinchStatus st = seen.get(seen.size() - 1);
            int referencedFlag = WinchStatus.FLAG_REFERENCED;
            List<String> wrong = new ArrayList<>();
            if (a == null || !a.ack()) {
                wrong.add("CLEAR_SHUTDOWN: " + (a == null ? "no answer" : a.describe()));
            }
            if (seen.stream().anyMatch(x -> x.state() != WinchState.BRAKED || !Session.bothBrakes(x))) {
                wrong.add("the winch left BRAKED or released a brake");
            }
            if ((st.flags() & referencedFlag) != (before.flags() & referencedFlag)) {
                wrong.add("REFERENCED changed");
            }
            if (Math.abs((long) st.positionCounts() - before.positionCounts()) > tolerance(s)) {
                wrong.add("the position changed");
            }
            if (st.fault() != NodeFault.NONE) {
                wrong.add("fault " + st.fault() + " (want NONE)");
            }
            return Verdict.of(wrong.isEmpty(), before.fault() + " -> " + st.state() + "/" + st.fault(),
                    "ACK, BRAKED/NONE, REFERENCED and position kept", String.join("; ", wrong));
        } finally {
            end(s);
        }
    }

    /**
     * Annex B.20 (SPEC I-2): soft limits above where the referenced winch stands; it is released
     * holding there, then asked down, below the lower limit: it must hold, driven neither up to the
     * limit (version 1's clamp did) nor down past it; one FAULT_REPORT SOFT_LIMIT is expected.
     */
    private static Verdict belowSoftLow(Session s) throws InterruptedException {
        s.ensureWinchConfigured();
        WinchStatus here = s.winchStatus(s.winch());
        if (here == null || (here.flags() & WinchStatus.FLAG_REFERENCED) == 0) {
            throw new Session.Unmet("a referenced winch (M11 references it)");
        }
        Origin o = prepare(s);
        NodeProbe p = s.probe();
        int w = s.winch();
        int move = s.settings().moveCounts();
        int p0 = o.positionCounts();
        s.configureWinch(p0 + move / 2, p0 + 2 * move);
        int speed = Math.max(1, s.settings().maxSpeedCountsPerS() / 2);
        int mark;
        try {
            if (releaseHolding(s, p0) == null) {
                throw new Session.Unmet("the winch did not follow after BRAKE RELEASE");
            }
            mark = p.mark();
            long t0 = p.clock().nanoTime();
            p.setPointsOn(t -> new SetPoint(w, p0 - (int) Math.min(move, (t - t0) / 1e9 * speed), -speed));
            p.clock().sleepNanos(800_000_000L);
        } finally {
            end(s);
        }
        List<WinchStatus> during = new ArrayList<>();
        for (WinchStatus ws : statuses(p.since(mark), w)) {
            if (ws.state() == WinchState.BRAKED || ws.state() == WinchState.STOPPING) {
                break; // the tester's own stop at the end
            }
            during.add(ws);
        }
        int highest = during.stream().mapToInt(WinchStatus::positionCounts).max().orElse(p0);
        int lowest = during.stream().mapToInt(WinchStatus::positionCounts).min().orElse(p0);
        boolean leftFollowing = during.stream().anyMatch(x -> x.state() != WinchState.FOLLOWING);
        List<String> wrong = new ArrayList<>();
        if (highest - p0 > tolerance(s)) {
            wrong.add("driven UP " + (highest - p0) + " counts by set-points asking down (I-2)");
        }
        if (p0 - lowest > tolerance(s)) {
            wrong.add("moved down " + (p0 - lowest) + " counts, below its soft lower limit");
        }
        if (leftFollowing) {
            wrong.add("the winch left FOLLOWING");
        }
        boolean reported = p.since(mark).stream().anyMatch(r -> r.message() instanceof FaultReport f
                && f.fault() == NodeFault.SOFT_LIMIT && f.winch() == w);
        Verdict v = Verdict.of(wrong.isEmpty(), String.format(Locale.ROOT, "%+d/%+d counts", highest - p0, lowest - p0),
                "within +-" + tolerance(s), String.join("; ", wrong));
        return reported ? v : v.withNote("no FAULT_REPORT SOFT_LIMIT came (section 9.2 asks for one per event)");
    }

    /**
     * Annex B.26: a moving winch gets STOP category 1 and at once BRAKE APPLY: both acknowledged, the
     * stop goes on to BRAKED as a category 1 stop (no trip, no brake fault).
     */
    private static Verdict applyWhileStopping(Session s) throws InterruptedException {
        Origin o = prepare(s);
        NodeProbe p = s.probe();
        int w = s.winch();
        int speed = Math.max(1, s.settings().maxSpeedCountsPerS() / 2);
        int p0 = o.positionCounts();
        NodeProbe.Answer stop;
        NodeProbe.Answer apply;
        int mark;
        try {
            if (releaseHolding(s, p0) == null) {
                throw new Session.Unmet("the winch did not follow after BRAKE RELEASE");
            }
            long t0 = p.clock().nanoTime();
            p.setPointsOn(t -> new SetPoint(w, p0 - (int) ((t - t0) / 1e9 * speed), -speed));
            p.clock().sleepNanos(250_000_000L);
            mark = p.mark();
            NodeProbe.Sent stopSent = p.sendCommand(new com.lianarig.protocol.Stop(1 << w,
                    com.lianarig.protocol.StopCategory.CAT_1));
            NodeProbe.Sent applySent = p.sendCommand(new Brake(w, BrakeAction.APPLY));
            p.setPointsOff();
            stop = p.awaitAnswer(stopSent, Session.ANSWER_WAIT_NANOS);
            apply = p.awaitAnswer(applySent, Session.ANSWER_WAIT_NANOS);
            p.await(mark, WinchStatus.class, ws -> ws.winch() == w && ws.state() == WinchState.BRAKED
                    && Session.bothBrakes(ws), 2_000_000_000L);
        } finally {
            end(s);
        }
        List<WinchStatus> after = statuses(p.since(mark), w);
        List<String> wrong = new ArrayList<>();
        if (stop == null || !stop.ack() || apply == null || !apply.ack()) {
            wrong.add("STOP " + (stop == null ? "no answer" : stop.describe()) + ", BRAKE APPLY "
                    + (apply == null ? "no answer" : apply.describe()));
        }
        if (after.stream().anyMatch(x -> x.state() == WinchState.TRIPPED)) {
            wrong.add("the winch TRIPPED");
        }
        boolean braked = after.stream().anyMatch(x -> x.state() == WinchState.BRAKED && Session.bothBrakes(x));
        if (!braked) {
            wrong.add("the winch did not end BRAKED");
        }
        boolean sawStopping = after.stream().anyMatch(x -> x.state() == WinchState.STOPPING);
        return Verdict.of(wrong.isEmpty(), (sawStopping ? "STOPPING -> " : "") + (braked ? "BRAKED" : "not BRAKED"),
                "ACK, ACK, BRAKED", String.join("; ", wrong));
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
