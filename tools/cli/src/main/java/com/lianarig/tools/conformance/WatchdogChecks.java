package com.lianarig.tools.conformance;

import com.lianarig.protocol.Brake;
import com.lianarig.protocol.BrakeAction;
import com.lianarig.protocol.ClearShutdown;
import com.lianarig.protocol.ConfigureWinch;
import com.lianarig.protocol.FaultReport;
import com.lianarig.protocol.NackReason;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.NodeStatus;
import com.lianarig.protocol.Reference;
import com.lianarig.protocol.ReferenceMode;
import com.lianarig.protocol.Stop;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The heartbeat watchdog and the sticky shutdown (PROTOCOL.md sections 6.2, 7.9, 7.10, 9.2), with
 * every winch braked: the tester stops feeding the watchdog and watches the node shut down, refuse,
 * stay down when heartbeats return, and come back only on CLEAR_SHUTDOWN.
 */
final class WatchdogChecks {
    private WatchdogChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("W1", "6.2, 7.9, 9.3", "no HEARTBEAT for 200 ms: FAULT_REPORT HEARTBEAT_TIMEOUT", false,
                        WatchdogChecks::watchdogTrips),
                new Check("W2", "6.2, 6.3, 7.18", "then NODE_STATUS SHUTDOWN; every winch SHUTDOWN, both brakes",
                        false, WatchdogChecks::shutdownReported),
                new Check("W3", "7.19, 12.25", "DRIVE_POWERED is kept through the node's own category 0", false,
                        WatchdogChecks::drivePoweredKept),
                new Check("S1", "7.10, 9.1", "CLEAR_SHUTDOWN without heartbeats: NACK HEARTBEAT_NOT_ALIVE", false,
                        WatchdogChecks::clearWithoutHeartbeat),
                new Check("S2", "6.2, 9.1", "in SHUTDOWN other commands get NACK SHUTDOWN_ACTIVE", false,
                        WatchdogChecks::shutdownActive),
                new Check("S3", "7.5, 12.9", "in SHUTDOWN STOP is acknowledged, IDENTIFY keeps SHUTDOWN", false,
                        WatchdogChecks::stopAndIdentifyInShutdown),
                new Check("S4", "6.2", "sticky: heartbeats return, the node stays in SHUTDOWN", false,
                        WatchdogChecks::sticky),
                new Check("S5", "6.2, 7.10", "CLEAR_SHUTDOWN with heartbeats: ACK, RUNNING, winches BRAKED", false,
                        WatchdogChecks::clearWithHeartbeat));
    }

    /** SHUTDOWN, made by stopping the heartbeat if an earlier check did not leave the node there. */
    static void ensureShutdown(Session s) throws InterruptedException {
        if (s.identity() != null) {
            NodeStatus st = s.nodeStatus();
            if (st != null && st.state() == NodeState.SHUTDOWN) {
                return;
            }
        }
        s.ensureRunning();
        NodeProbe p = s.probe();
        int mark = p.mark();
        p.heartbeatsOff();
        if (p.await(mark, NodeStatus.class, st -> st.state() == NodeState.SHUTDOWN,
                s.settings().limitNanos(ConformanceSettings.HEARTBEAT_TIMEOUT_MS) + 1_000_000_000L) == null) {
            throw new Session.Unmet("the node did not shut down without heartbeats (W1)");
        }
    }

    private static Verdict watchdogTrips(Session s) throws InterruptedException {
        s.ensureRunning();
        NodeProbe p = s.probe();
        boolean early = p.latest(FaultReport.class, f -> f.fault() == NodeFault.HEARTBEAT_TIMEOUT) != null;
        int mark = p.mark();
        long last = p.heartbeatsOff();
        int timeoutMs = ConformanceSettings.HEARTBEAT_TIMEOUT_MS;
        ConformanceSettings c = s.settings();
        NodeProbe.Received r = p.await(mark, FaultReport.class, f -> f.fault() == NodeFault.HEARTBEAT_TIMEOUT,
                c.limitNanos(timeoutMs) + 1_000_000_000L);
        if (r == null) {
            return Verdict.fail("no FAULT_REPORT", c.limitText(timeoutMs),
                    "the node did not shut down within " + (timeoutMs + c.allowanceMs() + 1000) + " ms without heartbeats");
        }
        FaultReport f = (FaultReport) r.message();
        double elapsedMs = (r.atNanos() - last) / 1e6;
        String measured = String.format(Locale.ROOT, "%.1f ms (node: %d of %d ms)", elapsedMs, f.measured(), f.limit());
        List<String> wrong = new ArrayList<>();
        if (early) {
            wrong.add("a HEARTBEAT_TIMEOUT came earlier in the run, while heartbeats flowed every 25 ms");
        }
        if (elapsedMs > timeoutMs + c.allowanceMs()) {
            wrong.add("too late");
        }
        if (elapsedMs < timeoutMs - 2) {
            wrong.add("too early: the node must wait the whole configured timeout");
        }
        if (f.winch() != FaultReport.NODE_WIDE || f.limit() != timeoutMs || f.measured() < timeoutMs) {
            wrong.add("FAULT_REPORT must name winch 255, limit " + timeoutMs + " and the ms since the last HEARTBEAT");
        }
        return Verdict.of(wrong.isEmpty(), measured, c.limitText(timeoutMs), String.join("; ", wrong));
    }

    private static Verdict shutdownReported(Session s) throws InterruptedException {
        ensureShutdown(s);
        NodeStatus st = s.nodeStatus();
        List<String> wrong = new ArrayList<>();
        if (st == null || st.state() != NodeState.SHUTDOWN || st.lastShutdownCause() != NodeFault.HEARTBEAT_TIMEOUT) {
            wrong.add("NODE_STATUS " + (st == null ? "missing" : st.state() + "/" + st.lastShutdownCause()));
        }
        int braked = 0;
        int winches = s.identity().winchCount();
        for (int w = 0; w < winches; w++) {
            WinchStatus ws = s.winchStatus(w);
            if (ws != null && ws.state() == WinchState.SHUTDOWN && Session.bothBrakes(ws)) {
                braked++;
            } else {
                wrong.add("winch " + w + " " + (ws == null ? "silent" : ws.state()
                        + (Session.bothBrakes(ws) ? "" : " brakes released")));
            }
        }
        String measured = (st == null ? "?" : st.state() + "/" + st.lastShutdownCause()) + ", " + braked + "/"
                + winches + " winches";
        return Verdict.of(wrong.isEmpty(), measured, "SHUTDOWN/HEARTBEAT_TIMEOUT, all", String.join("; ", wrong));
    }

    /**
     * Annex B.25 (SPEC SR-11): DRIVE_POWERED reports the drive's supply, not the node's drive enable, so
     * the watchdog's category 0 (the node's own) leaves it as it was: set before, set in SHUTDOWN.
     */
    private static Verdict drivePoweredKept(Session s) throws InterruptedException {
        ensureShutdown(s);
        int w = s.winch();
        List<NodeProbe.Received> all = s.probe().since(0);
        int shutdownAt = -1;
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).message() instanceof FaultReport f && f.fault() == NodeFault.HEARTBEAT_TIMEOUT) {
                shutdownAt = i;
                break;
            }
        }
        if (shutdownAt < 0) {
            throw new Session.Unmet("no HEARTBEAT_TIMEOUT report seen (W1)");
        }
        WinchStatus before = null;
        for (int i = shutdownAt - 1; i >= 0 && before == null; i--) {
            if (all.get(i).message() instanceof WinchStatus ws && ws.winch() == w) {
                before = ws;
            }
        }
        WinchStatus after = s.winchStatus(w);
        if (before == null || after == null) {
            throw new Session.Unmet("no WINCH_STATUS of winch " + w + " around the shutdown");
        }
        if ((before.flags() & WinchStatus.FLAG_DRIVE_POWERED) == 0) {
            return Verdict.skip("the drive had no power before the shutdown (the safety chain open?): nothing to see");
        }
        boolean kept = (after.flags() & WinchStatus.FLAG_DRIVE_POWERED) != 0;
        return Verdict.of(kept, "before 1, in " + after.state() + " " + (kept ? "1" : "0"), "1, 1",
                "DRIVE_POWERED must report the supply: the node's own category 0 leaves it set (0 is an emergency stop"
                        + " to the host, SR-11)");
    }

    private static Verdict clearWithoutHeartbeat(Session s) throws InterruptedException {
        ensureShutdown(s);
        NodeProbe p = s.probe();
        long last = p.heartbeatsOff();
        long quiet = s.settings().limitNanos(ConformanceSettings.HEARTBEAT_TIMEOUT_MS) + 50_000_000L;
        p.clock().sleepNanos(Math.max(0, last + quiet - p.clock().nanoTime()));
        NodeProbe.Answer a = s.command(new ClearShutdown());
        NodeStatus st = s.nodeStatus();
        String wrong = MessageChecks.unlessNack(a, NackReason.HEARTBEAT_NOT_ALIVE, 0);
        boolean stays = st != null && st.state() == NodeState.SHUTDOWN;
        return Verdict.of(wrong == null && stays, (a == null ? "no answer" : a.describe()) + ", "
                        + (st == null ? "?" : st.state()), "NACK HEARTBEAT_NOT_ALIVE/0, SHUTDOWN",
                "CLEAR_SHUTDOWN must be refused while no heartbeat arrives");
    }

    private static Verdict shutdownActive(Session s) throws InterruptedException {
        ensureShutdown(s);
        int w = s.winch();
        ConfigureWinch config = s.winchConfig() != null ? s.winchConfig()
                : new ConfigureWinch(w, 100, 100, 200, 120, 1000, -1000, 1000, 100);
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        List<com.lianarig.protocol.Message> commands = new ArrayList<>(List.of(s.nodeConfiguration(), config,
                new Reference(w, ReferenceMode.SET_POSITION, 0, 0)));
        if (s.settings().motion()) {
            commands.add(new Brake(w, BrakeAction.RELEASE));
        }
        for (com.lianarig.protocol.Message m : commands) {
            sent++;
            String x = MessageChecks.unlessNack(s.command(m), NackReason.SHUTDOWN_ACTIVE, 0);
            if (x != null) {
                wrong.add(m.type() + ": " + x);
            }
        }
        return Verdict.of(wrong.isEmpty(), (sent - wrong.size()) + "/" + sent + " refused",
                MessageChecks.want(NackReason.SHUTDOWN_ACTIVE, 0), String.join("; ", wrong));
    }

    private static Verdict stopAndIdentifyInShutdown(Session s) throws InterruptedException {
        ensureShutdown(s);
        NodeProbe.Answer a = s.command(new Stop(0xFF, StopCategory.CAT_1));
        Session.IdentifyReply id = s.identify();
        NodeStatus st = s.nodeStatus();
        boolean ok = a != null && a.ack() && id != null && st != null && st.state() == NodeState.SHUTDOWN;
        return Verdict.of(ok, (a == null ? "no answer" : a.describe()) + ", " + (id == null ? "no IDENTIFY" : "IDENTIFY")
                + ", " + (st == null ? "?" : st.state()), "ACK, IDENTIFY, SHUTDOWN",
                "STOP is always accepted; IDENTIFY_REQUEST does not leave SHUTDOWN");
    }

    private static Verdict sticky(Session s) throws InterruptedException {
        ensureShutdown(s);
        NodeProbe p = s.probe();
        p.heartbeatsOn();
        int mark = p.mark();
        p.clock().sleepNanos(500_000_000L);
        List<NodeState> states = p.since(mark).stream().filter(r -> r.message() instanceof NodeStatus)
                .map(r -> ((NodeStatus) r.message()).state()).toList();
        WinchStatus ws = s.winchStatus(s.winch());
        boolean ok = !states.isEmpty() && states.stream().allMatch(x -> x == NodeState.SHUTDOWN) && ws != null
                && ws.state() == WinchState.SHUTDOWN;
        String measured = states.isEmpty() ? "no NODE_STATUS" : states.stream().allMatch(x -> x == NodeState.SHUTDOWN)
                ? "SHUTDOWN for 500 ms" : "left SHUTDOWN (" + states.get(states.size() - 1) + ")";
        return Verdict.of(ok, measured + (ws == null ? "" : ", winch " + ws.state()), "SHUTDOWN until CLEAR_SHUTDOWN",
                "only CLEAR_SHUTDOWN may end a watchdog shutdown (heartbeats alone must not)");
    }

    private static Verdict clearWithHeartbeat(Session s) throws InterruptedException {
        ensureShutdown(s);
        NodeProbe p = s.probe();
        p.heartbeatsOn();
        p.clock().sleepNanos(100_000_000L);
        NodeProbe.Answer a = s.command(new ClearShutdown());
        NodeProbe.Received running = p.await(p.mark(), NodeStatus.class, st -> st.state() == NodeState.RUNNING,
                300_000_000L);
        List<String> wrong = new ArrayList<>();
        int winches = s.identity().winchCount();
        for (int w = 0; w < winches; w++) {
            WinchStatus ws = s.winchStatus(w);
            if (ws == null || ws.state() != WinchState.BRAKED || !Session.bothBrakes(ws) || ws.fault() != NodeFault.NONE) {
                wrong.add("winch " + w + " " + (ws == null ? "silent" : ws.state() + "/" + ws.fault()));
            }
        }
        boolean ok = a != null && a.ack() && running != null && wrong.isEmpty();
        return Verdict.of(ok, (a == null ? "no answer" : a.describe()) + ", " + (running == null ? "not RUNNING" : "RUNNING")
                        + (wrong.isEmpty() ? ", winches BRAKED" : ", " + String.join(", ", wrong)),
                "ACK, RUNNING, BRAKED/NONE", "after CLEAR_SHUTDOWN every winch must be BRAKED with no fault");
    }
}
