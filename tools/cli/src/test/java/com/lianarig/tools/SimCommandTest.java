package com.lianarig.tools;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.Direction;
import com.lianarig.protocol.FrameDecoder;
import com.lianarig.protocol.FrameEncoder;
import com.lianarig.protocol.FrameFormat;
import com.lianarig.protocol.FrameView;
import com.lianarig.protocol.Identify;
import com.lianarig.protocol.IdentifyRequest;
import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.ProtocolDefinition;
import com.lianarig.sim.transport.PtyPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rig sim}, run in-process through picocli. */
@Timeout(30)
class SimCommandTest {
    private static final Pattern STATUS = Pattern.compile(
            "t=\\d+\\.\\ds heights \\d+/\\d+/\\d+ mm, loads -?\\d+/-?\\d+/-?\\d+/-?\\d+ N, brakes \\w+/\\w+/\\w+,"
                    + " node \\w+, chain closed, faults none");

    @Test
    void tcpRunPrintsTheAddressAndStatusLinesAndStopsAfterItsDuration() {
        long start = System.nanoTime();
        RigRun run = RigRun.of("sim", "--transport", "tcp", "--duration", "2", "--status-interval", "200");
        double seconds = (System.nanoTime() - start) / 1e9;

        String[] lines = run.out().split("\\R");
        assertAll(
                () -> assertEquals(0, run.exitCode(), run.err()),
                () -> assertTrue(lines[0].startsWith("virtual rig: node 1 VR-0001 (3 winches, 4 load channels), seed 1"),
                        run.out()),
                () -> assertTrue(lines[1].matches("connect the host to 127\\.0\\.0\\.1:\\d+"), run.out()),
                () -> assertTrue(STATUS.matcher(lines[2]).matches(), lines[2]),
                () -> assertTrue(lines[2].contains("brakes on/on/on, node UNIDENTIFIED"), lines[2]),
                () -> assertTrue(lines.length >= 10, "a status line every 200 ms for 2 s: " + run.out()),
                () -> assertEquals("virtual rig stopped", lines[lines.length - 1]),
                () -> assertEquals(2.0, seconds, 1.0),
                () -> assertEquals("", run.err()));
    }

    @Test
    void reportBrakesGivesEachWinchsBrakesOnTheMonotonicClock() {
        long before = System.nanoTime();
        RigRun run = RigRun.of("sim", "--transport", "tcp", "--duration", "0.5", "--report-brakes");
        long after = System.nanoTime();
        assertEquals(0, run.exitCode(), run.err());
        Pattern line = Pattern.compile("brakes-engaged winch=(\\d) monoNanos=(-?\\d+)");
        List<Matcher> reported = run.out().lines().map(line::matcher).filter(Matcher::matches).toList();
        assertEquals(List.of("0", "1", "2"), reported.stream().map(m -> m.group(1)).toList(),
                "the start state of every winch, once (no change without a host): " + run.out());
        for (Matcher m : reported) {
            long at = Long.parseLong(m.group(2));
            assertTrue(at - before >= 0 && after - at >= 0, "System.nanoTime of this JVM: " + m.group());
        }
    }

    @Test
    void aHostConnectingToThePrintedAddressIdentifiesTheNodeAndTheStatusShowsIt() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine rig = RigCommand.commandLine(InputStream.nullInputStream());
        rig.setOut(new PrintWriter(out, true));
        rig.setErr(new PrintWriter(new StringWriter(), true));
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(
                () -> rig.execute("sim", "--transport", "tcp", "--duration", "1.5", "--status-interval", "100"));
        Pattern address = Pattern.compile("connect the host to 127\\.0\\.0\\.1:(\\d+)");
        Matcher m = address.matcher("");
        for (int i = 0; i < 200 && !m.find(); i++) {
            Thread.sleep(10);
            m = address.matcher(out.toString());
        }
        int port = Integer.parseInt(m.group(1));

        Identify identify;
        try (Socket host = new Socket()) {
            host.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            host.setSoTimeout(1_000);
            byte[] frame = new byte[FrameFormat.MAX_FRAME_LENGTH];
            int n = new FrameEncoder().encode(Direction.HOST_TO_NODE, 1, 0,
                    new IdentifyRequest(ProtocolDefinition.PROTOCOL_VERSION, ProtocolDefinition.HASH), frame, 0);
            host.getOutputStream().write(frame, 0, n);
            identify = readIdentify(host.getInputStream());
        }

