package com.lianarig.tools.commission;

import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.rig.Limits;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RopeConfig;
import com.lianarig.config.rig.WinchConfig;
import com.lianarig.hal.CommandResult;
import com.lianarig.hal.Winch;
import com.lianarig.hal.WinchReading;
import com.lianarig.hal.WinchStatusListener;
import com.lianarig.hal.node.NodeLinkState;
import com.lianarig.hal.node.NodeSession;
import com.lianarig.hal.node.WinchLimits;
import com.lianarig.protocol.BrakeAction;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import com.lianarig.tools.calibrate.Prompter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Step 1 of the commissioning, on one winch: with the rope unloaded and the technician's go, a small
 * slow move up and back down, and a comparison of what the encoder counted with what was commanded
 * (and, at a terminal, with what the technician saw).
 *
 * <p>Safety: the node keeps the controller's limits (speeds, acceleration, following error, overspeed,
 * set-point gap, heartbeat watchdog) and, for the move, soft limits narrowed to a window around where
 * the winch stands. The node applies soft limits to a referenced winch only (PROTOCOL.md Annex B.19,
 * SPEC I-6): an unreferenced winch's move is bounded by the planned 20 mm, the unreferenced jog speed
 * (SR-19) and the node's following-error trip. A paired winch moves at most the pair difference (SR-13). Brakes are applied while the technician answers.
 * Any fault a node reports stops the winch at once (category 0) and ends the check.
 *
 * <p>Threads: the command's thread runs the check; the node session's owner thread streams the
 * set-points from the winch's status listener (each WINCH_STATUS brings the next), so they keep
 * coming at the status rate whatever the command's thread does.
 */
final class DirectionCheck {
    /** The move, mm (a paired winch moves at most the pair difference). */
    static final double MOVE_MM = 20;
    /** Room left around the move in the soft-limit window, mm. */
    static final double WINDOW_MARGIN_MM = 10;
    /** A rope whose channel changes by more than this during the move is caught on something, counts (~5 kg). */
    static final double CAUGHT_CHANGE_COUNTS = 100_000;
    /** The same with a calibrated channel, kg. */
    static final double CAUGHT_CHANGE_KG = 10;
    private static final long COMMAND_TIMEOUT_MS = 3_000;
    private static final long SETTLE_NANOS = 500_000_000L;

    private final RigConnection conn;
    private final RigConfig rig;
    private final Calibrations calibrations;
    private final Prompter prompter;
    private final PrintWriter out;
    private final boolean yes;

    DirectionCheck(RigConnection conn, RigConfig rig, Calibrations calibrations, Prompter prompter, PrintWriter out,
            boolean yes) {
        this.conn = conn;
        this.rig = rig;
        this.calibrations = calibrations;
        this.prompter = prompter;
        this.out = out;
        this.yes = yes;
    }

    /** What one move did. */
    private record Moved(int startCounts, int endCounts, RigConnection.FaultEvent fault, String refusal, boolean late) {
        Moved(int startCounts, int endCounts, RigConnection.FaultEvent fault, String refusal) {
            this(startCounts, endCounts, fault, refusal, fault != null && fault.fault() == NodeFault.SETPOINT_GAP);
        }

        int movedCounts() {
            return endCounts - startCounts;
        }
    }

    /** Streams a move's set-points from the winch's status listener (node session owner thread). */
    private static final class Streamer implements WinchStatusListener {
        private final Winch winch;
        private volatile MoveProfile profile;
        private volatile long startNanos;

        Streamer(Winch winch) {
            this.winch = winch;
        }

        void begin(MoveProfile p, long nowNanos) {
            startNanos = nowNanos;
            profile = p;
        }

        void end() {
            profile = null;
        }

        @Override
        public void onStatus(int w, WinchState state, int positionCounts, int velocityCountsPerS,
                int setpointPositionCounts, int setpointVelocityCountsPerS, int flags, NodeFault fault, long nodeTimeUs,
                long receivedAtNanos) {
            MoveProfile p = profile;
            if (p == null || state != WinchState.FOLLOWING) {
                return;
            }
            double tS = (receivedAtNanos - startNanos) / 1e9;
            winch.setPoint((int) Math.round(p.positionAt(tS)), (int) Math.round(p.velocityAt(tS)));
        }
    }

