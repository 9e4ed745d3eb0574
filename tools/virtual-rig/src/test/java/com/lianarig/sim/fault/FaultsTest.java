package com.lianarig.sim.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.lianarig.protocol.BrakeId;
import com.lianarig.sim.VirtualRig;
import org.junit.jupiter.api.Test;

/** The programmatic fault API: names, bounds and what each brake selector touches. */
class FaultsTest {
    private final VirtualRig rig = VirtualRig.standardInProcess(5);

    @Test
    void ropesAreFoundByNameOrIndex() {
        assertEquals(1, Faults.rope(rig, "right-leg"));
        assertEquals(3, Faults.rope(rig, "3"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Faults.rope(rig, "left-arm"));
        assertEquals("no rope 'left-arm': this rig has [left-leg, right-leg, left-loop, right-loop] (or 0..3)",
                e.getMessage());
    }

    @Test
    void brakeSlipTouchesOnlyTheBrakesNamedAndBrakeOkRestoresBoth() {
        Faults.brakeSlip(rig, 0, Faults.Brakes.DRUM, 0.3);
        assertEquals(1, rig.physics().winch(0).brakeHoldFactor(BrakeId.MOTOR));
        assertEquals(0.3, rig.physics().winch(0).brakeHoldFactor(BrakeId.DRUM));
        Faults.brakeSlip(rig, 0, Faults.Brakes.BOTH, 0.1);
        assertEquals(0.1, rig.physics().winch(0).brakeHoldFactor(BrakeId.MOTOR));
        Faults.brakeOk(rig, 0);
        assertEquals(1, rig.physics().winch(0).brakeHoldFactor(BrakeId.MOTOR));
        assertEquals(1, rig.physics().winch(0).brakeHoldFactor(BrakeId.DRUM));
    }

    @Test
    void outOfRangeArgumentsAreRejectedWithWhatWasWrong() {
        assertEquals("hold fraction 1.5 is outside 0..1", assertThrows(IllegalArgumentException.class,
                () -> Faults.brakeSlip(rig, 0, Faults.Brakes.MOTOR, 1.5)).getMessage());
        assertEquals("winch 3 is outside 0..2", assertThrows(IllegalArgumentException.class,
                () -> Faults.runaway(rig, 3, 10)).getMessage());
        assertEquals("rope 4 is outside 0..3", assertThrows(IllegalArgumentException.class,
                () -> Faults.channelStuck(rig, 4)).getMessage());
        assertEquals("bit error rate = 2.0 is outside 0..1", assertThrows(IllegalArgumentException.class,
                () -> Faults.bitErrors(rig, 2)).getMessage());
        assertEquals("node 1 is outside 0..0", assertThrows(IllegalArgumentException.class,
                () -> Faults.nodeReset(rig, 1)).getMessage());
        assertEquals("unplugged for 0.0 s: must be positive", assertThrows(IllegalArgumentException.class,
                () -> Faults.unplug(rig, 0)).getMessage());
    }
}
