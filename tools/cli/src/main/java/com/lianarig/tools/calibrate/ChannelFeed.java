package com.lianarig.tools.calibrate;

import com.lianarig.config.rig.Limits;
import com.lianarig.config.rig.NodeConfig;
import com.lianarig.hal.node.NodeInfo;
import com.lianarig.hal.node.NodeLinkState;
import com.lianarig.hal.node.NodeSession;
import com.lianarig.hal.node.NodeSessionListener;
import com.lianarig.hal.node.NodeSetup;
import com.lianarig.hal.serial.JSerialCommLink;
import com.lianarig.hal.serial.PortDiscovery;
import com.lianarig.hal.serial.PortSelector;
import com.lianarig.hal.serial.SerialSettings;
import com.lianarig.protocol.ChannelStatus;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.link.LinkTiming;
import com.lianarig.tools.serial.PortWatch;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One load channel of one node, read by a command: opens the node's serial port itself (through hal's
 * {@link JSerialCommLink}, whose lock file guarantees that never two processes talk to one node),
 * identifies and configures the node for sampling only (no winch is configured or commanded: they
 * stay braked), and hands the channel's samples to the command's thread through a queue.
 *
 * <p>Refuses at once, rather than retrying as the service would, when the port cannot be opened: a
 * port held by another process ("in use by pid N": the rig service, if it runs), a missing device,
 * a permission problem. When the feed closes, the node stops receiving heartbeats and enters its
 * sticky shutdown (PROTOCOL.md 6.2): it keeps sampling, and the service clears it with its reset.
 *
 * <p>Threads: the node session's owner thread calls the sample listener, which only offers samples
 * to a bounded queue while the command collects; the command's thread takes them ({@link #next}).
 */
public final class ChannelFeed implements AutoCloseable {
    /**
     * The protocol's timing with a tolerant silence limit (1 s) and ack timeout (200 ms): this tool
     * moves nothing, so SR-9's 100 ms silence limit buys nothing here, and a busy machine must not
     * make the node flap between identified and faulted while a point is averaged.
     */
    public static final LinkTiming TIMING = new LinkTiming(LinkTiming.DEFAULTS.identifyRetryNanos(),
            LinkTiming.DEFAULTS.identifyAttempts(), 200_000_000L, LinkTiming.DEFAULTS.maxRetransmissions(),
            LinkTiming.DEFAULTS.commandWindow(), LinkTiming.DEFAULTS.heartbeatPeriodNanos(), 1_000_000_000L);

    /** Samples held for the command: 100 s at 80 Hz. */
    static final int QUEUE_SAMPLES = 8192;

    /**
     * One sample of the channel.
     *
     * @param rawCounts signed 24-bit reading, counts
     * @param status OK or why not
     * @param receivedAtNanos host monotonic time of its frame, ns
     */
    public record Sample(int rawCounts, ChannelStatus status, long receivedAtNanos) {
    }

    private final NodeSession session;
    private final int channel;
    private final String expectedSerial;
    private final int sampleRateHz;
    private final BlockingQueue<Sample> queue = new ArrayBlockingQueue<>(QUEUE_SAMPLES);
    /** The serial of the node's last IDENTIFY (set on the session's owner thread). */
    private final AtomicReference<String> identifiedSerial;
    private volatile boolean collecting;
    private volatile boolean sampleSeen;

    private ChannelFeed(NodeSession session, AtomicReference<String> identifiedSerial, int channel,
            String expectedSerial, int sampleRateHz) {
        this.session = session;
        this.identifiedSerial = identifiedSerial;
        this.channel = channel;
        this.expectedSerial = expectedSerial;
        this.sampleRateHz = sampleRateHz;
    }

