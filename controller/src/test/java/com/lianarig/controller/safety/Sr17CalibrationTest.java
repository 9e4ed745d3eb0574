package com.lianarig.controller.safety;

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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SR-17: a channel with no valid calibration cannot carry a client: READY refused, naming the channel. */
class Sr17CalibrationTest {
    @TempDir
    Path dir;

    @Test
    void readyIsRefusedNamingTheUncalibratedChannel() throws Exception {
        try (RigHarness h = RigHarness.standard(17, dir)) {
            h.controller.calibrations(rope -> rope == 1 ? Optional.empty() : Optional.of(h.trueCalibration(rope)));
            h.boot();
            h.preUse.record(LocalDate.now(RigHarness.WALL), "test", "passed");
            h.profiles.save(RigHarness.profile("c17", 70, 1750));
            h.must(TRAINER, new Command.TakeControl());
            h.must(TRAINER, new Command.Attach("c17"));
            h.step(200);
            Decision d = h.decide(TRAINER, new Command.ClientReady());
            assertFalse(d.accepted(), d.toString());
            assertEquals(Refusal.CALIBRATION_MISSING, d.refusal());
            assertTrue(d.detail().contains("right-leg") && d.detail().contains("channel 1"), d.detail());
            assertEquals(Mode.ATTACHING, h.mode());
            assertTrue(h.journalHas("\"calibrated\":false"), "the missing calibration is journalled");
            // and it cannot be aimed either
            h.holdEnable(true);
            assertFalse(h.decide(TRAINER, new Command.MoveTo("legs", 900)).accepted());
            h.step(500);
            assertTrue(SrRig.bothBraked(h));
            // SR-17, R-9: a channel left uncalibrated by a damaged file: READY's refusal says why
            String damaged = "its calibration file cannot be used: /var/lib/liana-rig/calibration/VR-0001.json:12:21:"
                    + " calibrations[1].countsPerN: 2000.0 does not match the fit of the points (2100.0)";
            h.controller.calibrations(rope -> rope == 1 ? Optional.empty() : Optional.of(h.trueCalibration(rope)),
                    rope -> damaged);
            Decision why = h.decide(TRAINER, new Command.ClientReady());
            assertEquals(Refusal.CALIBRATION_MISSING, why.refusal(), why.toString());
            assertTrue(why.detail().contains("right-leg") && why.detail().endsWith(damaged), why.detail());
            assertTrue(h.journalHas("\"reason\":\"its calibration file cannot be used"), "the reason is journalled");
            // calibrated again: READY
            h.controller.calibrations(rope -> Optional.of(h.trueCalibration(rope)));
            h.step(50); // a control step reads the loads through it
            h.must(TRAINER, new Command.ClientReady());
            assertEquals(Mode.READY, h.mode());
        }
    }
}
