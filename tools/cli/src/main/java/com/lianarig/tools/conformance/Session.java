package com.lianarig.tools.conformance;

import com.lianarig.protocol.Brake;
import com.lianarig.protocol.BrakeAction;
import com.lianarig.protocol.ClearShutdown;
import com.lianarig.protocol.ConfigureNode;
import com.lianarig.protocol.ConfigureWinch;
import com.lianarig.protocol.Identify;
import com.lianarig.protocol.IdentifyRequest;
import com.lianarig.protocol.Message;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.NodeStatus;
import com.lianarig.protocol.ProtocolDefinition;
import com.lianarig.protocol.Stop;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import java.util.Locale;

/**
 * What the checks share: the probe, the settings, what the node said about itself, and the steps
 * most checks need first (identify, configure the node, configure the winch), each done once and
 * redone when an earlier check left the node elsewhere. A step that fails throws {@link Unmet}: the
 * check is then skipped, naming the step.
 *
 * <p>Owned by the thread that runs the checks.
 */
public final class Session {
    /** How long the tester waits before deciding that an answer will not come, ns (not the limit it judges). */
    static final long ANSWER_WAIT_NANOS = 500_000_000L;

    private final NodeProbe probe;
    private final ConformanceSettings settings;
    private Identify identity;
    private Long firstBootId;
    private double firstIdentifyLatencyMs = -1;
    private boolean nodeConfigured;
    private ConfigureWinch winchConfig;
    private byte[] lastCorrupted;
    private int lastCorruptedSeq;

    Session(NodeProbe probe, ConformanceSettings settings) {
        this.probe = probe;
        this.settings = settings;
    }

