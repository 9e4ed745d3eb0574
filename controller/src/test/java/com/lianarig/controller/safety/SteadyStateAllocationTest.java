package com.lianarig.controller.safety;

import static com.lianarig.controller.safety.SrRig.LEFT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.AllocationMeter;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SAFETY-CORE 6 and P-4: the sample and status paths (node session decoding, every rule of the supervisor)
 * and the control step allocate nothing in steady state: counted in bytes on the stepping thread over
 * thousands of steps while the client hangs and the legs move, after the JIT has warmed up. A step that
 * writes a journal record (an event: a rope becoming loaded) builds its words and is counted apart.
 *
 * <p>The per-thread byte counter also counts what the JIT's own code swaps allocate (objects it had scalar-replaced
 * are rebuilt on the heap when compiled code is thrown away): a few hundred bytes now and then, a few events
 * per window (an empty measured loop of 30,000 turns reads 96 B). Run in the interpreter alone ({@code
 * -Dsurefire.argLine=-Xint}, where nothing is scalar-replaced) the supervisor's test reads exactly 0 B. So the bound
 * is {@link #NOISE_BYTES} per window: far below what the smallest allocation on any one path would add (16 B on
 * each of thousands of calls).
 */
class SteadyStateAllocationTest {
    /** The JIT's code swaps allowed in one measured window, bytes. */
    static final long NOISE_BYTES = 4_000;

    @TempDir
    Path dir;

    @Test
    void theSampleStatusAndControlPathsAllocateNothingWhileTheLegsMove() throws Exception {
        try (RigHarness h = RigHarness.standard(4001, dir)) {
            SrRig.ready(h);
            // warm-up: the JIT compiles the hot paths (two whole moves), then a third is measured
            SrRig.moveLegs(h, 1_350);
            SrRig.moveLegs(h, 400);
            h.holdEnable(true);
            h.must(RigHarness.TRAINER, new Command.MoveTo(SrRig.LEGS, 1_350));
            h.step(3_000);
            assertTrue(h.trueVelocityMmPerS(LEFT) > 30, "moving: " + h.trueVelocityMmPerS(LEFT));
            AllocationMeter meter = new AllocationMeter();
            h.allocations = meter;
            h.step(5_000);
            h.allocations = null;
            assertTrue(h.trueVelocityMmPerS(LEFT) > 30, "still moving: " + h.trueVelocityMmPerS(LEFT));
            assertTrue(meter.ioCalls >= 5_000 && meter.controlSteps >= 500, meter.ioCalls + " / " + meter.controlSteps);
            assertTrue(meter.ioBytes < NOISE_BYTES, "bytes allocated in " + meter.ioCalls + " node-session steps: "
                    + meter.ioBytes);
            assertTrue(meter.controlBytes < NOISE_BYTES, "bytes allocated in " + meter.controlSteps + " control steps: "
                    + meter.controlBytes);
            assertTrue(meter.journallingSteps <= 4, meter.journallingSteps + " steps wrote a record");
        }
    }

    @Test
    void holdingStillAllocatesNothingEither() throws Exception {
        try (RigHarness h = RigHarness.standard(4002, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 900);
            h.holdEnable(false);
            h.step(10_000); // warm-up
            AllocationMeter meter = new AllocationMeter();
            h.allocations = meter;
            h.step(5_000);
            h.allocations = null;
            assertTrue(meter.ioBytes < NOISE_BYTES, "bytes allocated in " + meter.ioCalls + " node-session steps: "
                    + meter.ioBytes);
            assertTrue(meter.controlBytes < NOISE_BYTES, "bytes allocated in " + meter.controlSteps + " control steps: "
                    + meter.controlBytes);
        }
    }

