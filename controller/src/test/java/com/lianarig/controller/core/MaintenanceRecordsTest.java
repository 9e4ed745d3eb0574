package com.lianarig.controller.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.sim.physics.VirtualClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The records {@code rig journal clients} and {@code rig journal maintenance} are derived from: client
 * attach and detach, one brake release per winch and motion, and each rope's passage between unloaded
 * and loaded (without chatter), on the virtual rig.
 */
class MaintenanceRecordsTest {
    @TempDir
    Path dir;

    @Test
    void attachAimAndDetachJournalTheClientTheBrakeReleasesAndTheRopeLoads() throws Exception {
        try (RigHarness h = RigHarness.standard(71, dir)) {
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("m-1", 70, 1750));
            assertTrue(h.journalHas("client {\"event\":\"attached\",\"client\":\"m-1\"}"), h.journal.toString());
            assertEquals(List.of(), of(h, "rope-load "), "nobody hangs yet");
            h.holdEnable(true);
            h.must(RigHarness.TRAINER, new Command.AimAt(SpineSegment.L4_L5));
            assertTrue(h.stepUntil(() -> h.journalHas("aim-refined"), 60_000), h.controller.status().toString());
            List<String> brakes = of(h, "brake ");
            assertTrue(brakes.contains("brake {\"event\":\"release\",\"winch\":\"left-leg-winch\"}"), brakes.toString());
            assertTrue(brakes.contains("brake {\"event\":\"release\",\"winch\":\"right-leg-winch\"}"), brakes.toString());
            assertEquals(0, brakes.size() % 2, "the pair's winches are released together: " + brakes);
            List<String> loads = of(h, "rope-load ");
            assertTrue(loads.stream().anyMatch(l -> l.startsWith("rope-load {\"rope\":\"left-leg\",\"loaded\":true")),
                    loads.toString());
            assertTrue(loads.stream().anyMatch(l -> l.startsWith("rope-load {\"rope\":\"right-leg\",\"loaded\":true")),
                    loads.toString());
            assertTrue(loads.size() <= 4, "one passage per rope, no chatter: " + loads);
            h.holdEnable(false);
            h.step(500);
            h.must(RigHarness.TRAINER, new Command.Detach());
            h.must(RigHarness.TRAINER, new Command.Detach());
            assertTrue(h.journalHas("client {\"event\":\"detached\",\"client\":\"m-1\"}"), h.journal.toString());
        }
    }

    private static List<String> of(RigHarness h, String prefix) {
        return h.journal.stream().filter(j -> j.startsWith(prefix)).toList();
    }
}
