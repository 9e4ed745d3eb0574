package com.lianarig.controller.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.profile.ClientProfile;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.sim.physics.VirtualClient;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * Shared set-ups for the SR-n tests: the reference 70 kg / 1,750 mm client strapped in on the
 * standard virtual rig, the leg pair (winches 0 and 1, ropes 0 and 1), and helpers that read the
 * outcome the SPEC asks for (latched fault with its reset role, journal entry).
 */
final class SrRig {
    static final double G = 9.80665;
    static final double CLIENT_KG = 70;
    static final String LEGS = "legs";
    static final int LEFT = 0;
    static final int RIGHT = 1;
    /** One load sample at 80 samples/s, ms. */
    static final double SAMPLE_MS = 12.5;
    /** One winch status frame at 100 frames/s, ms. */
    static final double STATUS_MS = 10;
    /** A frame's way from the node to the host and a command's back to the drive, with the servo's first response, ms. */
    static final double LATENCY_MS = 5;
    /** A category 1 stop from full speed until both brakes hold, ms (deceleration plus brake engage time). */
    static final long CAT1_STOP_MS = 900;

    private SrRig() {
    }

    static ClientProfile profile() {
        return RigHarness.profile("c1", CLIENT_KG, 1750);
    }

    /** Boots the rig and straps the reference client in: READY, trainer in command. */
    static RigHarness ready(RigHarness h) throws IOException {
        h.ready(VirtualClient.reference(CLIENT_KG, 1750), profile());
        assertEquals(com.lianarig.controller.core.Mode.READY, h.mode(), h.controller.status().modeReason());
        return h;
    }

    /** Holds enable and moves the legs to a strap height; steps until the move ends (READY again). */
    static void moveLegs(RigHarness h, double heightMm) {
        h.holdEnable(true);
        h.must(RigHarness.TRAINER, new Command.MoveTo(LEGS, heightMm));
        assertTrue(h.stepUntil(() -> h.mode() == com.lianarig.controller.core.Mode.READY, 40_000),
                h.controller.status().toString());
        h.step(300);
    }

    /** Steps until {@code condition} holds; returns the milliseconds it took (fails after {@code maxMs}). */
    static long msUntil(RigHarness h, BooleanSupplier condition, long maxMs, String what) {
        for (long ms = 0; ms <= maxMs; ms++) {
            if (condition.getAsBoolean()) {
                return ms;
            }
            h.step(1);
        }
        throw new AssertionError(what + " not within " + maxMs + " ms; " + h.controller.status());
    }

    static boolean pairBraked(RigHarness h) {
        return h.trueBrakesEngaged(LEFT) && h.trueBrakesEngaged(RIGHT);
    }

    static boolean pairStill(RigHarness h) {
        return Math.abs(h.trueVelocityMmPerS(LEFT)) < 0.5 && Math.abs(h.trueVelocityMmPerS(RIGHT)) < 0.5;
    }

    static double kgOnRope(RigHarness h, int rope) {
        return h.trueTensionN(rope) / G;
    }