    /**
     * Opens the node's port and waits until the channel streams.
     *
     * @param node the node, as the rig file describes it (its serial is checked against its IDENTIFY)
     * @param channel the channel to read
     * @param sampled every channel to sample (the rig file's channels of this node; {@code channel} is added)
     * @param limits the rig's limits: the node's set-point gap and heartbeat watchdog
     * @param settings serial settings (the baud rate is taken from the rig file)
     * @param discovery finds USB selectors' ports
     * @param timeout how long the node may take to identify and stream
     * @throws FeedException naming the port and what is wrong; nothing is left open
     */
    public static ChannelFeed open(NodeConfig node, int channel, Collection<Integer> sampled, Limits limits,
            SerialSettings settings, PortDiscovery discovery, Duration timeout) throws FeedException {
        int mask = 1 << channel;
        for (int c : sampled) {
            mask |= 1 << c;
        }
        NodeSetup setup = new NodeSetup(node.address(), node.serial(), node.sampleRateHz(), node.statusRateHz(),
                limits.nodeSetpointGapMs(), limits.nodeHeartbeatTimeoutMs(), mask, List.of());
        PortWatch link = new PortWatch(new JSerialCommLink(selector(node), settings.withBaudRate(node.baud()),
                discovery, System::nanoTime));
        AtomicReference<String> identified = new AtomicReference<>();
        NodeSessionListener events = new NodeSessionListener() {
            @Override
            public void onIdentified(NodeInfo info) {
                identified.set(info.serial());
            }
        };
        NodeSession session = new NodeSession(setup, link, TIMING, events, System::nanoTime);
        ChannelFeed feed = new ChannelFeed(session, identified, channel, node.serial(), node.sampleRateHz());
        session.loadCell(channel).addListener((ch, raw, status, nodeTimeUs, at) -> feed.onSample(raw, status, at));
        session.start();
        try {
            feed.awaitStreaming(link, timeout);
        } catch (FeedException | RuntimeException e) {
            session.close();
            throw e;
        }
        return feed;
    }

    private void awaitStreaming(PortWatch link, Duration timeout) throws FeedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String portFailure = link.failureBeforeOpen();
            if (portFailure != null) {
                throw new FeedException(portFailure.contains(" in use by pid ") ? FeedException.Kind.PORT_IN_USE
                        : FeedException.Kind.PORT_UNAVAILABLE, portFailure);
            }
            NodeLinkState state = session.linkState();
            if (state == NodeLinkState.WRONG_NODE) {
                throw new FeedException(FeedException.Kind.WRONG_NODE, session.linkStateReason()
                        + " (calibrations are kept under the node's serial: check the rig file's node and port)");
            }
            if (state == NodeLinkState.REFUSED) {
                throw new FeedException(FeedException.Kind.REFUSED, session.linkStateReason());
            }
            if (sampleSeen && expectedSerial.equals(identifiedSerial.get())) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new FeedException(FeedException.Kind.NO_SAMPLES, "no samples from channel " + channel + " of "
                        + session.describe() + " within " + timeout.toSeconds() + " s (node link " + state + ": "
                        + session.linkStateReason() + ")");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FeedException(FeedException.Kind.NO_SAMPLES, "interrupted while waiting for the node");
            }
        }
    }

    /** Node session owner thread. */
    private void onSample(int raw, ChannelStatus status, long receivedAtNanos) {
        if (!expectedSerial.equals(identifiedSerial.get())) {
            return; // not the node the rig file names: its samples are not this channel's
        }
        sampleSeen = true;
        if (collecting) {
            queue.offer(new Sample(raw, status, receivedAtNanos)); // full: the oldest stay, the newest drop
        }
    }

    /** Starts handing samples over, from the next one on (what came before is dropped). */
    public void startCollecting() {
        collecting = false;
        queue.clear();
        collecting = true;
    }

    /** Stops handing samples over. */
    public void stopCollecting() {
        collecting = false;
        queue.clear();
    }

    /**
     * The next sample collected.
     *
     * @return null when none arrived within {@code timeoutNanos}
     */
    public Sample next(long timeoutNanos) throws InterruptedException {
        return queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Who the node said it is. */
    public NodeInfo nodeInfo() {
        return session.nodeInfo().orElseThrow();
    }

    /**
     * The node's own state from its last NODE_STATUS: SHUTDOWN when an earlier session (this tool's, or
     * the service's) left it in its sticky heartbeat shutdown. It samples all the same.
     */
    public Optional<NodeState> nodeState() {
        return session.nodeState();
    }

    /** The channel's sample rate, Hz (the rig file's). */
    public int sampleRateHz() {
        return sampleRateHz;
    }

    public int channel() {
        return channel;
    }

    /** The node link's counters since this feed opened it (noise, loss, retransmissions: rig doctor). */
    public com.lianarig.hal.node.NodeCounters counters() {
        return session.counters();
    }

    /** The node session's state and reason, for messages. */
    public String linkDescription() {
        return session.describe() + ": " + session.linkState() + " (" + session.linkStateReason() + ")";
    }

    /** Closes the node session and its port. Idempotent. */
    @Override
    public void close() {
        collecting = false;
        session.close();
    }

    /** The rig file's port, as hal selects it. */
    static PortSelector selector(NodeConfig node) {
        return com.lianarig.tools.service.RunCommand.selector(node.port());
    }
}
