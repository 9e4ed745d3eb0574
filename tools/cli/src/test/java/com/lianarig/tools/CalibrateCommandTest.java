package com.lianarig.tools;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.CalibrationKind;
import com.lianarig.config.calibration.CalibrationPoint;
import com.lianarig.config.calibration.NodeCalibrations;
import com.lianarig.hal.serial.JSerialCommLink;
import com.lianarig.hal.serial.SerialLinkState;
import com.lianarig.hal.serial.SerialSettings;
import com.lianarig.sim.fault.Faults;
import com.lianarig.sim.transport.PtyPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rig calibrate} end to end: the standard virtual rig in real time behind a real pty (socat),
 * the command in-process opening it through hal exactly as a USB serial port, masses hung on the
 * simulated rope between the commands. Judged against the rig's true load cell (offset, scale) and
 * true rope tension.
 *
 * <p>Timing is tolerant (1 s silence limit, waits of many seconds): this shared 2-core machine can
 * pause a thread for 100 ms; the protocol's own timing is tested on the stepped clock elsewhere.
 * Needs socat (./run-tests installs it); the pty tests are skipped, saying so, without it.
 */
@Timeout(60)
class CalibrateCommandTest {
    private static final double G = PtyRigFixture.G;
    private static final long STEP_MS = 20_000;

    @TempDir
    Path dir;

    private PtyRigFixture fixture;

