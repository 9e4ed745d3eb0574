package com.lianarig.sim.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.LoadSamples;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.WinchStatus;
import com.lianarig.protocol.link.HostLinkSession;
import com.lianarig.sim.RealTimeRunner;
import com.lianarig.sim.VirtualRig;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The standard virtual rig behind TCP on 127.0.0.1, driven on the real clock by a socket host. */
@Timeout(30)
class TcpPortTest {
    private VirtualRig rig;
    private TcpPort port;
    private RealTimeRunner runner;
    private RealTimeHost host;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        if (runner != null) {
            runner.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    private void startRigAndHost(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        rig = VirtualRig.standard(seed, spec -> TcpPort.open(0, random.split()));
        port = (TcpPort) rig.port(0);
        runner = new RealTimeRunner(rig);
        runner.start();
        host = new RealTimeHost(HostLine.tcp(port.port())).start();
        assertTrue(RealTimeHost.await(host::configured, 3_000),
                "identified and configured over TCP: " + host.answers() + " " + host.faults());
    }

    @Test
    void listensOnLoopbackOnlyAndDescribesItsAddress() {
        try (TcpPort p = TcpPort.open(0, new SplittableRandom(1))) {
            assertTrue(p.port() > 0);
            assertEquals("127.0.0.1:" + p.port(), p.describe());
        }
    }

    @Test
    void roundTripOverTcp() throws IOException {
        startRigAndHost(21);
        RealTimeHost.sleepMs(300);

        long from = System.nanoTime();
        RealTimeHost.sleepMs(1_000);
        long to = System.nanoTime();
        List<RealTimeHost.Received> window = host.received().stream()
                .filter(r -> r.atNanos() >= from && r.atNanos() < to).toList();
        double seconds = (to - from) / 1e9;
        double status0Hz = window.stream().filter(r -> r.message() instanceof WinchStatus s && s.winch() == 0)
                .count() / seconds;
        double samplesHz = window.stream().filter(r -> r.message() instanceof LoadSamples).count() / seconds;
        System.out.printf("tcp round trip: WINCH_STATUS %.1f Hz (winch 0), LOAD_SAMPLES %.1f Hz%n", status0Hz,
                samplesHz);

        assertEquals(100, status0Hz, 10);
        assertEquals(80, samplesHz, 8);
        assertEquals(HostLinkSession.State.READY, host.state());
        assertEquals(List.of(), host.faults());
        assertEquals(List.of(), host.invalidFrames());
        assertEquals(0L, host.call(() -> host.session().lostFrames()));
        assertEquals(NodeState.RUNNING, rig.locked(() -> rig.node(0).state()));
    }

    @Test
    void aNewConnectionReplacesTheOldOne() throws IOException {
        startRigAndHost(22);
        try (Socket second = new Socket()) {
            second.connect(new InetSocketAddress("127.0.0.1", port.port()), 1_000);

            assertTrue(RealTimeHost.await(() -> host.lineLostAtNanos() > 0, 2_000),
                    "the first host's connection was closed");
            assertEquals(2, port.connections());
            second.setSoTimeout(1_000);
            InputStream in = second.getInputStream();
            assertTrue(in.read() >= 0, "the node streams to the new connection");
        }
    }

    @Test
    void unpluggedRefusesConnectionsUntilReplugged() throws IOException {
        startRigAndHost(23);

        port.unplugged(true);

        assertTrue(RealTimeHost.await(() -> host.lineLostAtNanos() > 0, 2_000), "the host's connection died");
        assertThrows(ConnectException.class, () -> HostLine.tcp(port.port()), "connection refused while unplugged");
        assertTrue(RealTimeHost.await(() -> rig.locked(() -> rig.node(0).state()) == NodeState.SHUTDOWN, 2_000),
                "the node's heartbeat watchdog shut it down");

        port.unplugged(false);
        host.reconnect(HostLine.tcp(port.port()));

        assertTrue(RealTimeHost.await(() -> host.identifications() == 2, 3_000), "identified again: " + host.faults());
        assertTrue(RealTimeHost.await(() -> host.answers().contains("nack CONFIGURE_NODE SHUTDOWN_ACTIVE"), 1_000),
                host.answers().toString());
        assertEquals(NodeState.SHUTDOWN, rig.locked(() -> rig.node(0).state()), "sticky until CLEAR_SHUTDOWN");
    }
}