    /**
     * Checks one winch.
     *
     * @throws Prompter.Abort when the technician quits
     */
    CheckResult run(WinchConfig w) throws Prompter.Abort, InterruptedException {
        NodeSession session = conn.session(w.node());
        Winch winch = session.winch(w.index());
        String name = w.id();
        out.println();
        out.printf(Locale.ROOT, "Winch %s (node %s, winch %d)%n", name, w.node(), w.index());
        conn.clearShutdownIfAny(w.node(), out);
        Optional<WinchReading> first = awaitBraked(winch) ? winch.latest() : awaitReading(winch);
        if (first.isEmpty() || session.linkState() != NodeLinkState.READY) {
            return CheckResult.notDone("direction", name, "NO STATUS", "no status from the winch (link "
                    + session.linkState() + ": " + session.linkStateReason() + ")", "check the node's cable and power,"
                            + " then run the check again");
        }
        WinchReading r = first.get();
        if (r.state() != WinchState.BRAKED) {
            return CheckResult.notDone("direction", name, "WINCH " + r.state(), "the winch is " + r.state()
                    + (r.fault() == NodeFault.NONE ? "" : " (fault " + r.fault() + ")"), "winch " + name + ": find why it"
                            + " is " + r.state() + ", restart the node (or let the service reset it), then run the"
                            + " check again");
        }
        if ((r.flags() & WinchStatus.FLAG_DRIVE_POWERED) == 0) {
            return CheckResult.notDone("direction", name, "NO DRIVE POWER", "the drive has no power", "close the"
                    + " safety chain (release every emergency stop, reset the safety relay), then run the check again");
        }
        List<RopeConfig> ropes = rig.ropes().stream().filter(x -> x.winch().filter(name::equals).isPresent()).toList();
        CheckResult loaded = checkUnloaded(name, ropes);
        if (loaded != null) {
            return loaded;
        }

        Limits limits = rig.limits();
        double cpm = w.countsPerMm();
        boolean paired = rig.partner(w).isPresent();
        double moveMm = paired ? Math.min(MOVE_MM, limits.pairDifferenceMm()) : MOVE_MM;
        double speedMmPerS = Math.min(limits.unreferencedJogMmPerS(), Math.min(limits.ascentMmPerS(),
                limits.descentMmPerS()));
        int moveCounts = (int) Math.round(moveMm * cpm);
        int start = r.positionCounts();
        WinchLimits original = session.setup().winches().stream().filter(l -> l.winch() == w.index()).findFirst()
                .orElseThrow();
        WinchLimits window = window(original, start, moveCounts, (int) Math.round(WINDOW_MARGIN_MM * cpm),
                (r.flags() & WinchStatus.FLAG_REFERENCED) != 0);
        if (window == null) {
            return CheckResult.notDone("direction", name, "NO ROOM", String.format(Locale.ROOT, "the winch stands"
                    + " at %.0f mm: a move up %.0f mm and back would leave its soft limits (%s..%s mm)", start / cpm,
                    moveMm, DirectionVerdict.trim(w.softLowMm()), DirectionVerdict.trim(w.softHighMm())),
                    "bring winch " + name + " inside its soft limits, clear of the top (the service's rescue or"
                            + " jog), then run the check again");
        }
        out.printf(Locale.ROOT, "  It moves UP %.0f mm at %.0f mm/s, stops (brakes on), then comes back down.%n",
                moveMm, speedMmPerS);
        out.println("  Keep clear of its drum and rope; the rope must hang free (nothing and nobody on it).");
        if (!Confirm.enterOrSkip(prompter, out, yes, "  Press Enter to move it (s to skip this winch, q to quit): ")) {
            return CheckResult.notDone("direction", name, "SKIPPED", "skipped by the technician", "");
        }
        CommandResult narrowed = await(session.configureWinch(window));
        if (!narrowed.accepted()) {
            return CheckResult.notDone("direction", name, "REFUSED", "the node refused the move's limits: "
                    + narrowed.description(), "run the check again; if it persists, check the node's firmware");
        }
        Streamer streamer = new Streamer(winch);
        winch.addStatusListener(streamer);
        try {
            double speedCounts = speedMmPerS * cpm;
            double accelCounts = Math.min(limits.accelMmPerS2(), 4 * speedMmPerS) * cpm;
            Moved up = moveRetrying(session, winch, streamer, start + moveCounts, speedCounts, accelCounts, "up", moveMm, cpm,
                    ropes);
            if (up.refusal() != null || up.fault() != null) {
                return stopped(name, moveCounts, up, cpm);
            }
            DirectionVerdict.Seen seen = DirectionVerdict.Seen.NOT_ASKED;
            double measuredMm = Double.NaN;
            if (!yes) {
                String answer = askSeen(name, moveMm);
                if (answer.equals("d")) {
                    seen = DirectionVerdict.Seen.DOWN;
                } else if (answer.equals("n")) {
                    seen = DirectionVerdict.Seen.NOT_MOVED;
                } else if (answer.equals("u")) {
                    seen = DirectionVerdict.Seen.UP;
                } else {
                    measuredMm = Double.parseDouble(answer);
                }
            }
            Moved down = moveRetrying(session, winch, streamer, start, speedCounts, accelCounts, "down", moveMm, cpm, ropes);
            if (down.refusal() != null || down.fault() != null) {
                return stopped(name, -moveCounts, down, cpm); // on the way back: judged as a move down
            }
            CheckResult verdict = DirectionVerdict.judge(name, moveCounts, up.movedCounts(), cpm, null, 0, 0, seen,
                    measuredMm);
            return new CheckResult(verdict.check(), verdict.subject(), verdict.outcome(), verdict.verdict(),
                    verdict.detail() + String.format(Locale.ROOT, "; back down %+.1f mm", down.movedCounts() / cpm),
                    verdict.fix());
        } finally {
            streamer.end();
            winch.removeStatusListener(streamer);
            restore(session, winch, original);
        }
    }

