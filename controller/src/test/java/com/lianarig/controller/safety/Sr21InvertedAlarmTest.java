package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TRAINER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.rig.LimitSpec;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.core.Mode;
import com.lianarig.sim.physics.VirtualClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SR-21: an alarm to the trainer after a configured continuous time inverted; the trainer decides. */
class Sr21InvertedAlarmTest {
    @TempDir
    Path dir;

    @Test
    void alarmAfterTheConfiguredTimeInvertedAndNothingElseHappens() throws Exception {
        try (RigHarness h = RigHarness.standard(21, dir, l -> l.with(LimitSpec.INVERTED_ALARM_S, 30))) {
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c21", 70, 1750));
            h.holdEnable(true);
            h.must(TRAINER, new Command.AimAt(SpineSegment.L4_L5));
            assertTrue(h.stepUntil(() -> h.controller.status().invertedS() > 0, 30_000), "never inverted");
            h.step(28_000);
            assertFalse(h.controller.status().invertedAlarm(), "alarm before 30 s: " + h.controller.status().invertedS());
            assertFalse(h.journalHas("\"SR-21\""));
            assertTrue(h.stepUntil(() -> h.controller.status().invertedAlarm(), 3_000), "no alarm after "
                    + h.controller.status().invertedS() + " s inverted");
            assertTrue(h.journalHas("\"rule\":\"SR-21\""), "alarm journalled (the MQTT outbox)");
            h.step(3_000);
            // the trainer decides: no stop, no fault, the client is not lowered by itself
            assertTrue(h.mode() == Mode.READY || h.mode() == Mode.MOVING, h.controller.status().modeReason());
            assertTrue(h.controller.status().faults().isEmpty());
            assertTrue(h.controller.status().invertedAlarm(), "the alarm stays until the client is lowered");
            // lowered out of the hang: the alarm clears
            h.must(TRAINER, new Command.MoveTo("legs", 220));
            assertTrue(h.stepUntil(() -> !h.controller.status().invertedAlarm(), 30_000), "alarm stays after lowering");
        }
    }
}