    /** The latched fault of a rule, failing when there is none. */
    static Fault latched(RigHarness h, SafetyRule rule) {
        return h.controller.safety().faults().stream().filter(f -> f.rule() == rule).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule.id() + " fault latched: "
                        + h.controller.status()));
    }

    /** Whether the journal holds a fault entry of this rule (e.g. "SR-1") reset by this role. */
    static boolean journalledFault(RigHarness h, String ruleId, String resetBy) {
        return h.journal.stream().anyMatch(j -> j.startsWith("fault ") && j.contains("\"rule\":\"" + ruleId + "\"")
                && j.contains("\"resetBy\":\"" + resetBy + "\""));
    }

    /** Whether the journal holds a stop or warning entry of this rule. */
    static boolean journalled(RigHarness h, String kind, String ruleId) {
        return h.journal.stream().anyMatch(j -> j.startsWith(kind + " ") && j.contains("\"rule\":\"" + ruleId + "\""));
    }

    /** Someone pulls on a rope with this many kg (0 lets go). */
    static void extraKg(RigHarness h, int rope, double kg) {
        h.rig.locked(() -> {
            h.rig.physics().extraLoad(rope, kg * G);
            return null;
        });
    }

    /** Starts a move of the legs to a strap height (enable held) without waiting for it to end. */
    static void startMove(RigHarness h, double heightMm) {
        h.holdEnable(true);
        h.must(RigHarness.TRAINER, new Command.MoveTo(LEGS, heightMm));
    }

    static final int LOOP_WINCH = 2;

    static int legs(RigHarness h) {
        return h.model.legPair().orElseThrow().index();
    }

    static long periodMs(RigHarness h) {
        return 1000L / h.model.limits().controlRateHz();
    }

    /**
     * A planner that ignores every limit: releases the group and, each control period, asks the
     * supervisor for {@code velocityMmPerS} whatever the position. What reaches the drives is only
     * what {@link SafetySupervisor#admit} lets through.
     */
    static void roguePlanner(RigHarness h, int group, DoubleSupplier velocityMmPerS) {
        SafetySupervisor s = h.controller.safety();
        java.util.Optional<String> refused = s.begin(group, MotionKind.NORMAL,
                velocityMmPerS.getAsDouble() >= 0 ? 1 : -1, h.now);
        if (refused.isPresent()) {
            throw new AssertionError("begin refused: " + refused.get());
        }
        long periodNanos = periodMs(h) * RigHarness.MS;
        h.everyStep(x -> {
            if (x.now % periodNanos == 0) {
                s.admit(group, velocityMmPerS.getAsDouble() * periodNanos / 1e9, x.now);
            }
        });
    }

    static boolean bothBraked(RigHarness h) {
        return h.trueBrakesEngaged(LEFT) && h.trueBrakesEngaged(RIGHT);
    }

    /**
     * A host fault: the leg pair is released and set-points go straight to the drives (past the supervisor),
     * ramping at 100 mm/s^2 to {@code askMmPerS}, for 1.5 s or until a fault. Returns the fastest true speed
     * of either leg winch in that direction until the host faults, mm/s.
     */
    static double bypassingStream(RigHarness h, double askMmPerS) {
        SafetySupervisor s = h.controller.safety();
        int legs = legs(h);
        s.enable(h.now); // the host's own enable stays live: only the node stands between the stream and the drives
        if (s.begin(legs, MotionKind.NORMAL, askMmPerS >= 0 ? 1 : -1, h.now).isPresent()) {
            throw new AssertionError("begin refused");
        }
        msUntil(h, () -> s.view().groupState(legs) == SafetySupervisor.GroupState.FOLLOWING, 1_000, "following");
        double[] cmdMm = {s.view().positionMm(LEFT), s.view().positionMm(RIGHT)};
        double[] v = {0};
        double[] fastest = {0};
        long periodNanos = periodMs(h) * RigHarness.MS;
        double sign = Math.signum(askMmPerS);
        h.everyStep(x -> {
            if (s.faulted()) {
                // the host caught the stream it never admitted (SR-13 on its own set-points): the category 0 stop
                // that follows drops the brakes, and the load's fall until they hold is not the node's limit
                return;
            }
            fastest[0] = Math.max(fastest[0], sign * x.trueVelocityMmPerS(LEFT));
            fastest[0] = Math.max(fastest[0], sign * x.trueVelocityMmPerS(RIGHT));
            if (x.now % periodNanos == 0 && !s.faulted()) {
                s.enable(x.now);
                v[0] = sign * Math.min(Math.abs(askMmPerS), Math.abs(v[0]) + 100 * periodNanos / 1e9);
                for (int w : new int[] {LEFT, RIGHT}) {
                    cmdMm[w] += v[0] * periodNanos / 1e9;
                    var m = x.model.winch(w);
                    x.io.setPoint(w, m.countsOf(cmdMm[w]), m.countsOf(v[0]));
                }
            }
        });
        h.step(1_500);
        return fastest[0];
    }
}