    /** Sends the controller's limits back; a winch left TRIPPED keeps the window until the next connection. */
    private void restore(NodeSession session, Winch winch, WinchLimits original) throws InterruptedException {
        CommandResult restored = awaitBraked(winch) ? await(session.configureWinch(original)) : null;
        if (restored == null || !restored.accepted()) {
            out.println("  note: the node keeps the move's narrower soft limits ("
                    + (restored == null ? "the winch is not braked" : restored.description()) + "); the service sends"
                    + " the rig file's at its next connection.");
            out.flush();
        }
    }

    /** Soft limits around the move; within the rig file's when the position is referenced; null without room. */
    static WinchLimits window(WinchLimits l, int start, int moveCounts, int marginCounts, boolean referenced) {
        long low = (long) start - marginCounts;
        long high = (long) start + moveCounts + marginCounts;
        if (referenced) {
            low = Math.max(low, l.softLimitLowCounts());
            high = Math.min(high, l.softLimitHighCounts());
            if (high < (long) start + moveCounts || low > start) {
                return null;
            }
        }
        low = Math.max(Integer.MIN_VALUE, low);
        high = Math.min(Integer.MAX_VALUE, high);
        return new WinchLimits(l.winch(), l.maxAscentCountsPerS(), l.maxDescentCountsPerS(), l.maxAccelCountsPerS2(),
                l.overspeedPercent(), l.maxFollowingErrorCounts(), (int) low, (int) high, l.unreferencedMaxCountsPerS());
    }

    private CheckResult stopped(String name, int commandedCounts, Moved m, double cpm) {
        if (m.refusal() != null) {
            return CheckResult.notDone("direction", name, "REFUSED", m.refusal(), "winch " + name + ": see why the node"
                    + " refused, then run the check again");
        }
        RigConnection.FaultEvent f = m.fault();
        if (f.fault() == null) {
            return CheckResult.notDone("direction", name, "STOPPED", f.description(), "winch " + name + ": remove the"
                    + " cause (see the detail), then run the check again");
        }
        return DirectionVerdict.judge(name, commandedCounts, m.movedCounts(), cpm, f.fault(), f.measured(), f.limit(),
                DirectionVerdict.Seen.NOT_ASKED, Double.NaN);
    }

