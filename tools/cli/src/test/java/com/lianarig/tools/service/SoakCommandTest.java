package com.lianarig.tools.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.sim.transport.PtyPort;
import com.lianarig.tools.RigCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * R-8 in the normal test run: {@code rig soak} for 2 minutes with two busy processes beside it, as issue 15 asks:
 * the service ({@code rig run --gpio none}) and the virtual rig ({@code rig sim} behind a socat pty) in processes of
 * their own, the scripted trainer over MQTT. Nothing is injected, so the soak must end with its R-8 line, whole
 * sessions done, and no unexpected fault (issue 15's condition; stops are reported, not judged here). The soak's
 * own output is printed for whoever reads a failure.
 */
class SoakCommandTest {
    private static final Pattern SUMMARY = Pattern.compile(
            "soak: ([0-9.]+) h, (\\d+) sessions, (\\d+) unexpected faults, (\\d+) unexpected stops, (\\d+) late steps");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failure leaves the journal and the processes' output to read
    Path dir;

    @Test
    void twoMinutesWithTwoBusyProcessesEndWithoutAnUnexpectedFault() {
        Assumptions.assumeTrue(PtyPort.socatAvailable(), "socat is needed for the virtual node's pty");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream was = System.out;
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new RigCommand()).execute("soak", "--duration", "2m", "--load", "2",
                    "--report-every", "1m", "--data", dir.toString());
        } finally {
            System.setOut(was);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        Matcher m = SUMMARY.matcher(out);
        assertTrue(m.find(), "the R-8 line:\n" + out);
        assertTrue(Integer.parseInt(m.group(2)) >= 1, "whole sessions done:\n" + out);
        assertEquals(0, Integer.parseInt(m.group(3)), "no unexpected fault in 2 minutes (see above)");
        assertTrue(out.contains("P-8 CPU over the sessions"), out);
        // issue 15's condition is the faults; the stops, late steps and node stops are printed above and counted in
        // the exit code (0 only when there were none at all), which must at least say the soak ran
        assertTrue(exit == 0 || exit == SoakCommand.FAILED, "the soak ran (exit " + exit + "):\n" + out);
    }

    @Test
    void aDurationThatIsNoneIsRefusedInPlainWords() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RigCommand());
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("soak", "--duration", "eight hours");
        assertEquals(2, exit);
        assertTrue(err.toString().contains("--duration eight hours is not a duration: a number with s, m or h"),
                err.toString());
    }

    @Test
    void moreBusyProcessesThanSixteenAreRefused() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RigCommand());
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("soak", "--duration", "1m", "--load", "17");
        assertEquals(2, exit);
        assertTrue(err.toString().contains("--load"), err.toString());
    }
}
