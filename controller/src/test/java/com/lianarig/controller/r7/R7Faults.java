package com.lianarig.controller.r7;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.safety.SafetyRule;
import com.lianarig.protocol.BrakeId;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.fault.Faults;
import com.lianarig.sim.physics.WinchSim;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The fault of one R-7 session (SPEC R-7, section 9): when it is injected, the reactions it owes
 * (opened on the session's {@link R7Checker}), what watches its onset, when it clears. The kinds
 * added for issue 13 run a small script around the injection (wait until braked, holding or moving;
 * start a program first; reset afterwards), during which the random trainer is quiet.
 */
final class R7Faults {
    static final long MS = RigHarness.MS;
    private static final double G = R7Session.G;

    /** The faults, one per session at most. */
    enum Kind {
        NONE, SR1_OVERLOAD, SR2_EXTRA_LOAD, SR3_RUNAWAY_DOWN, SR6_FOOT_SLIP, SR8_STUCK, SR8_DISCONNECTED,
        SR8_SATURATED, SR9_UNPLUG, SR11_CHAIN_OPEN, SR13_ENCODER_JUMP, SR13_RUNAWAY_UP, SR14_BRAKE_SLIP,
        /** The node restarts while everything rests on its brakes; the encoder counter restarts at 0. */
        NODE_RESET_BRAKED_ENC0,
        /** ... at an arbitrary count. */
        NODE_RESET_BRAKED_ENCRND,
        /** The node restarts while its drive holds a leg whose brakes slip (SR-14); encoder at 0. */
        NODE_RESET_HOLDING_ENC0,
        NODE_RESET_HOLDING_ENCRND,
        /** The node restarts while a winch moves; encoder at 0. */
        NODE_RESET_MOVING_ENC0,
        NODE_RESET_MOVING_ENCRND,
        /** A client stop removes drive power while the relay's monitor contact is stuck healthy (the nodes report it). */
        SR11_NODE_POWER_REMOVED,
        /** A program runs; program-stop while the trainer still holds the enable. */
        SR10_PROGRAM_STOP_ENABLE_HELD,
        /** A program runs; program-pause while the trainer still holds the enable. */
        SR10_PROGRAM_PAUSE_ENABLE_HELD,
        /** Another client's profile (other mass and ceiling) attached while the first client hangs. */
        SR20_CLIENT_REATTACHED,
        /** One leg's load cell reads 0.6 x the load from now on. */
        CELL_SCALED_0_6,
        /** One leg's load cell reads 1.5 x the load from now on. */
        CELL_SCALED_1_5,
        /** The fixed (winch-less) finger loop is loaded, then its cell freezes. */
        SR8_STUCK_FIXED_LOADED,
        /** The data directory's disk fills (SR-26): the journal's writes fail from now on, until it clears. */
        SR26_DISK_FULL,
        /** SR-24: the trainer's panel goes silent (no enable, no heartbeat, no release) while the legs move or hold. */
        SR24_SILENT_PANEL,
        /** SR-24: a technician panel takes command from the trainer's while the legs move. */
        SR24_TECHNICIAN_TAKES,
        /** SR-24: the wired pendant takes command from the trainer's while the legs move (and may lower them). */
        SR24_PENDANT_TAKES,
        /** SR-25: the profile's mass is 0.5..0.7 or 1.5..2 x the client's (from the strap-in on). */
        WRONG_PROFILE_MASS,
        /** SR-25: both leg encoders come off their drums while the legs hold and their brakes slip. */
        ENCODER_DECOUPLED;

        boolean nodeReset() {
            return name().startsWith("NODE_RESET_");
        }

        VirtualRig.EncoderRestart encoder() {
            return name().endsWith("_ENC0") ? VirtualRig.EncoderRestart.ZERO : VirtualRig.EncoderRestart.RANDOM;
        }
    }

    private static final String SR14 = "SR-14 brake slip: drive holds";
    private static final String SR14_UNTRUSTED = "SR-14 brake slip (untrusted): latched, brakes stay applied";

    private final R7Session s;
    private final Kind kind;
    private final SplittableRandom rnd;
    private long atNanos = Long.MAX_VALUE;
    private long endNanos = Long.MAX_VALUE;
    private boolean active;
    /** The rope, winch or stop the fault is on (its kind says which). */
    int target;
    private boolean watchOpen;
    /** SR-14: the true position where the slipping winch's brakes last engaged, NaN while released. */
    private double brakeEngagedAtMm = Double.NaN;
    /** SR8_STUCK_FIXED_LOADED: when the loaded fixed loop's cell freezes. */
    private long freezeAtNanos = Long.MAX_VALUE;
    /** The scripts of the other issue-13 kinds. */
    private final R7Scripts scripts;
    /** SR26_DISK_FULL: the journal's disk, once the fault is injected. */
    private FullDisk disk;

    /**
     * SR26_DISK_FULL: the storage under the session's event list: every record durable as soon as it is listed
     * while there is room; while full nothing more becomes durable and the journal says why.
     */
    private static final class FullDisk implements com.lianarig.controller.safety.StorageHealth {
        static final String FULL = "the journal cannot write to /var/lib/liana-rig/journal: No space left on device"
                + " (SR-26)";
        private final java.util.List<String> records;
        volatile String problem;
        /** Problems begun: the disk filled once. */
        volatile long incidents;
        private long durable;

        FullDisk(java.util.List<String> records) {
            this.records = records;
            this.durable = records.size();
        }

        @Override
        public String problem() {
            return problem;
        }

        @Override
        public long incidents() {
            return incidents;
        }

        @Override
        public String lastIncident() {
            return FULL;
        }

        @Override
        public long appendedSeq() {
            return records.size();
        }

        @Override
        public long durableSeq() {
            if (problem == null) {
                durable = records.size();
            }
            return durable;
        }
    }
    /** The scripts and watches of the issue-14 kinds. */
    private final R7CommandAndSensing issue14;

    R7Faults(R7Session s, Kind kind) {
        this.s = s;
        this.kind = kind;
        this.rnd = s.rnd;
        this.scripts = new R7Scripts(s, this, kind);
        this.issue14 = new R7CommandAndSensing(s, this, kind);
    }

    /** When the fault comes (its script may start then). */
    long atNanos() {
        return atNanos;
    }

    /** Right after client-ready (accepted or refused) at the session's start. */
    void strappedIn(com.lianarig.controller.command.Decision ready, com.lianarig.config.profile.ClientProfile profile) {
        issue14.strappedIn(ready, profile);
    }

    /** Draws when the fault comes and clears; {@code start} is the session's READY time. */
    void plan(long start, long durationMs) {
        atNanos = start + (300 + rnd.nextLong(Math.max(1, durationMs - 1_800))) * MS;
        endNanos = atNanos + (500 + rnd.nextLong(2_500)) * MS;
    }

    /**
     * Program-stop and -pause with the enable held, and the encoders coming off while the legs hold the client
     * up: the trainer keeps the enable held all session.
     */
    boolean enableDropsAllowed() {
        return kind != Kind.SR10_PROGRAM_STOP_ENABLE_HELD && kind != Kind.SR10_PROGRAM_PAUSE_ENABLE_HELD
                && kind != Kind.ENCODER_DECOUPLED; // the legs must come to hold the client up first
    }

    /** Every millisecond, before the rig steps. */
    void step() {
        long now = s.h.now;
        if (kind == Kind.NONE) {
            return;
        }
        if (now == atNanos) {
            inject();
        } else if (now == freezeAtNanos) {
            freeze(now);
        }
        if (R7CommandAndSensing.handles(kind)) {
            issue14.step(now);
        } else {
            scripts.step(now);
        }
        if (active && now == endNanos) {
            clear();
        }
        if (active || kind == Kind.SR14_BRAKE_SLIP || kind == Kind.NODE_RESET_HOLDING_ENC0
                || kind == Kind.NODE_RESET_HOLDING_ENCRND) {
            watch();
        }
    }

    // ------------------------------------------------------------------ injection

    RigHarness h() {
        return s.h;
    }

    void expect(String name, long deadline, java.util.function.Predicate<RigHarness> met, String detail) {
        s.checker.open(new R7Checker.Reaction(name, h().now, deadline, met, detail));
    }

    void journal(String what) {
        s.journal.add(h().now, what);
    }

    private void inject() {
        RigHarness h = h();
        R7Deadlines d = s.d;
        long now = h.now;
        double v = R7Checker.maxSpeed(h);
        active = true;
        String what;
        switch (kind) {
            case SR1_OVERLOAD -> {
                target = rnd.nextInt(2);
                double limitN = h.model.rope(target).config().limitKg() * G;
                double extraN = limitN - h.trueTensionN(target) + 100 + rnd.nextDouble(500);
                Faults.extraLoad(h.rig, target, extraN);
                what = String.format(Locale.ROOT, "SR-1: %.0f N extra on rope %d (limit %.0f N)", extraN, target, limitN);
                double legV = speedOf(0, 1);
                expect("SR-1 no ascent", now + d.overloadNoAscentNanos(legV),
                        x -> x.trueVelocityMmPerS(0) < R7Checker.STILL_MM_PER_S
                                && x.trueVelocityMmPerS(1) < R7Checker.STILL_MM_PER_S, what);
                expect("SR-1 latched", now + 2 * d.samplePeriodNanos() + d.marginNanos(),
                        x -> R7Checker.latched(x, SafetyRule.SR_1), what);
            }
            case SR2_EXTRA_LOAD -> {
                double massKg = h.controller.status().clientMassKg();
                double marginKg = Double.isNaN(massKg) ? 15 : Math.max(15, 0.2 * massKg);
                double extraKg = marginKg + 30 + rnd.nextDouble(20);
                double f = 0.3 + 0.4 * rnd.nextDouble();
                Faults.extraLoad(h.rig, 0, extraKg * f * G);
                Faults.extraLoad(h.rig, 1, extraKg * (1 - f) * G);
                what = String.format(Locale.ROOT, "SR-2: %.1f kg extra on the legs (margin %.1f kg)", extraKg, marginKg);
                if (clientSet()) {
                    expect("SR-2 latched and still", now + d.extraLoadNanos(v),
                            s.checker.latchedThenStill(SafetyRule.SR_2), what);
                } else {
                    what += " (no client set: SR-2 not applicable)";
                }
            }
            case SR3_RUNAWAY_DOWN, SR13_RUNAWAY_UP -> {
                target = rnd.nextInt(3);
                double speed = kind == Kind.SR3_RUNAWAY_DOWN ? -(75 + rnd.nextDouble(125)) : 110 + rnd.nextDouble(90);
                Faults.runaway(h.rig, target, speed);
                what = String.format(Locale.ROOT, "%s: winch %d drive runs away at %.0f mm/s when enabled",
                        kind == Kind.SR3_RUNAWAY_DOWN ? "SR-3" : "SR-13", target, speed);
                active = false; // stays broken
            }
            case SR6_FOOT_SLIP -> {
                target = rnd.nextInt(2);
                Faults.footSlip(h.rig, target, true);
                what = "SR-6: foot slips out of rope " + target;
            }
            case SR8_STUCK -> {
                target = rnd.nextInt(3);
                Faults.channelStuck(h.rig, target);
                what = "SR-8: load cell of rope " + target + " stuck";
            }
            case SR8_DISCONNECTED, SR8_SATURATED -> {
                target = rnd.nextInt(4);
                if (kind == Kind.SR8_DISCONNECTED) {
                    Faults.channelDisconnected(h.rig, target);
                } else {
                    Faults.channelSaturated(h.rig, target);
                }
                what = "SR-8: load cell of rope " + target + " "
                        + (kind == Kind.SR8_SATURATED ? "saturated" : "disconnected");
                expect("SR-8 channel: latched and still", now + d.sensorNanos(v),
                        s.checker.latchedThenStill(SafetyRule.SR_8), what);
            }
            case SR9_UNPLUG -> {
                double seconds = 0.15 + rnd.nextDouble(1.35);
                Faults.unplug(h.rig, seconds);
                what = String.format(Locale.ROOT, "SR-9: cable unplugged for %.2f s", seconds);
                expect("SR-9 node: still and braked", now + d.linkNodeStopNanos(v),
                        x -> R7Checker.allStill(x) && allBraked(x), what);
                expect("SR-9 host: latched", now + d.linkHostFaultNanos(), x -> R7Checker.latched(x, SafetyRule.SR_9),
                        what);
                active = false; // plugs itself back in
                s.technicianReferencesAfter(now + Math.round(seconds * 1e9));
            }
            case SR11_CHAIN_OPEN -> {
                target = rnd.nextInt(Faults.ChainStop.values().length);
                Faults.stopOpen(h.rig, Faults.ChainStop.values()[target]);
                what = "SR-11: " + Faults.ChainStop.values()[target] + " stop pressed";
                expectChainOpen(what, false);
            }
            case SR13_ENCODER_JUMP -> {
                target = rnd.nextInt(2);
                WinchSim w = h.winchSim(target);
                double mm = (15 + rnd.nextDouble(85)) * (rnd.nextBoolean() ? 1 : -1);
                Faults.encoderJump(h.rig, target, mm * w.params().countsPerMm());
                what = String.format(Locale.ROOT, "SR-13: encoder of winch %d jumps %.1f mm", target, mm);
                expect("SR-13 encoder jump: latched and still", now + d.encoderJumpNanos(v),
                        x -> R7Checker.latched(x, SafetyRule.SR_13) && R7Checker.allStill(x), what);
                active = false;
                s.technicianReferencesAfter(now);
            }
            case SR14_BRAKE_SLIP -> {
                what = slip();
                active = false;
            }
            case CELL_SCALED_0_6, CELL_SCALED_1_5 -> {
                target = rnd.nextInt(2);
                double factor = kind == Kind.CELL_SCALED_0_6 ? 0.6 : 1.5;
                Faults.channelScale(h.rig, target, factor);
                what = String.format(Locale.ROOT, "load cell of rope %d reads %.1f x from now on", target, factor);
                active = false;
            }
            case SR8_STUCK_FIXED_LOADED -> {
                target = fixedRope(h);
                double n = 50 + rnd.nextDouble(50);
                Faults.extraLoad(h.rig, target, n);
                what = String.format(Locale.ROOT, "fixed rope %d held with %.0f N; its cell freezes in 300 ms", target, n);
                freezeAtNanos = now + 300 * MS;
                endNanos = now + (4_000 + rnd.nextLong(2_000)) * MS;
            }
            case SR26_DISK_FULL -> {
                // the journal's disk as the safety core sees it (docs/journal.md "Storage health"): full from now
                disk = new FullDisk(h.journal);
                h.controller.safety().watchStorage(disk);
                disk.problem = FullDisk.FULL;
                disk.incidents = 1;
                what = "SR-26: the journal's disk is full";
                long tickNanos = 1_000_000_000L / h.model.limits().controlRateHz();
                expect("SR-26 latched and still", now + tickNanos + d.cat1StopNanos(Math.max(d.ascentCapMmPerS(), v)),
                        s.checker.latchedThenStill(SafetyRule.SR_26), what);
            }
            default -> {
                what = R7CommandAndSensing.handles(kind) ? issue14.start(now) : scripts.start(now);
                active = false;
            }
        }
        journal("INJECT " + what + String.format(Locale.ROOT, " (fastest winch %.1f mm/s, mode %s)", v, h.mode()));
    }

    /** A leg's brakes slip 4..20 mm/s under its load from now on (SR-14); {@link #target} is that leg. */
    String slip() {
        RigHarness h = h();
        target = rnd.nextInt(2);
        WinchSim w = h.winchSim(target);
        double tensionN = h.trueTensionN(target);
        double slip = 4 + rnd.nextDouble(16);
        double holdN = w.params().motorBrakeHoldN() + w.params().drumBrakeHoldN();
        double factor = Math.max(0.001, Math.min(1, (tensionN - slip * w.params().slipDampingNPerMmPerS()) / holdN));
        Faults.brakeSlip(h.rig, target, Faults.Brakes.BOTH, factor);
        return String.format(Locale.ROOT, "SR-14: brakes of winch %d hold %.4f of rated (%.0f N on it)", target, factor,
                tensionN);
    }

    /** SR8_STUCK_FIXED_LOADED: the cell of the loaded fixed loop freezes. */
    private void freeze(long now) {
        RigHarness h = h();
        Faults.channelStuck(h.rig, target);
                R7Deadlines d = s.d;
                // SR-8: a fixed channel's raw value frozen while loaded (no noise for 2 s), seen within 2 samples,
                // then a category 1 stop of whatever moves (at most the ascent cap)
                long deadline = now + 2_000 * MS + 2 * d.samplePeriodNanos()
                        + d.cat1StopNanos(Math.max(d.ascentCapMmPerS(), R7Checker.maxSpeed(h)));
                expect("SR-8 frozen fixed channel (loaded): latched and still", deadline,
                        s.checker.latchedThenStill(SafetyRule.SR_8), "rope " + target + " frozen while loaded");
                journal("INJECT SR-8: load cell of fixed rope " + target + " frozen while loaded");
    }

    /** A stop in the safety chain opened: brakes and still physically; ESTOP from the monitor or (v3) the nodes' reports. */
    void expectChainOpen(String what, boolean monitorStuck) {
        long now = h().now;
        R7Deadlines d = s.d;
        expect("SR-11 brakes engaged", now + d.cat0BrakeNanos(), R7Faults::allBraked, what);
        expect("SR-11 still", now + d.cat0BrakeNanos(), R7Checker::allStill, what);
        if (monitorStuck) {
            // SPEC v3 SR-11: a node reporting its drive power removed -> ESTOP at once (a node reports it in its
            // next status frame and a FAULT_REPORT)
            expect("SR-11 node power removed: ESTOP", now + d.estopModeNanos() + d.statusPeriodNanos(),
                    x -> x.mode() == Mode.ESTOP, what);
        } else {
            expect("SR-11 ESTOP", now + d.estopModeNanos(), x -> x.mode() == Mode.ESTOP, what);
        }
    }

    // ------------------------------------------------------------------ onsets that depend on the rig's state

    private void watch() {
        RigHarness h = h();
        long now = h.now;
        switch (kind) {
            case SR6_FOOT_SLIP -> {
                int partner = 1 - target;
                if (!watchOpen && clientSet() && h.trueTensionN(partner) >= 20 * G) {
                    watchOpen = true;
                    expect("SR-6 slack: latched and still", now + s.d.slackNanos(R7Checker.maxSpeed(h)),
                            s.checker.latchedThenStill(SafetyRule.SR_6),
                            String.format(Locale.ROOT, "rope %d slack, partner carries %.1f kg", target,
                                    h.trueTensionN(partner) / G));
                }
            }
            case SR8_STUCK -> {
                int winch = target; // ropes 0..2 hang from winches 0..2
                double v = Math.abs(h.trueVelocityMmPerS(winch));
                String name = "SR-8 frozen while moving: latched and still";
                if (!watchOpen && v > 2 && !R7Checker.latched(h, SafetyRule.SR_8)) {
                    watchOpen = true;
                    long stuckFor = now - atNanos;
                    long frozen = (s.d.frozenSamples() + 2) * s.d.samplePeriodNanos();
                    long deadline = now + Math.max(0, frozen - stuckFor) + 2 * s.d.samplePeriodNanos()
                            + s.d.cat1StopNanos(R7Checker.maxSpeed(h));
                    R7Checker.Reaction r = new R7Checker.Reaction(name, now, deadline,
                            x -> R7Checker.latched(x, SafetyRule.SR_8) && R7Checker.allStill(x),
                            "rope " + target + " frozen, its winch moves at " + String.format(Locale.ROOT, "%.1f", v));
                    // The rule watches a frozen value only while the winch moves: a move that ends first drops it.
                    long openedAt = now;
                    r.cancel = x -> !R7Checker.latched(x, SafetyRule.SR_8)
                            && Math.abs(x.trueVelocityMmPerS(winch)) < R7Checker.STILL_MM_PER_S && x.now - openedAt > 0;
                    s.checker.open(r);
                } else if (watchOpen && !s.checker.pending(name)) {
                    watchOpen = false; // re-arm for the next move
                    if (R7Checker.latched(h, SafetyRule.SR_8)) {
                        active = false;
                    }
                }
            }
            case SR14_BRAKE_SLIP, NODE_RESET_HOLDING_ENC0, NODE_RESET_HOLDING_ENCRND -> watchSlip(now);
            default -> {
            }
        }
    }

    /**
     * SPEC SR-14: "brakes engaged and drift since engagement > 3 mm". The onset is the true drift since the
     * brakes engaged passing 3 mm, whatever the slip speed; the controller takes its reference from the
     * first status frame with the brakes on and needs a frame to see the drift: 3 status periods, then
     * (v3) on a trusted position the drive holds; on an untrusted one SR-14 latches and the brakes stay
     * applied (SR-23). A STOP accepted after the onset wins (I-3: the brakes apply).
     */
    private boolean slipWatchTrusted = true;

    private void watchSlip(long now) {
        RigHarness h = h();
        int winch = target;
        WinchSim w = h.winchSim(winch);
        boolean engaged = h.trueBrakesEngaged(winch);
        boolean trustedNow = s.invariants.trusted(winch);
        boolean linkReady = h.io.session(h.model.winch(winch).nodeAddress()).linkState()
                == com.lianarig.hal.node.NodeLinkState.READY;
        if (!engaged || trustedNow != slipWatchTrusted || !linkReady) {
            // SR-14 (v3): the drift reference is cleared on a link loss or a node restart (the encoder's lost zero is
            // not a slip) and a REFERENCE gives the encoder a new origin: the drift is measured again from there
            brakeEngagedAtMm = Double.NaN;
        }
        slipWatchTrusted = trustedNow;
        if (s.checker.pending(SR14) && (!trustedNow || !linkReady)) {
            // SPEC SR-14: "The drive may hold position only for a referenced winch whose encoder has been trusted
            // since its brakes engaged on the same node boot (SR-23); the drift reference is cleared on link loss and
            // node restart; otherwise the brakes stay applied." A node restart or link loss before the drive took
            // the winch over (seeds 7000932, 7005938: NODE_RESET_HOLDING 7 ms after SR-14 latched) forbids the
            // hold: what is owed from then on is the untrusted reaction, SR-14 latched and both brakes applied.
            s.checker.cancel(SR14, "the position is no longer trusted (SR-23): the brakes stay applied", now);
            s.checker.open(new R7Checker.Reaction(SR14_UNTRUSTED, now, now + 3 * s.d.statusPeriodNanos()
                    + s.d.marginNanos(), x -> R7Checker.latched(x, SafetyRule.SR_14)
                            && x.winchSim(winch).brakeApplied(BrakeId.MOTOR)
                            && x.winchSim(winch).brakeApplied(BrakeId.DRUM),
                    "trust lost before the drive held winch " + winch));
        }
        if (engaged && Double.isNaN(brakeEngagedAtMm)) {
            brakeEngagedAtMm = w.positionMm();
        }
        double drift = engaged ? Math.abs(w.positionMm() - brakeEngagedAtMm) : 0;
        if (!watchOpen && now > atNanos && engaged && drift > s.d.brakeDriftMm()) {
            watchOpen = true;
            String detail = String.format(Locale.ROOT, "winch %d drifted %.1f mm with brakes on, slipping at %.1f mm/s",
                    winch, drift, Math.abs(w.velocityMmPerS()));
            R7Checker.Reaction r;
            if (s.invariants.trusted(winch)) {
                r = new R7Checker.Reaction(SR14, now, now + s.d.brakeSlipHoldNanos(),
                        x -> R7Checker.latched(x, SafetyRule.SR_14) && !x.trueBrakesEngaged(winch)
                                && Math.abs(x.trueVelocityMmPerS(winch)) < R7Checker.STILL_MM_PER_S, detail);
                // SR-14's condition is "brakes engaged": brakes released by a new motion within the deadline
                // hand the winch to the drive before the reaction is due (seed 7012296: a program step)
                r.cancel = x -> (!x.trueBrakesEngaged(winch) && !R7Checker.latched(x, SafetyRule.SR_14))
                        || s.lastStopNanos >= now;
            } else {
                r = new R7Checker.Reaction(SR14_UNTRUSTED, now, now + 3 * s.d.statusPeriodNanos() + s.d.marginNanos(),
                        x -> R7Checker.latched(x, SafetyRule.SR_14) && x.winchSim(winch).brakeApplied(BrakeId.MOTOR)
                                && x.winchSim(winch).brakeApplied(BrakeId.DRUM), detail + " (position untrusted)");
            }
            s.checker.open(r);
        } else if (watchOpen && !s.checker.pending(SR14) && !s.checker.pending(SR14_UNTRUSTED) && !engaged) {
            watchOpen = false; // re-arm for the next engagement (e.g. after a rescue descent)
        }
    }

    private void clear() {
        RigHarness h = h();
        active = false;
        switch (kind) {
            case SR1_OVERLOAD -> Faults.extraLoad(h.rig, target, 0);
            case SR2_EXTRA_LOAD -> {
                Faults.extraLoad(h.rig, 0, 0);
                Faults.extraLoad(h.rig, 1, 0);
            }
            case SR6_FOOT_SLIP -> Faults.footSlip(h.rig, target, false);
            case SR8_STUCK, SR8_DISCONNECTED, SR8_SATURATED -> {
                Faults.channelOk(h.rig, target);
                s.checker.cancel("SR-8 frozen while moving: latched and still", "channel healthy again", h.now);
            }
            case SR8_STUCK_FIXED_LOADED -> {
                Faults.channelOk(h.rig, target);
                Faults.extraLoad(h.rig, target, 0);
            }
            case SR11_CHAIN_OPEN -> Faults.stopClose(h.rig, Faults.ChainStop.values()[target]);
            case SR26_DISK_FULL -> disk.problem = null; // room again: what was queued is written
            default -> {
            }
        }
        journal("CLEAR " + kind);
    }

    // ------------------------------------------------------------------ helpers

    private double speedOf(int... winches) {
        double m = 0;
        for (int w : winches) {
            m = Math.max(m, Math.abs(h().rig.physics().winch(w).velocityMmPerS()));
        }
        return m;
    }

    private boolean clientSet() {
        return h().controller.status().clientId().isPresent();
    }

    private static int fixedRope(RigHarness h) {
        var ropes = h.rig.physics().ropes();
        for (int i = 0; i < ropes.size(); i++) {
            if (ropes.get(i).winch() < 0) {
                return i;
            }
        }
        throw new IllegalStateException("the standard rig has a fixed finger loop");
    }

    static boolean allBraked(RigHarness x) {
        for (int w = 0; w < x.rig.physics().winches().size(); w++) {
            if (!x.trueBrakesEngaged(w)) {
                return false;
            }
        }
        return true;
    }

    static boolean allRestingOnBrakes(RigHarness x) {
        return allBraked(x) && R7Checker.allStill(x);
    }
}