    /**
     * {@link #move}, tried again (twice at most) after a set-point gap: the node's own category 1 stop
     * when this computer's set-points come late (a busy machine), not a fault of the rig. The target is
     * absolute, so a retry completes the move.
     */
    private Moved moveRetrying(NodeSession session, Winch winch, Streamer streamer, int target, double speedCountsPerS,
            double accelCountsPerS2, String way, double moveMm, double cpm, List<RopeConfig> ropes)
            throws InterruptedException {
        Moved first = null;
        for (int attempt = 0; ; attempt++) {
            Moved m = move(session, winch, streamer, target, speedCountsPerS, accelCountsPerS2, way, moveMm, cpm, ropes);
            first = first == null ? m : first;
            Moved whole = new Moved(first.startCounts(), m.endCounts(), m.fault(), m.refusal(), m.late());
            long commanded = (long) target - first.startCounts();
            boolean wrongWay = (long) whole.movedCounts() * commanded < 0
                    && Math.abs(whole.movedCounts()) > DirectionVerdict.NO_MOVEMENT_FRACTION / 2 * Math.abs(commanded);
            if (!m.late() || wrongWay || attempt == 2 || !awaitBraked(winch)) {
                return whole;
            }
            out.println("  the set-points came too late (a busy computer): trying again.");
            out.flush();
        }
    }

    /** The winch's and its node's state, for messages: e.g. "winch BRAKED 12 ms ago, node RUNNING, link READY". */
    private static String describe(NodeSession session, Winch winch) {
        return winch.latest().map(r -> "winch " + r.state() + " " + (System.nanoTime() - r.receivedAtNanos()) / 1_000_000
                + " ms ago").orElse("no winch status") + ", node " + session.nodeState().map(Enum::name).orElse("?")
                + ", link " + session.linkState();
    }

