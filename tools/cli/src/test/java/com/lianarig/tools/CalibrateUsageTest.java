package com.lianarig.tools;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rig calibrate}'s bad input, caught before any port is opened: exit code 2, a message naming
 * what is wrong, nothing saved. The rig file's node port does not exist here: nothing reaches it.
 */
class CalibrateUsageTest {
    @TempDir
    Path dir;

    private Path rigFile;

    @BeforeEach
    void writeRigFile() {
        rigFile = dir.resolve("rig.yaml");
        PtyRigFixture.writeRigFile(rigFile, dir.resolve("no-such-port").toString(), dir.resolve("data"));
    }

    private RigRun calibrate(String... more) {
        String[] base = {"calibrate", "--config", rigFile.toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return RigRun.of(args);
    }

    private void assertRefused(RigRun run, String expected) {
        assertAll(
                () -> assertEquals(2, run.exitCode(), run.out() + run.err()),
                () -> assertTrue(run.err().contains(expected), run.err()),
                () -> assertFalse(Files.exists(dir.resolve("data")), "nothing saved"));
    }

    @Test
    void anUnknownRopeIsNamedWithTheRopesThereAre() {
        assertRefused(calibrate("--rope", "left-arm", "--technician", "t", "--batch"),
                "rope 'left-arm' is not in " + rigFile + " (its ropes: left-leg, right-leg, left-loop, right-loop)");
    }

    @Test
    void aBadMassListNamesTheItem() {
        assertRefused(calibrate("--rope", "left-leg", "--masses", "10,abc"),
                "'10,abc': mass 2: 'abc' is not a mass in kg");
    }

    @Test
    void tooSmallASpanIsRefusedBeforeAnyWork() {
        assertRefused(calibrate("--rope", "left-leg", "--masses", "2,5", "--technician", "t"),
                "--masses: the largest mass must be at least 10 kg");
    }

    @Test
    void batchNeedsATechnician() {
        assertRefused(calibrate("--rope", "left-leg", "--batch"), "--batch needs --technician NAME");
    }

    @Test
    void aChannelMustBeNamed() {
        assertRefused(calibrate("--technician", "t", "--batch"),
                "which channel? give --rope ID (left-leg, right-leg, left-loop, right-loop), or --node SERIAL --channel N");
    }

    @Test
    void anUnknownNodeIsNamedWithTheNodesThereAre() {
        assertRefused(calibrate("--node", "VR-0009", "--channel", "0", "--technician", "t", "--batch"),
                "node 'VR-0009' is not in " + rigFile + " (its nodes: VR-0001 (main))");
    }

    @Test
    void aMissingPortIsNamed() {
        assertRefused(calibrate("--node", "VR-0001", "--channel", "1", "--technician", "t", "--batch"),
                "cannot open the port of node VR-0001 (" + dir.resolve("no-such-port") + " in the rig file): no device at");
    }

    @Test
    void aMissingRigFileIsNamed() {
        RigRun run = RigRun.of("calibrate", "--config", dir.resolve("none.yaml").toString(), "--rope", "left-leg");
        assertRefused(run, "the rig file cannot be used: " + dir.resolve("none.yaml") + ": does not exist");
    }

    @Test
    void statusWithoutAnyCalibrationListsEveryChannelAsNotCalibrated() {
        RigRun run = calibrate("status");
        assertAll(
                () -> assertEquals(0, run.exitCode(), run.err()),
                () -> assertEquals(4, run.out().lines().filter(l -> l.contains("NOT CALIBRATED: no calibration on record"))
                        .count(), run.out()),
                () -> assertTrue(run.out().contains("4 of 4 channels have no valid calibration: the rig cannot take a"
                        + " client until they are calibrated (SR-17)."), run.out()));
    }

    @Test
    void theRigFileMayAlsoFollowTheSubcommand() {
        RigRun run = RigRun.of("calibrate", "status", "--config", rigFile.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("calibrations of " + rigFile), run.out());
    }

    @Test
    void tareWithoutACalibrationIsRefusedBeforeOpeningThePort() {
        RigRun run = calibrate("tare", "--rope", "left-leg", "--technician", "t", "--batch");
        assertRefused(run, "no valid calibration to judge the load by");
        assertTrue(run.out().startsWith("command=tare result=refused reason=NO_CALIBRATION"), run.out());
    }

    @Test
    void helpListsTheSubcommands() {
        RigRun run = RigRun.of("calibrate", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("status"), run.out());
        assertTrue(run.out().contains("tare"), run.out());
        assertTrue(RigRun.of("--help").out().contains("calibrate"));
    }
}
