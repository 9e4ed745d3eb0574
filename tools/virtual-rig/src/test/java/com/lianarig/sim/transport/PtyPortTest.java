package com.lianarig.sim.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.ClearShutdown;
import com.lianarig.protocol.LoadSamples;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.NodeStatus;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import com.lianarig.protocol.link.HostLinkSession;
import com.lianarig.protocol.link.LinkFault;
import com.lianarig.sim.RealTimeRunner;
import com.lianarig.sim.VirtualRig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The standard virtual rig behind a real pseudo-terminal pair, driven on the real clock by a host
 * that opens the pty with jSerialComm, exactly as a USB serial port, and runs the real decoder and
 * host link session. Needs socat (./run-tests installs it); skipped, saying so, without it.
 */
@Timeout(30)
class PtyPortTest {
    private static final long MS = 1_000_000L;

    private VirtualRig rig;
    private PtyPort port;
    private RealTimeRunner runner;
    private RealTimeHost host;
    private final List<Path> links = new ArrayList<>();

    @BeforeEach
    void needsSocat() {
        Assumptions.assumeTrue(PtyPort.socatAvailable(),
                "socat is not installed (apt-get install socat): the pty transport tests are skipped");
    }

    @AfterEach
    void noSocatSurvives() {
        if (host != null) {
            host.close();
        }
        if (runner != null) {
            runner.close();
        }
        if (rig != null) {
            rig.close();
        }
        for (Path link : links) {
            List<String> left = processesMentioning(link.toString());
            assertTrue(left.isEmpty(), "processes left behind: " + left);
            assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS), link + " was not removed");
        }
    }

    /** Every live process whose command line names {@code text} (what {@code pgrep -f} finds). */
    static List<String> processesMentioning(String text) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(text)).orElse(false))
                .filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .toList();
    }

    /** The standard rig on a pty, running in real time, with a jSerialComm host that configures it. */
    private void startRigAndHost(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        rig = VirtualRig.standard(seed, spec -> PtyPort.open(random.split()));
        port = (PtyPort) rig.port(0);
        links.add(port.hostLink());
        links.add(port.nodeLink());
        runner = new RealTimeRunner(rig);
        runner.start();
        host = new RealTimeHost(HostLine.serial(port.describe())).start();
        assertTrue(RealTimeHost.await(host::configured, 3_000),
                "the node was identified and configured over the pty: " + host.answers() + " " + host.faults());
        assertEquals(NodeState.RUNNING, rig.locked(() -> rig.node(0).state()));
    }

    @Test
    void roundTripOverARealPtyWithJSerialComm() throws IOException {
        startRigAndHost(11);
        RealTimeHost.sleepMs(300);

        long from = System.nanoTime();
        RealTimeHost.sleepMs(1_000);
        long to = System.nanoTime();
        List<RealTimeHost.Received> window = host.received().stream()
                .filter(r -> r.atNanos() >= from && r.atNanos() < to).toList();
        double seconds = (to - from) / 1e9;
        double[] statusHz = new double[3];
        for (int w = 0; w < 3; w++) {
            int winch = w;
            statusHz[w] = window.stream().filter(r -> r.message() instanceof WinchStatus s && s.winch() == winch)
                    .count() / seconds;
        }
        double samplesHz = window.stream().filter(r -> r.message() instanceof LoadSamples).count() / seconds;
        double nodeStatusHz = window.stream().filter(r -> r.message() instanceof NodeStatus).count() / seconds;

        // Command round trip: host submit -> node ACK decoded by the host, over the pty both ways.
        List<Double> ackMs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int answersBefore = host.answers().size();
            long sentAt = host.submit(RealTimeHost.CONFIGURATION);
            assertTrue(RealTimeHost.await(() -> host.answers().size() > answersBefore, 1_000), "no answer");
            assertEquals("ack CONFIGURE_NODE", host.answers().get(answersBefore));
            ackMs.add((host.answerNanos().get(answersBefore) - sentAt) / 1e6);
        }
        Collections.sort(ackMs);
        System.out.printf("pty round trip (jSerialComm host): WINCH_STATUS %.1f/%.1f/%.1f Hz, LOAD_SAMPLES %.1f Hz,"
                + " NODE_STATUS %.1f Hz; command->ACK median %.2f ms, max %.2f ms%n", statusHz[0], statusHz[1],
                statusHz[2], samplesHz, nodeStatusHz, ackMs.get(ackMs.size() / 2), ackMs.get(ackMs.size() - 1));

        for (int w = 0; w < 3; w++) {
            assertEquals(100, statusHz[w], 10, "WINCH_STATUS of winch " + w + " at the configured 100 Hz");
        }
        assertEquals(80, samplesHz, 8, "LOAD_SAMPLES at 80 Hz");
        assertEquals(20, nodeStatusHz, 3, "NODE_STATUS at 20 Hz");
        List<LoadSamples> samples = host.of(LoadSamples.class);
        LoadSamples last = samples.get(samples.size() - 1);
        assertEquals(4, last.samples().size(), "channels 0..3");
        assertEquals(HostLinkSession.State.READY, host.state());
        assertEquals(List.of(), host.faults());
        assertEquals(List.of(), host.invalidFrames());
        assertEquals(0L, host.call(() -> host.session().lostFrames()), "no frame lost on a clean pty");
        assertEquals(0L, host.call(() -> host.decoder().drops()), "no byte dropped by the host's decoder");
        assertEquals(0L, port.lostBytes());
    }

    @Test
    void unplugKillsThePortTheNodeShutsDownAndAfterReplugItIdentifiesAgain() throws IOException {
        startRigAndHost(12);
        RealTimeHost.sleepMs(100);
        String socatBefore = String.join(",", processesMentioning(port.hostLink().toString()));

        long pulledAt = System.nanoTime();
        port.unplugged(true);

        assertTrue(processesMentioning(port.hostLink().toString()).isEmpty(), "socat stopped: " + socatBefore);
        assertTrue(RealTimeHost.await(() -> host.lineLostAtNanos() > 0, 2_000),
                "the host's jSerialComm port died (read -1 or write failed), as on a USB unplug");
        assertTrue(RealTimeHost.await(() -> host.state() == HostLinkSession.State.FAULTED, 1_000));
        assertEquals(LinkFault.Kind.PORT_LOST, host.faults().get(0).kind(), "reported at once, not after the silence limit");
        assertTrue(RealTimeHost.await(() -> rig.locked(() -> rig.node(0).state()) == NodeState.SHUTDOWN, 2_000),
                "the node's heartbeat watchdog shut it down");
        System.out.printf("pty unplug: the host's port died after %.1f ms (%s)%n",
                (host.lineLostAtNanos() - pulledAt) / 1e6, host.lineLostHow());
        for (int w = 0; w < 3; w++) {
            int winch = w;
            assertEquals(WinchState.SHUTDOWN, rig.locked(() -> rig.node(0).winchState(winch)));
        }

        port.unplugged(false);
        assertEquals(2, port.socatStarts());
        host.reconnect(HostLine.serial(port.describe()));
        long replugged = System.nanoTime();

        assertTrue(RealTimeHost.await(() -> host.identifications() == 2, 3_000),
                "identified again after the replug: " + host.faults());
        assertTrue(RealTimeHost.await(() -> host.received().stream().anyMatch(r -> r.atNanos() > replugged
                && r.message() instanceof NodeStatus s && s.state() == NodeState.SHUTDOWN), 1_000),
                "the host sees the sticky SHUTDOWN in NODE_STATUS");
        assertTrue(RealTimeHost.await(() -> host.answers().contains("nack CONFIGURE_NODE SHUTDOWN_ACTIVE"), 1_000),
                host.answers().toString());
        RealTimeHost.sleepMs(300);
        assertEquals(NodeState.SHUTDOWN, rig.locked(() -> rig.node(0).state()), "never resumes by itself");
        assertEquals(HostLinkSession.State.READY, host.state(), "the link runs on the node's SHUTDOWN streams");

        host.submit(new ClearShutdown());
        assertTrue(RealTimeHost.await(() -> host.answers().contains("ack CLEAR_SHUTDOWN"), 1_000),
                host.answers().toString());
        assertEquals(NodeState.RUNNING, rig.locked(() -> rig.node(0).state()));
        assertEquals(WinchState.BRAKED, rig.locked(() -> rig.node(0).winchState(0)));
    }

    @Test
    void bitErrorsOnThePtyAreCaughtByTheCrcAndTheLinkStaysReady() throws IOException {
        startRigAndHost(13);
        port.toHostFaults().bitErrorRate(1e-4);
        port.toNodeFaults().bitErrorRate(1e-4);

        long from = System.nanoTime();
        boolean faulted = RealTimeHost.await(() -> host.state() != HostLinkSession.State.READY, 3_000);
        double seconds = (System.nanoTime() - from) / 1e9;

        long flippedToHost = port.toHostFaults().flippedBits();
        long hostBadCrc = host.call(() -> host.decoder().badCrc());
        long hostDrops = host.call(() -> host.decoder().drops());
        long nodeBadCrc = rig.locked(() -> rig.node(0).decoder().badCrc());
        System.out.printf("pty at 1e-4 BER for %.1f s: %d bits flipped toward the host, host decoder bad CRC %d,"
                + " drops %d, lost frames %d; toward the node %d bits flipped, node bad CRC %d%n", seconds,
                flippedToHost, hostBadCrc, hostDrops, host.call(() -> host.session().lostFrames()),
                port.toNodeFaults().flippedBits(), nodeBadCrc);
        assertFalse(faulted, "the link stayed READY: " + host.faults());
        assertTrue(flippedToHost > 0);
        assertTrue(hostBadCrc > 0, "the host's decoder counted bad CRCs");
        assertEquals(List.of(), host.invalidFrames(), "no corrupted frame got through");
        assertTrue(host.of(WinchStatus.class).stream().allMatch(s -> s.winch() < 3));
        assertEquals(NodeState.RUNNING, rig.locked(() -> rig.node(0).state()), "heartbeats kept the node running");
    }

    @Test
    void socatDyingByItselfIsStartedAgainAndAHostCanReconnect() throws IOException {
        startRigAndHost(14);
        ProcessHandle socat = socatProcesses(port).get(0);

        socat.destroyForcibly(); // SIGKILL: the links stay behind, dangling

        assertTrue(RealTimeHost.await(() -> port.socatStarts() == 2, 3_000), "socat started again");
        assertTrue(RealTimeHost.await(() -> host.lineLostAtNanos() > 0, 2_000), "the host's old port died");
        assertTrue(RealTimeHost.await(() -> host.state() == HostLinkSession.State.FAULTED, 1_000), "NODE_SILENT");
        host.reconnect(HostLine.serial(port.describe()));
        assertTrue(RealTimeHost.await(() -> host.identifications() == 2, 3_000), "identified again: " + host.faults());
        assertEquals(1, socatProcesses(port).size(), "one socat, the new one");
    }

    /** The socat processes (not their guards) serving {@code p}. */
    private static List<ProcessHandle> socatProcesses(PtyPort p) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().command().map(c -> c.endsWith("/socat")).orElse(false))
                .filter(h -> h.info().commandLine().map(c -> c.contains(p.hostLink().toString())).orElse(false))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    @Test
    void closeStopsSocatAndRemovesTheLinksAndItsDirectory() {
        PtyPort p = PtyPort.open(new SplittableRandom(1));
        Path host = p.hostLink();
        links.add(host);
        links.add(p.nodeLink());
        assertTrue(Files.exists(host), "host link made");
        assertFalse(processesMentioning(host.toString()).isEmpty(), "socat runs");

        p.close();
        p.close(); // idempotent

        assertTrue(processesMentioning(host.toString()).isEmpty());
        assertFalse(Files.exists(host.getParent()), "the temporary directory is removed");
    }

    @Test
    void givenLinkPathsAreUsedAndReplacedWhenStale(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path node = dir.resolve("node");
        Path hostLink = dir.resolve("host");
        Files.createSymbolicLink(hostLink, Path.of("/nonexistent")); // left behind by a killed socat
        links.add(hostLink);
        try (PtyPort p = PtyPort.open(node, hostLink, new SplittableRandom(2))) {
            assertEquals(hostLink.toString(), p.describe());
            assertTrue(Files.readSymbolicLink(hostLink).toString().startsWith("/dev/pts/"));
        }
    }

    @Test
    void aLinkPathSocatWouldMisreadIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PtyPort.open(dir.resolve("a,b"), dir.resolve("host"), new SplittableRandom(3)));
        assertTrue(e.getMessage().contains("socat would misread"), e.getMessage());
    }

    @Test
    void socatIsLookedUpOnThePath() {
        assertFalse(PtyPort.socatOnPath(null));
        assertFalse(PtyPort.socatOnPath(""));
        assertFalse(PtyPort.socatOnPath("/nonexistent"));
        assertTrue(PtyPort.socatOnPath("/nonexistent:" + System.getenv("PATH")));
    }
}