    private static boolean awaitBraked(Winch winch) throws InterruptedException {
        long until = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() - until < 0) {
            if (winch.latest().map(WinchReading::state).orElse(null) == WinchState.BRAKED) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** Releases the brakes, follows the profile to {@code target}, applies the brakes; stops at once on a fault. */
    private Moved move(NodeSession session, Winch winch, Streamer streamer, int target, double speedCountsPerS,
            double accelCountsPerS2, String way, double moveMm, double cpm, List<RopeConfig> ropes)
            throws InterruptedException {
        int mark = conn.faultCount();
        long baselineFrom = System.nanoTime() - 500_000_000L;
        double[] baseline = ropes.stream().mapToDouble(rope -> mean(rope, baselineFrom)).toArray();
        int startCounts = winch.latest().map(WinchReading::positionCounts).orElse(0);
        // hold where it stands from the first FOLLOWING status on: no set-point gap before the move begins
        streamer.begin(new MoveProfile(startCounts, 0, speedCountsPerS, accelCountsPerS2), System.nanoTime());
        CommandResult released = await(winch.brake(BrakeAction.RELEASE));
        if (!released.accepted()) {
            streamer.end();
            return new Moved(startCounts, startCounts, null, "the node refused to release the brakes: "
                    + released.description());
        }
        long until = System.nanoTime() + 2_000_000_000L;
        while (winch.latest().map(WinchReading::state).orElse(null) != WinchState.FOLLOWING) {
            RigConnection.FaultEvent f = firstFault(session, winch, mark);
            if (f != null) {
                return stopNow(session, winch, streamer, startCounts, f);
            }
            if (System.nanoTime() - until > 0) {
                // released, yet never seen following: it stopped again at once, its set-points late (busy machine)
                Moved m = stopNow(session, winch, streamer, startCounts, new RigConnection.FaultEvent(
                        session.address(), winch.index(), null, 0, 0, "the winch did not follow after its brakes were"
                                + " released (" + describe(session, winch) + ")"));
                return new Moved(m.startCounts(), m.endCounts(), m.fault(), null, true);
            }
            Thread.sleep(5);
        }
        startCounts = winch.latest().orElseThrow().positionCounts();
        MoveProfile profile = new MoveProfile(startCounts, target - startCounts, speedCountsPerS, accelCountsPerS2);
        long t0 = System.nanoTime();
        streamer.begin(profile, t0);
        long endNanos = t0 + (long) (profile.durationS() * 1e9) + SETTLE_NANOS;
        MoveProgress progress = new MoveProgress(out, System.console() != null, way, moveMm);
        while (System.nanoTime() - endNanos < 0) {
            RigConnection.FaultEvent f = firstFault(session, winch, mark);
            WinchReading now = winch.latest().orElseThrow();
            if (f == null && now.state() != WinchState.FOLLOWING) {
                f = new RigConnection.FaultEvent(session.address(), winch.index(),
                        now.fault() == NodeFault.NONE ? null : now.fault(), 0, 0, "the winch left FOLLOWING for "
                                + now.state() + " (fault " + now.fault() + ")");
            }
            if (f == null) {
                f = caught(ropes, baseline);
            }
            if (f != null) {
                progress.done();
                return stopNow(session, winch, streamer, startCounts, f);
            }
            progress.update(Math.abs(now.positionCounts() - startCounts) / cpm);
            Thread.sleep(20);
        }
        progress.done();
        CommandResult applied = await(winch.brake(BrakeAction.APPLY));
        long braked = System.nanoTime() + 3_000_000_000L;
        while (winch.latest().orElseThrow().state() != WinchState.BRAKED) {
            RigConnection.FaultEvent f = firstFault(session, winch, mark);
            if (f != null || System.nanoTime() - braked > 0) {
                return stopNow(session, winch, streamer, startCounts, f != null ? f
                        : new RigConnection.FaultEvent(session.address(), winch.index(), null, 0, 0,
                                "the brakes did not apply: " + applied.description()));
            }
            Thread.sleep(5);
        }
        streamer.end();
        int endCounts = winch.latest().orElseThrow().positionCounts();
        out.printf(Locale.ROOT, "  moved %s: the encoder counted %+d counts (%+.1f mm); brakes on.%n", way,
                endCounts - startCounts, (endCounts - startCounts) / cpm);
        out.flush();
        return new Moved(startCounts, endCounts, null, null);
    }

    private Moved stopNow(NodeSession session, Winch winch, Streamer streamer, int startCounts,
            RigConnection.FaultEvent f) throws InterruptedException {
        streamer.end();
        winch.stop(StopCategory.CAT_0);
        out.println("  STOPPED: " + f.description());
        out.flush();
        Thread.sleep(200);
        int end = winch.latest().map(WinchReading::positionCounts).orElse(startCounts);
        return new Moved(startCounts, end, f, null);
    }

    /** A fault of this winch's node (this winch, or the node as a whole), or a link fault, since the mark. */
    private RigConnection.FaultEvent firstFault(NodeSession session, Winch winch, int mark) {
        for (RigConnection.FaultEvent f : conn.faultsSince(mark)) {
            if (f.nodeAddress() == session.address() && (f.winch() == winch.index() || f.winch() == 255)) {
                return f;
            }
        }
        return null;
    }

    /** A rope of the moving winch whose load rose: something is caught, or someone holds it. */
    private RigConnection.FaultEvent caught(List<RopeConfig> ropes, double[] baseline) {
        long since = System.nanoTime() - 250_000_000L;
        for (int i = 0; i < ropes.size(); i++) {
            RopeConfig rope = ropes.get(i);
            double change = mean(rope, since) - baseline[i];
            if (Double.isNaN(change)) {
                continue;
            }
            double kg = calibrations.changeKg(rope.node(), rope.channel(), change);
            if (Double.isNaN(kg) ? Math.abs(change) > CAUGHT_CHANGE_COUNTS : Math.abs(kg) > CAUGHT_CHANGE_KG) {
                return new RigConnection.FaultEvent(0, 255, null, 0, 0, String.format(Locale.ROOT,
                        "the load on rope %s changed by %,.0f counts while it moved: something is caught on it, or"
                                + " someone holds it", rope.id(), change));
            }
        }
        return null;
    }

    private double mean(RopeConfig rope, long sinceNanos) {
        ChannelHistory h = conn.history(rope.node(), rope.channel());
        return h == null ? Double.NaN : h.since(sinceNanos).meanCounts();
    }

    /** The rope(s) of the winch read near zero (calibrated), or the technician says nothing hangs on them. */
    private CheckResult checkUnloaded(String winch, List<RopeConfig> ropes) throws Prompter.Abort, InterruptedException {
        Thread.sleep(300);
        for (RopeConfig rope : ropes) {
            ChannelHistory h = conn.history(rope.node(), rope.channel());
            ChannelHistory.Stats s = h.since(System.nanoTime() - 500_000_000L);
            if (s.samples() == 0) {
                return CheckResult.notDone("direction", winch, "NO LOAD READING", "rope " + rope.id() + "'s channel (node "
                        + rope.node() + " channel " + rope.channel() + ") gives no valid sample", "check its load cell"
                                + " and cable: the rig must be seen unloaded before a winch moves");
            }
            Optional<Calibration> cal = calibrations.of(rope.node(), rope.channel());
            if (cal.isPresent()) {
                double kg = cal.get().loadKg(s.meanCounts());
                if (Math.abs(kg) > rig.limits().tareMaxLoadKg()) {
                    return CheckResult.notDone("direction", winch, "LOADED", String.format(Locale.ROOT,
                            "rope %s reads %.1f kg (more than %s kg)", rope.id(), kg,
                            DirectionVerdict.trim(rig.limits().tareMaxLoadKg())), "take everything off rope " + rope.id()
                                    + " (the rig must be unloaded), then run the check again");
                }
                out.printf(Locale.ROOT, "  rope %s reads %.1f kg: unloaded.%n", rope.id(), kg);
            } else if (yes) {
                out.printf(Locale.ROOT, "  rope %s: channel not calibrated (%.0f counts): taken as unloaded (--yes).%n",
                        rope.id(), s.meanCounts());
            } else {
                String a = prompter.ask(String.format(Locale.ROOT, "  Rope %s's channel is not calibrated, so its"
                        + " reading (%.0f counts) cannot show it is free. Is nothing hanging on it? [y/N] ", rope.id(),
                        s.meanCounts())).toLowerCase(Locale.ROOT);
                if (!a.equals("y") && !a.equals("yes")) {
                    return CheckResult.notDone("direction", winch, "NOT UNLOADED", "the technician did not confirm rope "
                            + rope.id() + " is free", "take everything off rope " + rope.id() + ", then run the check"
                                    + " again");
                }
            }
        }
        return null;
    }

    private String askSeen(String name, double moveMm) throws Prompter.Abort {
        while (true) {
            String a = prompter.ask(String.format(Locale.ROOT, "  Which way did the %s strap move? u = up, d = down,"
                    + " n = it did not move, or the distance you measured in mm (e.g. %.0f, or -%.0f down) [u]: ", name,
                    moveMm, moveMm)).toLowerCase(Locale.ROOT);
            if (a.isEmpty()) {
                return "u";
            }
            if (a.equals("u") || a.equals("d") || a.equals("n")) {
                return a;
            }
            try {
                double mm = Double.parseDouble(a);
                if (Double.isFinite(mm) && Math.abs(mm) <= 1000) {
                    return Double.toString(mm);
                }
            } catch (NumberFormatException e) {
                // asked again below
            }
            out.println("  u, d, n, or a distance in mm between -1000 and 1000.");
        }
    }

    private static CommandResult await(CompletableFuture<CommandResult> f) throws InterruptedException {
        try {
            return f.get(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a command failed unexpectedly", e.getCause());
        } catch (TimeoutException e) {
            return new CommandResult(com.lianarig.protocol.MessageType.BRAKE, CommandResult.Outcome.LOST, null, 0,
                    "no answer within " + COMMAND_TIMEOUT_MS + " ms");
        }
    }

    private static Optional<WinchReading> awaitReading(Winch winch) throws InterruptedException {
        long until = System.nanoTime() + 2_000_000_000L;
        while (winch.latest().isEmpty() && System.nanoTime() - until < 0) {
            Thread.sleep(10);
        }
        return winch.latest();
    }
}
