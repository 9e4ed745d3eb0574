package com.lianarig.controller.r7;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.ClientProfile;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.safety.SafetyRule;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.fault.Faults;
import com.lianarig.sim.physics.WinchSim;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The scripts of the fault kinds added for issue 13 ({@link R7Faults.Kind}): each waits for the rig
 * to be in the state its fault needs (braked, held by its drive, moving, at rest), or starts what it
 * needs (a program, a move), injects, and goes on (an everyday reset, program-stop or -pause with the
 * enable held, client-ready and an aim, a rescue descent). The random trainer is quiet meanwhile.
 */
final class R7Scripts {
    static final long MS = RigHarness.MS;

    private final R7Session s;
    private final R7Faults f;
    private final R7Faults.Kind kind;
    private final SplittableRandom rnd;
    /** The script's step: 0 = nothing to do; each kind numbers its own. */
    private int phase;
    private long nextNanos = Long.MAX_VALUE;
    private long phaseSinceNanos;

    R7Scripts(R7Session s, R7Faults f, R7Faults.Kind kind) {
        this.s = s;
        this.f = f;
        this.kind = kind;
        this.rnd = s.rnd;
    }

    private RigHarness h() {
        return s.h;
    }

    private void journal(String what) {
        f.journal(what);
    }

    /** At the fault's time: the script's first step; returns what the journal says. */
    String start(long now) {
        RigHarness h = h();
        String what;
        switch (kind) {
        case NODE_RESET_BRAKED_ENC0, NODE_RESET_BRAKED_ENCRND, NODE_RESET_MOVING_ENC0, NODE_RESET_MOVING_ENCRND -> {
            s.quietUntilNanos = Long.MAX_VALUE;
            what = "node reset planned: waiting until " + (kind.name().contains("BRAKED") ? "every winch rests on"
                    + " its brakes" : "a winch moves");
            if (kind.name().contains("MOVING") && R7Checker.maxSpeed(h) < 5) {
                moveLegsFar();
            }
            phase = 1;
            phaseSinceNanos = now;
        }
        case NODE_RESET_HOLDING_ENC0, NODE_RESET_HOLDING_ENCRND -> {
            s.quietUntilNanos = Long.MAX_VALUE;
            what = f.slip() + "; node reset planned once the drive holds it";
            phase = 1;
            phaseSinceNanos = now;
        }
        case SR11_NODE_POWER_REMOVED -> {
            s.quietUntilNanos = Long.MAX_VALUE;
            Decision p = h.mode() == Mode.READY && s.enableHeld ? startProgram() : null;
            what = "drive power to be removed with the monitor contact stuck healthy"
                    + (p != null && p.accepted() ? ", a program running" : "");
            phase = 1;
            nextNanos = now + (p != null && p.accepted() ? 300 + rnd.nextLong(1_200) : 0) * MS;
        }
        case SR10_PROGRAM_STOP_ENABLE_HELD, SR10_PROGRAM_PAUSE_ENABLE_HELD -> {
            s.quietUntilNanos = Long.MAX_VALUE;
            if (!s.enableHeld) {
                s.enable(true, now, "enable held (program scenario)");
            }
            if (h.mode() == Mode.FAULT || h.mode() == Mode.ESTOP) {
                s.log("reset (program scenario)", s.trainer, new Command.Reset());
            } else if (h.mode() == Mode.MOVING || h.mode() == Mode.PROGRAM) {
                s.log("stop (program scenario)", s.trainer, new Command.Stop());
            }
            what = "a program to be started, then " + (kind == R7Faults.Kind.SR10_PROGRAM_STOP_ENABLE_HELD ? "stopped"
                    : "paused") + " with the enable held";
            phase = 1;
            nextNanos = now + 1_500 * MS;
        }
        case SR20_CLIENT_REATTACHED -> {
            s.quietUntilNanos = Long.MAX_VALUE;
            what = "SR-20: another client's profile to be attached while the first hangs (once the rig rests)";
            phase = 1;
            phaseSinceNanos = now;
        }
            default -> throw new IllegalStateException(kind.name());
        }
        return what;
    }

