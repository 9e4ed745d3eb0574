package com.lianarig.tools;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.ProtocolDefinition;
import org.junit.jupiter.api.Test;

class RigCommandTest {

    @Test
    void helpExitsZeroAndListsDecode() {
        RigRun run = RigRun.of("--help");

        assertAll(
                () -> assertEquals(0, run.exitCode()),
                () -> assertTrue(run.out().startsWith("Usage: rig"), run.out()),
                () -> assertTrue(run.out().contains("decode"), run.out()),
                () -> assertEquals("", run.err()));
    }

    @Test
    void versionPrintsBuildAndProtocolVersion() {
        RigRun run = RigRun.of("--version");

        String hash = String.format("0x%08X", ProtocolDefinition.HASH);
        assertAll(
                () -> assertEquals(0, run.exitCode()),
                () -> assertTrue(run.out().startsWith("rig " + RigVersion.buildVersion() + System.lineSeparator()),
                        run.out()),
                () -> assertFalse(RigVersion.buildVersion().contains("${"), "version resource is not filtered"),
                () -> assertFalse(RigVersion.buildVersion().equals("unknown"), "version resource is missing"),
                () -> assertTrue(run.out().contains(
                        "firmware protocol " + ProtocolDefinition.PROTOCOL_VERSION + ", definition hash " + hash),
                        run.out()));
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitCode2() {
        RigRun run = RigRun.of("--frobnicate");

        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertTrue(run.err().contains("Unknown option: '--frobnicate'"), run.err()),
                () -> assertTrue(run.err().contains("Usage: rig"), run.err()),
                () -> assertEquals("", run.out()));
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        RigRun run = RigRun.of("decod", "A5");

        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertTrue(run.err().contains("Unknown command: 'decod'"), run.err()),
                () -> assertTrue(run.err().contains("rig decode"), run.err()),
                () -> assertTrue(run.err().contains("Usage: rig"), run.err()),
                () -> assertEquals("", run.out()));
    }

    @Test
    void noCommandIsAUsageError() {
        RigRun run = RigRun.of();

        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertTrue(run.err().contains("Missing command"), run.err()));
    }

    @Test
    void unknownOptionOfASubcommandIsAUsageError() {
        RigRun run = RigRun.of("decode", "--frobnicate", "A5");

        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertTrue(run.err().contains("rig decode: Unknown option: '--frobnicate'"), run.err()),
                () -> assertTrue(run.err().contains("Usage: rig decode"), run.err()));
    }

    @Test
    void helpCommandDescribesDecode() {
        RigRun run = RigRun.of("help", "decode");

        assertAll(
                () -> assertEquals(0, run.exitCode()),
                () -> assertTrue(run.out().contains("Usage: rig decode"), run.out()),
                () -> assertTrue(run.out().contains("--hex-file"), run.out()));
    }
}