    /** A step a check needs could not be done: the check is skipped. */
    static final class Unmet extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unmet(String message) {
            super(message);
        }
    }

    /**
     * A check could not tell: something between node and tester (a stalled host, a stalled virtual
     * rig) spoiled the measurement. The check is run again, up to {@link ConformanceRun#ATTEMPTS} times.
     */
    static final class Inconclusive extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Inconclusive(String message) {
            super(message);
        }
    }

    NodeProbe probe() {
        return probe;
    }

    ConformanceSettings settings() {
        return settings;
    }

    int winch() {
        return settings.winch();
    }

    /** The node's IDENTIFY, or null before {@link #identify}. */
    Identify identity() {
        return identity;
    }

    Long firstBootId() {
        return firstBootId;
    }

    double firstIdentifyLatencyMs() {
        return firstIdentifyLatencyMs;
    }

    // ---- identify ----

    /**
     * IDENTIFY_REQUEST every 100 ms, up to 10 times, as the host does (section 6.1).
     *
     * @return the IDENTIFY and the latency from its request, or null when the node never answered
     */
    IdentifyReply identify() throws InterruptedException {
        for (int attempt = 0; attempt < 10; attempt++) {
            NodeProbe.Sent sent = probe.sendStream(
                    new IdentifyRequest(ProtocolDefinition.PROTOCOL_VERSION, ProtocolDefinition.HASH));
            NodeProbe.Received r = probe.await(sent.mark(), x -> x.message() instanceof Identify, 100_000_000L);
            if (r != null) {
                identity = (Identify) r.message();
                double latencyMs = (r.atNanos() - sent.atNanos()) / 1e6;
                if (firstBootId == null) {
                    firstBootId = identity.bootId();
                    firstIdentifyLatencyMs = latencyMs;
                }
                return new IdentifyReply(identity, latencyMs);
            }
        }
        return null;
    }

    /** An IDENTIFY and how long after its request it came, ms. */
    record IdentifyReply(Identify identify, double latencyMs) {
    }

    /** Identified, with heartbeats flowing (the host feeds the watchdog from the moment it has identified). */
    void ensureIdentified() throws InterruptedException {
        if (identity == null && identify() == null) {
            throw new Unmet("the node never answered IDENTIFY_REQUEST");
        }
        if (settings.winch() >= identity.winchCount()) {
            throw new Unmet("the node has " + identity.winchCount() + " winches: no winch " + settings.winch()
                    + " (choose one with --winch)");
        }
        probe.heartbeatsOn();
    }

    /** The CONFIGURE_NODE the tester sends. */
    ConfigureNode nodeConfiguration() {
        int channels = identity.loadChannelCount();
        int mask = channels == 0 ? 0 : (1 << channels) - 1;
        return new ConfigureNode(Math.min(ConformanceSettings.SAMPLE_RATE_HZ, identity.maxSampleRateHz()),
                ConformanceSettings.STATUS_RATE_HZ, ConformanceSettings.SET_POINT_GAP_MS,
                ConformanceSettings.HEARTBEAT_TIMEOUT_MS, mask);
    }

    /** RUNNING with the tester's configuration; a SHUTDOWN left by an earlier check is cleared first. */
    void ensureRunning() throws InterruptedException {
        ensureIdentified();
        NodeStatus status = nodeStatus();
        if (status == null) {
            throw new Unmet("no NODE_STATUS from the identified node");
        }
        if (status.state() == NodeState.SHUTDOWN) {
            probe.heartbeatsOn();
            probe.clock().sleepNanos(100_000_000L);
            expectAck(new ClearShutdown(), "CLEAR_SHUTDOWN");
            nodeConfigured = false;
        }
        if (!nodeConfigured) {
            expectAck(nodeConfiguration(), "CONFIGURE_NODE");
            nodeConfigured = true;
        }
    }

    /** The corrupted frame R1 sent and its SEQ, for R2 to send intact. */
    void rememberCorrupted(int seq, byte[] frame) {
        lastCorruptedSeq = seq;
        lastCorrupted = frame.clone();
    }

    byte[] lastCorrupted() {
        return lastCorrupted;
    }

    int lastCorruptedSeq() {
        return lastCorruptedSeq;
    }

    /** CONFIGURE_NODE was acknowledged outside {@link #ensureRunning}. */
    void markNodeConfigured() {
        nodeConfigured = true;
    }

    /** The winch configured by the tester (limits from the settings, soft limits around where it stands). */
    ConfigureWinch ensureWinchConfigured() throws InterruptedException {
        ensureRunning();
        if (winchConfig == null) {
            configureWinchAround(position());
        }
        return winchConfig;
    }

    /**
     * Configures the test winch with the tester's limits and soft limits from {@code lowCounts} to
     * {@code highCounts} (it must be BRAKED).
     */
    ConfigureWinch configureWinch(int lowCounts, int highCounts) throws InterruptedException {
        int speed = settings.maxSpeedCountsPerS();
        ConfigureWinch c = new ConfigureWinch(winch(), speed, speed, accelCountsPerS2(), 120,
                Math.max(200, 10 * settings.moveCounts()), lowCounts, highCounts, speed);
        expectAck(c, "CONFIGURE_WINCH");
        winchConfig = c;
        return c;
    }

    /** The configured acceleration limit: the winch reaches the speed limit in 0.1 s, counts/s^2. */
    int accelCountsPerS2() {
        return 10 * settings.maxSpeedCountsPerS();
    }

    /** Soft limits far enough around {@code positionCounts} not to matter (the motion checks set their own). */
    ConfigureWinch configureWinchAround(int positionCounts) throws InterruptedException {
        long span = 100L * settings.moveCounts();
        return configureWinch((int) Math.max(Integer.MIN_VALUE, positionCounts - span),
                (int) Math.min(Integer.MAX_VALUE, positionCounts + span));
    }

    ConfigureWinch winchConfig() {
        return winchConfig;
    }

    // ---- commands ----

    /** Sends a command and waits for its answer (null when none came within 500 ms). */
    NodeProbe.Answer command(Message m) throws InterruptedException {
        return probe.awaitAnswer(probe.sendCommand(m), ANSWER_WAIT_NANOS);
    }

    /** Sends a command that must be acknowledged for the check to go on. */
    void expectAck(Message m, String what) throws InterruptedException {
        NodeProbe.Answer a = command(m);
        if (a == null || !a.ack()) {
            throw new Unmet(what + " was " + (a == null ? "not answered" : "refused: " + a.describe()));
        }
    }

    /** STOP category 1 of every winch, ignoring the answer (the safe end of a motion check). */
    void stopAll() throws InterruptedException {
        probe.setPointsOff();
        NodeProbe.Answer a = command(new Stop(0xFF, StopCategory.CAT_1));
        if (a == null) {
            command(new Stop(0xFF, StopCategory.CAT_1));
        }
    }

    /** BRAKE APPLY of the test winch, ignoring the answer. */
    void applyBrake() throws InterruptedException {
        command(new Brake(winch(), BrakeAction.APPLY));
    }

    // ---- status ----

    /** The next NODE_STATUS (waits up to 300 ms), or null. */
    NodeStatus nodeStatus() throws InterruptedException {
        NodeProbe.Received r = probe.await(probe.mark(), x -> x.message() instanceof NodeStatus, 300_000_000L);
        return r == null ? null : (NodeStatus) r.message();
    }

    /** The next WINCH_STATUS of winch {@code w} (waits up to 300 ms), or null. */
    WinchStatus winchStatus(int w) throws InterruptedException {
        NodeProbe.Received r = probe.await(probe.mark(), WinchStatus.class, s -> s.winch() == w, 300_000_000L);
        return r == null ? null : (WinchStatus) r.message();
    }

    /** The test winch's encoder position, counts, from a fresh WINCH_STATUS. */
    int position() throws InterruptedException {
        WinchStatus s = winchStatus(winch());
        if (s == null) {
            throw new Unmet("no WINCH_STATUS for winch " + winch() + " in RUNNING");
        }
        return s.positionCounts();
    }

    /** Waits until the test winch reports {@code state}; null if it did not within the time. */
    WinchStatus awaitWinchState(int fromMark, WinchState state, long timeoutNanos) throws InterruptedException {
        NodeProbe.Received r = probe.await(fromMark, WinchStatus.class,
                s -> s.winch() == winch() && s.state() == state, timeoutNanos);
        return r == null ? null : (WinchStatus) r.message();
    }

    static boolean bothBrakes(WinchStatus s) {
        int both = WinchStatus.FLAG_MOTOR_BRAKE_ENGAGED | WinchStatus.FLAG_DRUM_BRAKE_ENGAGED;
        return (s.flags() & both) == both;
    }

    static String ms(double ms) {
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }

    static String hex32(long v) {
        return String.format(Locale.ROOT, "0x%08X", v);
    }
}