    /** Every millisecond: the step due, or the condition waited for. */
    void step(long now) {
        if (now >= nextNanos) {
            nextNanos = Long.MAX_VALUE;
            timed(now);
        }
        if (phase > 0 && nextNanos == Long.MAX_VALUE) {
            waitFor(now);
        }
    }

    /** The issue-13 scripts' timed steps. */
    private void timed(long now) {
        RigHarness h = h();
        if (kind.nodeReset() && phase == 10) {
            s.rescue(1_000 + rnd.nextLong(2_000), "after the node restart");
            phase = 0;
            return;
        }
        switch (kind) {
            case SR11_NODE_POWER_REMOVED -> {
                if (phase == 1) {
                    Faults.monitorStuckHealthy(h.rig, true);
                    Faults.stopOpen(h.rig, Faults.ChainStop.CLIENT);
                    String what = "SR-11: client stop pressed, the monitor contact stuck healthy: only the nodes report"
                            + " drive power removed";
                    journal("INJECT " + what + String.format(Locale.ROOT, " (fastest winch %.1f mm/s, mode %s)",
                            R7Checker.maxSpeed(h), h.mode()));
                    f.expectChainOpen(what, true);
                    phase = 2;
                    nextNanos = now + (500 + rnd.nextLong(2_000)) * MS;
                } else if (phase == 2) {
                    Faults.stopClose(h.rig, Faults.ChainStop.CLIENT);
                    journal("CLEAR client stop released (the monitor contact stays stuck)");
                    phase = 3;
                    nextNanos = now + (200 + rnd.nextLong(600)) * MS;
                } else if (phase == 3) {
                    if (!s.enableHeld) {
                        s.enable(true, now, "enable held (power-removed scenario)");
                    }
                    s.log("reset (everyday, trainer)", s.trainer, new Command.Reset());
                    s.quietUntilNanos = now + 3_000 * MS;
                    phase = 0;
                }
            }
            case SR10_PROGRAM_STOP_ENABLE_HELD, SR10_PROGRAM_PAUSE_ENABLE_HELD -> {
                if (phase == 1) {
                    if (h.mode() == Mode.FAULT || h.mode() == Mode.ESTOP) {
                        s.log("reset (program scenario)", s.trainer, new Command.Reset());
                    }
                    if (startProgram().accepted()) {
                        phase = 2;
                        nextNanos = now + (300 + rnd.nextLong(1_700)) * MS;
                    } else {
                        journal("program scenario not applicable: the program was refused");
                        s.quietUntilNanos = Long.MIN_VALUE;
                        phase = 0;
                    }
                } else if (phase == 2) {
                    Command c = kind == R7Faults.Kind.SR10_PROGRAM_STOP_ENABLE_HELD ? new Command.ProgramStop()
                            : new Command.ProgramPause();
                    s.log(c.name() + String.format(Locale.ROOT, " with the enable held (legs at %.1f mm/s)",
                            h.trueVelocityMmPerS(0)), s.trainer, c);
                    s.quietUntilNanos = now + (3_000 + rnd.nextLong(2_000)) * MS;
                    phase = 0;
                }
            }
            case SR20_CLIENT_REATTACHED -> {
                if (phase == 2) {
                    s.log("client-ready (re-attached profile)", s.trainer, new Command.ClientReady());
                    phase = 3;
                    nextNanos = now + 300 * MS;
                } else if (phase == 3) {
                    // the trainer aims as high as the (new) profile allows
                    if (!s.enableHeld) {
                        s.enable(true, now, "enable held (re-attach scenario)");
                    }
                    s.log("aim C7_T1 (re-attached profile)", s.trainer, new Command.AimAt(SpineSegment.C7_T1));
                    s.quietUntilNanos = now + 20_000 * MS; // up to the ceiling at 80 mm/s
                    s.extendedEndNanos = now + 22_000 * MS;
                    phase = 0;
                }
            }
            default -> {
            }
        }
    }