    private PtyRigFixture rig(long seed) {
        Assumptions.assumeTrue(PtyPort.socatAvailable(),
                "socat is not installed (apt-get install socat): the end-to-end calibration tests are skipped");
        fixture = new PtyRigFixture(seed, dir);
        return fixture;
    }

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static CalibrateRun batch(PtyRigFixture f, String... more) {
        String[] base = {"calibrate", "--config", f.rigFile.toString(), "--rope", "left-leg", "--technician", "CI tech",
            "--batch"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return new CalibrateRun(args);
    }

    @Test
    void batchCalibrationRecoversTheTrueScaleAndOffsetSavesItAndStatusListsIt() throws Exception {
        PtyRigFixture f = rig(101);
        double strapN = f.leftLegTensionN();
        try (CalibrateRun run = batch(f)) {
            String connect = run.awaitLine(l -> l.startsWith("command=connect"), STEP_MS);
            assertTrue(connect.startsWith("command=connect result=ok"), connect);
            assertEquals("VR-0001", Pairs.of(connect).get("node"));
            assertEquals("left-leg", Pairs.of(connect).get("rope"));

            run.send("zero");
            run.awaitLine(l -> l.startsWith("command=zero result=ok"), STEP_MS);
            int n = 0;
            for (double kg : new double[] {10, 20, 50}) {
                f.hangOnLeftLeg(kg);
                run.send("point " + (int) kg);
                String line = run.awaitNth("command=point", ++n, STEP_MS);
                assertTrue(line.startsWith("command=point result=ok massKg=" + (int) kg + ".000"), line);
            }
            f.hangOnLeftLeg(0);
            run.send("fit");
            String fit = run.awaitLine(l -> l.startsWith("command=fit"), STEP_MS);
            assertTrue(fit.startsWith("command=fit result=ok"), fit);

            f.hangOnLeftLeg(30);
            run.send("verify 30");
            String verify = run.awaitLine(l -> l.startsWith("command=verify"), STEP_MS);
            assertTrue(verify.startsWith("command=verify result=ok"), verify);
            f.hangOnLeftLeg(0);

            run.send("save");
            String save = run.awaitLine(l -> l.startsWith("command=save"), STEP_MS);
            assertTrue(save.startsWith("command=save result=ok"), save);
            run.send("quit");
            assertEquals(0, run.exitCode(STEP_MS), run.err());
            assertTrue(run.lines().get(run.lines().size() - 1).equals("command=quit result=ok saved=true"), run.out());

            double trueScale = f.leftLegCell().countsPerN();
            double trueZero = f.leftLegCell().offsetCounts() + trueScale * strapN; // the strap hangs at the zero
            double fullScaleCounts = trueScale * 50 * G;
            double scale = Pairs.number(fit, "countsPerN");
            double offset = Pairs.number(fit, "offsetCounts");
            double scaleErrorPercent = (scale - trueScale) / trueScale * 100;
            double offsetErrorPercentOfFullScale = (offset - trueZero) / fullScaleCounts * 100;
            double verifyErrorPercent = Pairs.number(verify, "errorPercent");
            System.out.printf("calibration over the pty: scale %.4f counts/N (true %.4f, error %+.5f %%), offset %.1f"
                    + " counts (true %.1f with the %.1f N strap, error %+.5f %% of full scale), linearity %s %%,"
                    + " verify 30 kg reads %s kg (%+.4f %%)%n", scale, trueScale, scaleErrorPercent, offset, trueZero,
                    strapN, offsetErrorPercentOfFullScale, Pairs.of(fit).get("linearityPercent"),
                    Pairs.of(verify).get("readKg"), verifyErrorPercent);
            assertAll(
                    () -> assertEquals(5.0, strapN, 1e-9, "an empty strap weighs 5 N on the virtual rig"),
                    () -> assertEquals(0, scaleErrorPercent, 0.1, "scale within 0.1 %"),
                    () -> assertEquals(0, offsetErrorPercentOfFullScale, 0.1, "offset within 0.1 % of full scale"),
                    () -> assertEquals(0, verifyErrorPercent, 0.5, "verify within 0.5 %"));

            Path file = f.calibrationDir.resolve("VR-0001.json");
            assertEquals(file.toString(), Pairs.of(save).get("file"));
            Calibration saved = f.store().current(PtyRigFixture.LEFT_LEG).orElseThrow();
            assertAll(
                    () -> assertEquals(CalibrationKind.FIT, saved.kind()),
                    () -> assertEquals("CI tech", saved.technician()),
                    () -> assertEquals(List.of(0.0, 10.0, 20.0, 50.0), saved.referenceMassesKg()),
                    () -> assertEquals(scale, saved.countsPerN(), 1e-3),
                    () -> assertEquals(offset, saved.offsetCounts(), 0.1));
        }

        RigRun status = RigRun.of("calibrate", "status", "--config", f.rigFile.toString());
        assertEquals(0, status.exitCode(), status.err());
        String leftLeg = status.out().lines().filter(l -> l.startsWith("left-leg")).findFirst().orElseThrow();
        assertAll(
                () -> assertTrue(leftLeg.matches("left-leg +VR-0001 channel 0 +fit \\S+Z by CI tech, linearity"
                        + " \\d\\.\\d{4} % up to 50 kg, \\d+ minutes? old"), leftLeg),
                () -> assertTrue(status.out().contains("right-leg   VR-0001 channel 1  NOT CALIBRATED: no calibration"
                        + " on record"), status.out()),
                () -> assertTrue(status.out().contains("3 of 4 channels have no valid calibration"), status.out()));
    }

    @Test
    void aPointIsTakenOnlyOnceARampingLoadHasSettled() {
        PtyRigFixture f = rig(102);
        try (CalibrateRun run = batch(f, "--average", "1")) {
            run.awaitLine(l -> l.startsWith("command=connect result=ok"), STEP_MS);
            // a 20 kg mass lowered onto the strap over 2 s, the point asked for as it starts
            long start = System.nanoTime();
            Thread ramp = rampLeftLeg(f, 0, 20, 2_000);
            run.send("point 20");
            String point = run.awaitLine(l -> l.startsWith("command=point"), STEP_MS);
            double secondsToPoint = (System.nanoTime() - start) / 1e9;
            join(ramp);
            assertTrue(point.startsWith("command=point result=ok"), point);
            double expected = f.leftLegCell().offsetCounts() + f.leftLegCell().countsPerN() * f.leftLegTensionN();
            double spanCounts = f.leftLegCell().countsPerN() * 20 * G;
            assertAll(
                    () -> assertEquals(20 * G + 5, f.leftLegTensionN(), 1e-9),
                    () -> assertTrue(Pairs.number(point, "waitedSamples") >= 80, "waited at least 1 s: " + point),
                    () -> assertTrue(secondsToPoint >= 2.9, "taken " + secondsToPoint + " s after the ramp began:"
                            + " its 2 s and a steady 1 s window"),
                    () -> assertEquals(expected, Pairs.number(point, "rawCounts"), 0.001 * spanCounts,
                            "the settled load's reading, not the ramp's"));
            run.send("quit");
            assertEquals(0, run.exitCode(STEP_MS));
        }
    }

    @Test
    void aPointThatNeverSettlesIsRefusedAsMovingAndNothingIsSaved() {
        PtyRigFixture f = rig(103);
        try (CalibrateRun run = batch(f, "--average", "0.5", "--settle-timeout", "1")) {
            run.awaitLine(l -> l.startsWith("command=connect result=ok"), STEP_MS);
            run.send("zero");
            run.awaitLine(l -> l.startsWith("command=zero result=ok"), STEP_MS);
            Thread ramp = rampLeftLeg(f, 0, 50, 3_000);
            run.send("point 50");
            String point = run.awaitLine(l -> l.startsWith("command=point"), STEP_MS);
            assertEquals(2, run.exitCode(STEP_MS));
            join(ramp);
            Map<String, String> p = Pairs.of(point);
            assertAll(
                    () -> assertEquals("refused", p.get("result"), point),
                    () -> assertEquals("MOVING", p.get("reason"), point),
                    () -> assertTrue(p.get("message").startsWith("the reading is still moving after 1.5 s"), point),
                    () -> assertTrue(run.err().contains("the reading is still moving"), run.err()),
                    () -> assertTrue(run.err().contains("nothing saved"), run.err()),
                    () -> assertFalse(Files.exists(f.calibrationDir), "nothing saved"));
        }
    }

    @Test
    void aSaturatedChannelAbortsThePointNamingTheStatus() {
        PtyRigFixture f = rig(104);
        try (CalibrateRun run = batch(f)) {
            run.awaitLine(l -> l.startsWith("command=connect result=ok"), STEP_MS);
            Faults.channelSaturated(f.rig, 0);
            run.send("zero");
            String zero = run.awaitLine(l -> l.startsWith("command=zero"), STEP_MS);
            assertEquals(2, run.exitCode(STEP_MS));
            assertAll(
                    () -> assertTrue(zero.startsWith("command=zero result=refused reason=SATURATED message=\"the channel"
                            + " reports SATURATED"), zero),
                    () -> assertTrue(run.err().contains("SATURATED"), run.err()),
                    () -> assertFalse(Files.exists(f.calibrationDir), "nothing saved"));
        }
    }

    @Test
    void tareIsRefusedWhileTheRopeIsLoadedNamingTheLoadAndAcceptedOnceUnloaded() throws Exception {
        PtyRigFixture f = rig(105);
        // a valid calibration from the cell's true offset and scale, strap included in the zero
        double scale = f.leftLegCell().countsPerN();
        double zero = f.leftLegCell().offsetCounts() + scale * 5;
        f.store().append(Calibration.fromPoints(PtyRigFixture.LEFT_LEG, Instant.parse("2025-01-01T08:00:00Z"), "setup",
                List.of(new CalibrationPoint(zero, 0), new CalibrationPoint(zero + scale * 50 * G, 50))));

        f.hangOnLeftLeg(20);
        RigRun loaded = RigRun.of("calibrate", "tare", "--config", f.rigFile.toString(), "--rope", "left-leg",
                "--technician", "CI tech", "--batch", "--average", "0.5");
        Map<String, String> refused = Pairs.of(loaded.out().strip());
        assertAll(
                () -> assertEquals(2, loaded.exitCode(), loaded.out() + loaded.err()),
                () -> assertEquals("refused", refused.get("result"), loaded.out()),
                () -> assertEquals("LOADED", refused.get("reason"), loaded.out()),
                () -> assertTrue(refused.get("message").matches("tare refused: the rope reads 20\\.0\\d kg, more than"
                        + " 2 kg: take everything off the rope before tare \\(SR-17\\)"), refused.get("message")),
                () -> assertTrue(loaded.err().contains("the rope reads 20.0"), loaded.err()),
                () -> assertEquals(1, f.store().load("VR-0001").history().size(), "nothing saved"));

        f.hangOnLeftLeg(0);
        RigRun unloaded = RigRun.of("calibrate", "tare", "--config", f.rigFile.toString(), "--rope", "left-leg",
                "--technician", "CI tech", "--batch", "--average", "0.5");
        assertEquals(0, unloaded.exitCode(), unloaded.out() + unloaded.err());
        Map<String, String> ok = Pairs.of(unloaded.out().strip());
        NodeCalibrations history = f.store().load("VR-0001");
        Calibration tared = history.current(0, f.store().policy()).orElseThrow();
        assertAll(
                () -> assertEquals("ok", ok.get("result"), unloaded.out()),
                () -> assertEquals(2, history.history().size()),
                () -> assertEquals(CalibrationKind.TARE, tared.kind()),
                () -> assertEquals(scale, tared.countsPerN(), 1e-9, "a tare keeps the scale"),
                () -> assertEquals(zero, tared.offsetCounts(), 0.001 * scale * 50 * G, "the zero, strap included"),
                () -> assertEquals(Double.parseDouble(ok.get("offsetCounts")), tared.offsetCounts(), 0.1));
    }

    @Test
    void aPortHeldByAnotherOpenerIsRefusedNamingItsPid() throws Exception {
        PtyRigFixture f = rig(106);
        try (JSerialCommLink holder = JSerialCommLink.byPath(f.port.hostLink().toString(), SerialSettings.defaults())) {
            SerialLinkState[] state = new SerialLinkState[1];
            holder.start((b, o, l) -> { }, (s, why) -> state[0] = s);
            for (int i = 0; i < 250 && holder.state() != SerialLinkState.OPEN; i++) {
                Thread.sleep(20);
            }
            assertEquals(SerialLinkState.OPEN, holder.state(), "the holder opened the pty");

            RigRun run = RigRun.of("calibrate", "--config", f.rigFile.toString(), "--rope", "left-leg", "--technician",
                    "CI tech", "--batch");
            assertAll(
                    () -> assertEquals(2, run.exitCode(), run.out() + run.err()),
                    () -> assertTrue(run.err().contains("is in use by pid " + ProcessHandle.current().pid()), run.err()),
                    () -> assertTrue(run.err().contains("the rig service, if it runs. Stop it to calibrate from the"
                            + " command line"), run.err()),
                    () -> assertTrue(run.out().startsWith("command=connect result=refused reason=BAD_INPUT"), run.out()),
                    () -> assertFalse(Files.exists(f.calibrationDir), "nothing saved"));
        }
    }

    @Test
    void aMalformedBatchLineEndsTheRunNamingTheLineAndNothingIsSaved() {
        PtyRigFixture f = rig(107);
        try (CalibrateRun run = batch(f, "--average", "0.5")) {
            run.awaitLine(l -> l.startsWith("command=connect result=ok"), STEP_MS);
            run.send("# a comment, then a blank line");
            run.send("");
            run.send("zero");
            run.send("pointx 20");
            assertEquals(2, run.exitCode(STEP_MS));
            assertAll(
                    () -> assertTrue(run.out().contains("command=zero result=ok"), run.out()),
                    () -> assertTrue(run.out().contains("command=line result=refused reason=BAD_LINE message=\"line 4"
                            + " 'pointx 20': 'pointx' is not a command"), run.out()),
                    () -> assertTrue(run.err().contains("line 4 'pointx 20': 'pointx' is not a command (commands: zero,"
                            + " point KG, retake N, fit, verify KG, save, quit); nothing saved"), run.err()),
                    () -> assertFalse(Files.exists(f.calibrationDir), "nothing saved"));
        }
    }

    @Test
    void theGuidedFlowPromptsStepByStepAndSaves() {
        PtyRigFixture f = rig(108);
        try (CalibrateRun run = new CalibrateRun("calibrate", "--config", f.rigFile.toString(), "--rope", "left-leg",
                "--masses", "10,20", "--verify-mass", "15", "--average", "0.5")) {
            run.awaitText("Technician's name: ", STEP_MS);
            run.send("J. Tech");
            run.awaitText("Step 1 of 5: zero", STEP_MS);
            run.awaitText("Remove all load: the strap hangs free", STEP_MS);
            run.awaitText("Press Enter to take the zero point (q to abort without saving)", STEP_MS);
            run.send("");
            run.awaitText("  0 kg: ", STEP_MS);
            run.awaitText("[1 of 2] Hang 10 kg on the strap", STEP_MS);
            run.awaitText("Type the mass that hangs, in kg, to confirm it (10; q aborts without saving): ", STEP_MS);
            f.hangOnLeftLeg(10);
            run.send(""); // Enter alone does not take it
            run.awaitText("Type the mass (10 kg) to confirm it hangs.", STEP_MS);
            run.send("20"); // nor another mass
            run.awaitText("20 kg is not the 10 kg asked for here", STEP_MS);
            run.send("10");
            run.awaitText("  10 kg: ", STEP_MS);
            run.awaitText("[2 of 2] Hang 20 kg on the strap", STEP_MS);
            f.hangOnLeftLeg(20);
            run.send("20");
            run.awaitText("Step 3 of 5: fit", STEP_MS);
            run.awaitText("The fit is valid", STEP_MS);
            run.awaitText("Hang a known mass of 15 kg", STEP_MS);
            f.hangOnLeftLeg(15);
            run.send("15");
            run.awaitText("PASSED", STEP_MS);
            run.awaitText("Press Enter to save the calibration", STEP_MS);
            run.send("");
            assertEquals(0, run.exitCode(STEP_MS), run.out() + run.err());
            String out = run.out();
            assertAll(
                    () -> assertTrue(out.contains("averaging 0 %"), out),
                    () -> assertTrue(out.contains("averaging 75 %"), out),
                    () -> assertTrue(out.contains("offset      "), out),
                    () -> assertTrue(out.contains("scale       "), out),
                    () -> assertTrue(out.contains("point   mass kg   reading counts   residual N   residual kg"), out),
                    () -> assertTrue(out.contains("Step 4 of 5: verify"), out),
                    () -> assertTrue(out.contains("Saved: VR-0001 channel 0 by J. Tech at "), out),
                    () -> assertTrue(f.store().current(PtyRigFixture.LEFT_LEG).isPresent()));
        }
    }

    /**
     * The guided flow refuses a reference mass that was not hung (its reading is the zero's), then,
     * after a fit made invalid by a wrong mass at one point, takes that one point again and saves.
     */
    @Test
    void aForgottenMassIsRefusedAndOneBadPointIsRetakenAfterAnInvalidFit() throws Exception {
        PtyRigFixture f = rig(110);
        try (CalibrateRun run = new CalibrateRun("calibrate", "--config", f.rigFile.toString(), "--rope", "left-leg",
                "--technician", "J. Tech", "--masses", "10,20,50", "--verify-mass", "30", "--average", "0.5")) {
            run.awaitText("Press Enter to take the zero point", STEP_MS);
            run.send("");
            run.awaitText("[1 of 3] Hang 10 kg on the strap", STEP_MS);
            run.send("10"); // confirmed, but not hung
            run.awaitText("Not taken: the reading with 10 kg hanging is the zero point's (point 1", STEP_MS);
            f.hangOnLeftLeg(10);
            run.send("10");
            run.awaitText("  10 kg: ", STEP_MS);
            run.awaitText("[2 of 3] Hang 20 kg on the strap", STEP_MS);
            f.hangOnLeftLeg(25); // the wrong disc
            run.send("20");
            run.awaitText("  20 kg: ", STEP_MS);
            run.awaitText("[3 of 3] Hang 50 kg on the strap", STEP_MS);
            f.hangOnLeftLeg(50);
            run.send("50");
            run.awaitText("NOT VALID: ", STEP_MS);
            run.awaitText("Take one point again: its number (1..4), or n to stop without saving", STEP_MS);
            run.send("3");
            run.awaitText("Point 3: hang 20 kg on the strap", STEP_MS);
            f.hangOnLeftLeg(20);
            run.send("20");
            run.awaitText("point 3, 20 kg: ", STEP_MS);
            run.awaitText("The fit is valid", STEP_MS);
            run.awaitText("Hang a known mass of 30 kg", STEP_MS);
            f.hangOnLeftLeg(30);
            run.send("30");
            run.awaitText("PASSED", STEP_MS);
            run.awaitText("Press Enter to save the calibration", STEP_MS);
            run.send("");
            assertEquals(0, run.exitCode(STEP_MS), run.out() + run.err());
            Calibration saved = f.store().current(PtyRigFixture.LEFT_LEG).orElseThrow();
            assertEquals(List.of(0.0, 10.0, 20.0, 50.0), saved.referenceMassesKg());
        }
    }

    /** Batch mode: a fit that is not valid is reported and the run goes on; retake N and fit again. */
    @Test
    void batchRetakesOnePointAfterAnInvalidFitAndSaves() throws Exception {
        PtyRigFixture f = rig(111);
        try (CalibrateRun run = batch(f, "--average", "0.5")) {
            run.awaitLine(l -> l.startsWith("command=connect result=ok"), STEP_MS);
            run.send("zero");
            run.awaitLine(l -> l.startsWith("command=zero result=ok"), STEP_MS);
            int n = 0;
            for (double[] kg : new double[][] {{10, 10}, {20, 25}, {50, 50}}) {
                f.hangOnLeftLeg(kg[1]);
                run.send("point " + (int) kg[0]);
                run.awaitNth("command=point result=ok", ++n, STEP_MS);
            }
            run.send("fit");
            String bad = run.awaitLine(l -> l.startsWith("command=fit"), STEP_MS);
            assertTrue(bad.startsWith("command=fit result=refused reason=NOT_VALID"), bad);

            f.hangOnLeftLeg(20);
            run.send("retake 3");
            String retake = run.awaitLine(l -> l.startsWith("command=retake"), STEP_MS);
            assertTrue(retake.startsWith("command=retake result=ok massKg=20.000"), retake);
            assertTrue(retake.contains(" point=3"), retake);
            run.send("fit");
            run.awaitLine(l -> l.startsWith("command=fit result=ok"), STEP_MS);
            f.hangOnLeftLeg(30);
            run.send("verify 30");
            run.awaitLine(l -> l.startsWith("command=verify result=ok"), STEP_MS);
            run.send("save");
            run.awaitLine(l -> l.startsWith("command=save result=ok"), STEP_MS);
            run.send("quit");
            assertEquals(0, run.exitCode(STEP_MS), run.err());
            assertTrue(run.err().contains("the fit is not valid: "), run.err());
            assertTrue(f.store().current(PtyRigFixture.LEFT_LEG).isPresent());
        }
    }

    @Test
    void qAbortsTheGuidedFlowWithoutSaving() {
        PtyRigFixture f = rig(109);
        try (CalibrateRun run = new CalibrateRun("calibrate", "--config", f.rigFile.toString(), "--rope", "left-leg",
                "--technician", "J. Tech", "--masses", "10,20,50")) {
            run.awaitText("Press Enter to take the zero point", STEP_MS);
            run.send("q");
            assertEquals(0, run.exitCode(STEP_MS));
            assertTrue(run.out().contains("Aborted: nothing saved."), run.out());
            assertFalse(Files.exists(f.calibrationDir), "nothing saved");
        }
    }

    /** Raises the left leg's extra load from {@code fromKg} to {@code toKg} over {@code ms}, in 20 ms steps. */
    private static Thread rampLeftLeg(PtyRigFixture f, double fromKg, double toKg, long ms) {
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            while (true) {
                double elapsed = (System.nanoTime() - start) / 1e6;
                if (elapsed >= ms) {
                    f.hangOnLeftLeg(toKg);
                    return;
                }
                f.hangOnLeftLeg(fromKg + (toKg - fromKg) * elapsed / ms);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "ramp");
        t.start();
        return t;
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
