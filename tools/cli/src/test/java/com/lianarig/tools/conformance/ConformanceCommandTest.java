package com.lianarig.tools.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.miswire.Miswiring;
import com.lianarig.sim.node.ProtocolFault;
import com.lianarig.sim.transport.PtyPort;
import com.lianarig.tools.PtyVirtualRig;
import com.lianarig.tools.RigCommand;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code rig conformance} end to end against the virtual rig's node, in real time behind a real pty
 * (socat), opened through hal exactly as a USB serial port: the correct node passes every check (the
 * motion checks included), and a node with one deliberate protocol fault fails the check that
 * covers it, with exit code 3.
 *
 * <p>The timing allowance is generous (200 ms): this shared machine may pause a thread for tens of
 * ms, and these tests judge behaviour, not speed; the tester's own timing judgement is what a firmware
 * engineer runs with the default allowance on a real node. Needs socat (./run-tests installs it).
 */
@Timeout(90)
class ConformanceCommandTest {
    private static final String ALLOWANCE_MS = "200";

    private PtyVirtualRig pty;
    private VirtualRig rig;

    /** The standard virtual rig behind a pty, its node breaking {@code fault}; returns the host's device path. */
    private String virtualNode(ProtocolFault fault) {
        Assumptions.assumeTrue(PtyPort.socatAvailable(),
                "socat is not installed (apt-get install socat): the conformance tests are skipped");
        pty = new PtyVirtualRig(17, Miswiring.NONE, r -> r.node(0).injectProtocolFault(fault));
        rig = pty.rig;
        return pty.hostPath();
    }

    @AfterEach
    void tearDown() {
        if (pty != null) {
            pty.close();
        }
    }

    /** What a run printed and returned. */
    record Run(int exitCode, String out, String err) {
        /** The RESULT column of check {@code id}'s row. */
        String result(String id) {
            Matcher m = Pattern.compile("(?m)^" + id + "\\s+(PASS|FAIL|SKIP)\\b").matcher(out);
            if (!m.find()) {
                throw new AssertionError("no row " + id + " in:\n" + out);
            }
            return m.group(1);
        }

        List<String> rows(String result) {
            List<String> ids = new ArrayList<>();
            Matcher m = Pattern.compile("(?m)^(\\w+)\\s+" + result + "\\b").matcher(out);
            while (m.find()) {
                ids.add(m.group(1));
            }
            return ids;
        }
    }

    static Run conformance(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = RigCommand.commandLine(new ByteArrayInputStream(new byte[0]));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "conformance";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theCorrectVirtualNodePassesEveryCheckIncludingTheMotionChecks() {
        String port = virtualNode(ProtocolFault.NONE);
        Run run = conformance(port, "--allowance-ms", ALLOWANCE_MS, "--i-understand-winches-move");
        assertEquals(List.of(), run.rows("FAIL"), run.out);
        assertEquals(0, run.exitCode, run.out + run.err);
        assertEquals(List.of("M13"), run.rows("SKIP"), "only M13 (the node has the capability) is skipped:\n" + run.out);
        assertTrue(run.out.contains("WARNING: winch 0 WILL MOVE"), run.out);
    }

    @Test
    void withoutConsentTheMotionChecksAreSkippedAndTheRestPass() {
        String port = virtualNode(ProtocolFault.NONE);
        Run run = conformance(port, "--allowance-ms", ALLOWANCE_MS, "--only", "I1,I2,I3,I4,M3,W1,X1,X4");
        assertEquals(0, run.exitCode, run.out + run.err);
        assertEquals(List.of("X1", "X4"), run.rows("SKIP"), run.out);
        assertTrue(run.out.contains("needs --i-understand-winches-move"), run.out);
    }

    @Test
    void aWrongDefinitionHashFailsI4() {
        Run run = conformance(virtualNode(ProtocolFault.WRONG_DEFINITION_HASH), "--allowance-ms", ALLOWANCE_MS,
                "--only", "I2,I4");
        assertEquals("PASS", run.result("I2"));
        assertEquals("FAIL", run.result("I4"));
        assertEquals(ConformanceCommand.EXIT_FAILED, run.exitCode);
    }

    @Test
    void aNodeWithoutHeartbeatWatchdogFailsW1() {
        Run run = conformance(virtualNode(ProtocolFault.NO_HEARTBEAT_WATCHDOG), "--allowance-ms", ALLOWANCE_MS,
                "--only", "W1,W2");
        assertEquals("FAIL", run.result("W1"));
        assertEquals("SKIP", run.result("W2"));
        assertEquals(ConformanceCommand.EXIT_FAILED, run.exitCode);
    }

    @Test
    void aShutdownThatEndsByItselfFailsS4() {
        Run run = conformance(virtualNode(ProtocolFault.SHUTDOWN_NOT_STICKY), "--allowance-ms", ALLOWANCE_MS,
                "--only", "W1,S4");
        assertEquals("PASS", run.result("W1"));
        assertEquals("FAIL", run.result("S4"));
        assertEquals(ConformanceCommand.EXIT_FAILED, run.exitCode);
    }

    @Test
    void aNodeThatExecutesRetransmissionsFailsD1() {
        Run run = conformance(virtualNode(ProtocolFault.EXECUTES_RETRANSMISSIONS), "--allowance-ms", ALLOWANCE_MS,
                "--only", "D1");
        assertEquals("FAIL", run.result("D1"));
        assertEquals(ConformanceCommand.EXIT_FAILED, run.exitCode);
    }

    @Test
    void aNodeThatIgnoresTheCrcFailsR1() {
        Run run = conformance(virtualNode(ProtocolFault.IGNORES_CRC), "--allowance-ms", ALLOWANCE_MS, "--only", "R1");
        assertEquals("FAIL", run.result("R1"));
        assertTrue(run.out.contains("a frame with a bad CRC was answered"), run.out);
        assertEquals(ConformanceCommand.EXIT_FAILED, run.exitCode);
    }

    @Test
    void aWinchThatKeepsFollowingWithoutSetPointsFailsX4() {
        Run run = conformance(virtualNode(ProtocolFault.NO_SET_POINT_GAP_STOP), "--allowance-ms", ALLOWANCE_MS,
                "--i-understand-winches-move", "--only", "X4");
        assertEquals("FAIL", run.result("X4"));
        assertEquals(ConformanceCommand.EXIT_FAILED, run.exitCode);
        assertEquals(com.lianarig.protocol.WinchState.BRAKED, rig.locked(() -> rig.node(0).winchState(0)),
                "the tester stops and brakes the winch it left following");
    }

    /** Annex B.20: a node with version 1's soft-limit clamp drives a winch below its lower limit up: X9 fails it. */
    @Test
    void aNodeWhoseClampDrivesTheWinchTheOtherWayFailsX9() {
        Run run = conformance(virtualNode(ProtocolFault.CLAMPS_TO_THE_SOFT_LIMIT), "--allowance-ms", ALLOWANCE_MS,
                "--i-understand-winches-move", "--only", "M11,X9");
        assertEquals("PASS", run.result("M11"));
        assertEquals("FAIL", run.result("X9"));
        assertTrue(run.out.contains("driven UP"), run.out);
        assertEquals(ConformanceCommand.EXIT_FAILED, run.exitCode);
    }
}