    /** Conditions the issue-13 scripts wait for (no timer due): braked, holding, moving; a rig at rest to re-attach. */
    private void waitFor(long now) {
        RigHarness h = h();
        if (kind == R7Faults.Kind.SR20_CLIENT_REATTACHED && phase == 1) {
            Mode mode = h.mode();
            boolean resting = mode == Mode.READY || mode == Mode.ATTACHING || mode == Mode.HOLDING;
            if (resting || now - phaseSinceNanos >= 5_000 * MS) {
                reattach(now);
            }
            return;
        }
        if (!kind.nodeReset()) {
            return;
        }
        long waited = now - phaseSinceNanos;
        boolean ready;
        String state;
        if (kind.name().contains("BRAKED")) {
            ready = R7Faults.allRestingOnBrakes(h);
            state = "braked";
            if (!ready && waited == 3_000 * MS) {
                s.log("stop (so that the rig rests on its brakes for the reset)", s.trainer, new Command.Stop());
            }
        } else if (kind.name().contains("HOLDING")) {
            WinchSim w = h.winchSim(f.target);
            ready = !h.trueBrakesEngaged(f.target) && Math.abs(w.velocityMmPerS()) < R7Checker.STILL_MM_PER_S
                    && R7Checker.latched(h, SafetyRule.SR_14);
            state = "the drive holding winch " + f.target;
        } else {
            ready = R7Checker.maxSpeed(h) > 5;
            state = "moving";
        }
        long timeout = (kind.name().contains("BRAKED") ? 6_000 : 5_000) * MS;
        if (ready || waited >= timeout) {
            Faults.nodeReset(h.rig, 0, kind.encoder());
            journal("INJECT node 0 restarts, encoder counters at " + (kind.encoder() == VirtualRig.EncoderRestart.ZERO
                    ? "0" : "an arbitrary count") + (ready ? " (" + state + ")" : " (NOT " + state + " after "
                    + waited / MS + " ms)") + String.format(Locale.ROOT, ", fastest winch %.1f mm/s, mode %s",
                    R7Checker.maxSpeed(h), h.mode()));
            s.stats.count(ready ? "node reset as planned" : "node reset not as planned");
            long quiet = (1_000 + rnd.nextLong(2_000)) * MS;
            s.quietUntilNanos = now + quiet;
            s.technicianReferencesAfter(now + quiet);
            s.extendedEndNanos = now + quiet + 6_000 * MS; // the technician, a rescue, commands after the restart
            phase = rnd.nextBoolean() ? 10 : 0; // half the time the trainer lowers the client first (SR-19)
            nextNanos = phase == 10 ? now + quiet - 1 : Long.MAX_VALUE;
        }
    }

    /** SR-20: another client's profile (other mass, stature and ceiling) while the first client's body hangs. */
    private void reattach(long now) {
        ClientProfile other;
        try {
            other = s.otherProfile();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Command c = new Command.Attach(other.id());
        Decision d = s.log(R7Session.describe(c) + String.format(Locale.ROOT, " (%.0f kg, ceiling %.0f mm) while client %s"
                + " hangs", other.massKg(), other.maxStrapHeightMm().orElse(Double.NaN), s.profileId),
                s.trainer, c);
        s.stats.count("SR-20 re-attach while hanging: " + (d.accepted() ? "accepted" : "refused " + d.refusal()));
        if (d.accepted()) {
            s.profileId = other.id();
            phase = 2;
            nextNanos = now + 200 * MS;
        } else {
            s.quietUntilNanos = Long.MIN_VALUE;
            phase = 0;
        }
    }

    private Decision startProgram() {
        SpineSegment[] segments = SpineSegment.values();
        Command c = new Command.ProgramStart(segments[rnd.nextInt(segments.length)], "");
        return s.log(R7Session.describe(c), s.trainer, c);
    }

    /** A move of the legs 300..600 mm away (up where there is room), so that a node reset finds them moving. */
    private void moveLegsFar() {
        RigHarness h = h();
        if (!s.enableHeld) {
            s.enable(true, h.now, "enable held (node reset while moving)");
        }
        double heightMm = h.truePositionMm(0) + h.model.winch(0).config().baseHeightMm();
        double by = 300 + rnd.nextDouble(300);
        double to = heightMm + by < 1_500 ? heightMm + by : heightMm - by;
        Command c = new Command.MoveTo(h.model.legPair().orElseThrow().name(), Math.max(250, to));
        s.log(R7Session.describe(c) + " (node reset while moving)", s.trainer, c);
    }
}