    /**
     * The supervisor alone, fed 80 Hz samples of four ropes and 100 Hz status of three winches while the leg
     * pair follows 100 Hz set-points through the gate: every rule on every input, the tick, the gate, nothing
     * but the counter's noise (drives that record nothing).
     */
    @Test
    void theSupervisorsSampleStatusTickAndGateAllocateNothing() throws Exception {
        try (RigHarness h = RigHarness.standard(4003, dir)) {
            var model = h.model;
            SafetySupervisor s = new SafetySupervisor(model, new Drives() {
                @Override
                public void setPoint(int winch, int positionCounts, int velocityCountsPerS) {
                }

                @Override
                public void stop(int winch, com.lianarig.protocol.StopCategory category) {
                }

                @Override
                public void stopAll(com.lianarig.protocol.StopCategory category) {
                }

                @Override
                public void release(int winch) {
                }

                @Override
                public void applyBrakes(int winch) {
                }

                @Override
                public void brakeTest(int winch, com.lianarig.protocol.BrakeId brake, int torquePermille, int durationMs,
                        int maxMovementCounts) {
                }

                @Override
                public void reference(int winch, int positionCounts) {
                }

                @Override
                public void clearShutdowns() {
                }
            }, new SafetyListener() {
                @Override
                public void onFault(Fault fault) {
                    throw new AssertionError(fault.toString());
                }

                @Override
                public void onStop(int group, SafetyRule rule, String why) {
                    throw new AssertionError(rule + " " + why);
                }

                @Override
                public void onWarning(SafetyRule rule, String what) {
                    throw new AssertionError(rule + " " + what);
                }
            });
            for (int r = 0; r < model.ropes().size(); r++) {
                s.calibrate(r, java.util.Optional.of(h.trueCalibration(r)));
            }
            long now = 1_000 * RigHarness.MS;
            for (int address : model.nodeAddresses()) {
                s.onLink(address, true, "test", now);
            }
            s.onSafetyChain(true, now);
            s.client().setClientMassKg(70);
            double[] expected = new double[model.ropes().size()];
            expected[0] = 150;
            expected[1] = 150;
            s.client().setExpectedLoadsN(expected);
            int braked = com.lianarig.protocol.WinchStatus.FLAG_REFERENCED | com.lianarig.protocol.WinchStatus.FLAG_DRIVE_POWERED
                    | com.lianarig.protocol.WinchStatus.FLAG_MOTOR_BRAKE_ENGAGED
                    | com.lianarig.protocol.WinchStatus.FLAG_DRUM_BRAKE_ENGAGED;
            int following = com.lianarig.protocol.WinchStatus.FLAG_REFERENCED
                    | com.lianarig.protocol.WinchStatus.FLAG_DRIVE_POWERED;
            double[] posMm = {500, 500, 900};
            for (int w = 0; w < posMm.length; w++) {
                int c = model.winch(w).countsOf(posMm[w]);
                s.onWinchStatus(w, com.lianarig.protocol.WinchState.BRAKED, c, 0, c, braked,
                        com.lianarig.protocol.NodeFault.NONE, now);
            }
            s.enable(now);
            assertTrue(s.begin(0, MotionKind.NORMAL, 1, now).isEmpty());
            AllocationMeter meter = new AllocationMeter();
            long[] bytes = {0};
            int[] raw = new int[model.ropes().size()];
            double[] offsetCounts = new double[raw.length];
            double[] countsPerKg = new double[raw.length];
            for (int r = 0; r < raw.length; r++) {
                offsetCounts[r] = h.rig.physics().cell(r).offsetCounts();
                countsPerKg[r] = 9.80665 * h.rig.physics().cell(r).countsPerN();
            }
            int[] statusCounts = new int[posMm.length];
            int speedCounts = model.winch(0).countsOf(20);
            for (long ms = 1; ms <= 30_000; ms++) {
                now += RigHarness.MS;
                boolean measure = ms > 20_000; // the last 10 s, the JIT warm
                long before = measure ? meter.now() : 0;
                if (ms % 10 == 0) { // status at 100 Hz; the pair rises 0.2 mm per frame (20 mm/s)
                    posMm[0] += 0.2;
                    posMm[1] += 0.2;
                    for (int w = 0; w < posMm.length; w++) {
                        statusCounts[w] = (int) Math.round(posMm[w] * model.winch(w).config().countsPerMm());
                        boolean moving = w < 2;
                        s.onWinchStatus(w, moving ? com.lianarig.protocol.WinchState.FOLLOWING
                                : com.lianarig.protocol.WinchState.BRAKED, statusCounts[w], moving ? speedCounts : 0,
                                statusCounts[w], moving ? following : braked, com.lianarig.protocol.NodeFault.NONE, now);
                    }
                    s.enable(now);
                    s.tick(now);
                    s.admit(0, Math.min(20, ms / 10 * 0.9) * 0.01, now); // up to 20 mm/s within the acceleration cap
                }
                if (ms % 25 == 0 || ms % 25 == 12) { // 80 Hz, a little noise on every channel
                    for (int r = 0; r < raw.length; r++) {
                        double kg = r < 2 ? 15 : 0.2;
                        raw[r] = (int) Math.round(offsetCounts[r] + kg * countsPerKg[r]) + (int) (ms % 7);
                        s.onSample(r, raw[r], com.lianarig.protocol.ChannelStatus.OK, now);
                    }
                }
                if (measure) {
                    bytes[0] += meter.now() - before;
                }
            }
            assertEquals(com.lianarig.controller.safety.SafetySupervisor.GroupState.FOLLOWING, s.view().groupState(0));
            assertTrue(bytes[0] < NOISE_BYTES, "bytes allocated by the supervisor in 10 s of 3,200 samples, 3,000 status"
                    + " frames, 1,000 ticks and set-points: " + bytes[0]);
        }
    }
}