        assertEquals(0, running.get(10, TimeUnit.SECONDS));
        assertEquals("VR-0001", identify.serial());
        assertTrue(out.toString().contains("node IDENTIFIED"), out.toString());
    }

    private static Identify readIdentify(InputStream in) throws Exception {
        FrameDecoder decoder = new FrameDecoder(Direction.NODE_TO_HOST);
        FrameView view = new FrameView();
        ByteBuffer rx = ByteBuffer.allocate(4096);
        while (true) {
            int n = in.read(rx.array(), rx.position(), rx.remaining());
            if (n < 0) {
                throw new IOException("connection closed before IDENTIFY");
            }
            rx.position(rx.position() + n);
            rx.flip();
            while (decoder.decode(rx, view)) {
                if (view.type() == MessageType.IDENTIFY) {
                    return (Identify) view.toMessage();
                }
            }
            rx.compact();
        }
    }

    @Test
    void ptyRunPrintsTheHostLinkAndLeavesNoSocatBehind() {
        Assumptions.assumeTrue(PtyPort.socatAvailable(),
                "socat is not installed (apt-get install socat): the pty run is skipped");

        RigRun run = RigRun.of("sim", "--duration", "1", "--status-interval", "250", "--client", "70,1750,inverted");

        assertEquals(0, run.exitCode(), run.err());
        Matcher m = Pattern.compile("connect the host to (\\S+)").matcher(run.out());
        assertTrue(m.find(), run.out());
        Path hostLink = Path.of(m.group(1));
        assertAll(
                () -> assertTrue(run.out().contains("client 70 kg 1750 mm INVERTED_HANG"), run.out()),
                () -> assertTrue(hostLink.getFileName().toString().equals("rig-host"), hostLink.toString()),
                () -> assertEquals(List.of(), processesMentioning(hostLink.toString()), "no socat survives"),
                () -> assertFalse(Files.exists(hostLink, LinkOption.NOFOLLOW_LINKS), "link removed"),
                () -> assertFalse(Files.exists(hostLink.getParent()), "temporary directory removed"));
    }

    @Test
    void ptyRunOnAGivenLinkPath(@TempDir Path dir) {
        Assumptions.assumeTrue(PtyPort.socatAvailable(),
                "socat is not installed (apt-get install socat): the pty run is skipped");
        Path link = dir.resolve("rig-host");

        RigRun run = RigRun.of("sim", "--link", link.toString(), "--duration", "0.3", "--status-interval", "100");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("connect the host to " + link + System.lineSeparator()), run.out());
        assertEquals(List.of(), processesMentioning(link.toString()));
    }

    @Test
    void untilEofStopsAtTheEndOfStandardInput() {
        long start = System.nanoTime();
        RigRun run = RigRun.withStdin(InputStream.nullInputStream(), "sim", "--transport", "tcp", "--until-eof");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().endsWith("virtual rig stopped" + System.lineSeparator()), run.out());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "stopped at once");
    }

    @Test
    void aClientOnTheRigLoadsTheLegRopes() {
        RigRun run = RigRun.of("sim", "--transport", "tcp", "--duration", "0.6", "--status-interval", "250",
                "--client", "70,1750,inverted");

        assertEquals(0, run.exitCode(), run.err());
        Matcher loads = Pattern.compile("loads (\\d+)/(\\d+)/").matcher(run.out());
        assertTrue(loads.find(), run.out());
        // at the straps' start height the legs already hang partly in them: more than the empty straps' 5 N each
        assertTrue(Integer.parseInt(loads.group(1)) + Integer.parseInt(loads.group(2)) > 10, run.out());
    }

    @Test
    void badClientIsAUsageErrorNamingThePart() {
        RigRun run = RigRun.of("sim", "--transport", "tcp", "--client", "70,1750,sideways");

        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertTrue(run.err().contains("POSE 'sideways' is not one of inverted, upright, none"), run.err()),
                () -> assertEquals("", run.out()));
    }

    @Test
    void scenarioStepsArePlayedOnTheRunningRig(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = dir.resolve("estop.scenario");
        java.nio.file.Files.writeString(file, "at 0.3 stop-open wall   # the wall e-stop is pressed\n");

        RigRun run = RigRun.of("sim", "--transport", "tcp", "--duration", "1.2", "--status-interval", "100",
                "--scenario", file.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("playing scenario"), run.out());
        String[] lines = run.out().split("\\R");
        assertTrue(lines[3].contains("chain closed"), "before the step: " + lines[3]);
        assertFalse(lines[lines.length - 2].contains("chain closed"), "after the step: " + lines[lines.length - 2]);
    }

    @Test
    void malformedScenarioIsAUsageErrorNamingFileAndLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = dir.resolve("bad.scenario");
        java.nio.file.Files.writeString(file, "at 1 client 70 1750 inverted\nat 2 brake-slip 0 motr 0.2\n");

        RigRun run = RigRun.of("sim", "--transport", "tcp", "--duration", "1", "--scenario", file.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("bad.scenario:2"), run.err());
        assertTrue(run.err().contains("motr"), run.err());
    }

    @Test
    void portWithoutTcpIsAUsageError() {
        RigRun run = RigRun.of("sim", "--port", "5760");

        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertTrue(run.err().contains("--port needs --transport tcp"), run.err()));
    }

    @Test
    void aTcpPortInUseIsReportedWithExitCode2() throws IOException {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            RigRun run = RigRun.of("sim", "--transport", "tcp", "--port", Integer.toString(taken.getLocalPort()),
                    "--duration", "0.2");

            assertAll(
                    () -> assertEquals(2, run.exitCode()),
                    () -> assertTrue(run.err().startsWith("rig sim: cannot listen on 127.0.0.1:" + taken.getLocalPort()),
                            run.err()));
        }
    }

    @Test
    void helpDescribesTheOptions() {
        RigRun run = RigRun.of("help", "sim");

        assertAll(
                () -> assertEquals(0, run.exitCode()),
                () -> assertTrue(run.out().contains("Usage: rig sim"), run.out()),
                () -> assertTrue(run.out().contains("--transport"), run.out()),
                () -> assertTrue(run.out().contains("--client"), run.out()));
    }

    static List<String> processesMentioning(String text) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(text)).orElse(false))
                .filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .toList();
    }
}
