package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TECHNICIAN;
import static com.lianarig.controller.RigHarness.TRAINER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.core.Mode;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SR-18: READY is refused until today's pre-use check passed or a technician waived it. */
class Sr18PreUseCheckTest {
    @TempDir
    Path dir;

    @Test
    void readyNeedsTodaysCheckAndOnlyATechnicianMayWaiveIt() throws Exception {
        try (RigHarness h = RigHarness.standard(18, dir)) {
            h.boot();
            h.preUse.record(LocalDate.now(RigHarness.WALL).minusDays(1), "test", "passed");
            h.profiles.save(RigHarness.profile("c18", 70, 1750));
            h.must(TRAINER, new Command.TakeControl());
            h.must(TRAINER, new Command.Attach("c18"));
            Decision d = h.decide(TRAINER, new Command.ClientReady());
            assertFalse(d.accepted(), "yesterday's check does not count: " + d);
            assertEquals(Refusal.PRE_USE_CHECK_MISSING, d.refusal());
            assertTrue(d.detail().contains("SR-18"), d.detail());
            Decision w = h.decide(TRAINER, new Command.PreUseCheckWaive("in a hurry"));
            assertEquals(Refusal.TECHNICIAN_ONLY, w.refusal(), w.toString());
            assertFalse(h.decide(TRAINER, new Command.ClientReady()).accepted(), "a trainer's waiver counted");
            h.must(TRAINER, new Command.ReleaseControl());
            h.must(TECHNICIAN, new Command.TakeControl());
            h.must(TECHNICIAN, new Command.PreUseCheckWaive("brake tester out for repair"));
            assertTrue(h.journalHas("\"result\":\"waived\"") && h.journalHas("tech-laptop"), "waiver journalled with who");
            h.must(TECHNICIAN, new Command.ClientReady());
            assertEquals(Mode.READY, h.mode());
        }
    }
}
