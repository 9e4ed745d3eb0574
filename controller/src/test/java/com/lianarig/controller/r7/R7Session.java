package com.lianarig.controller.r7;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.rig.NodeConfig;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.SafetyRule;
import com.lianarig.protocol.BrakeId;
import com.lianarig.sim.fault.Faults;
import com.lianarig.sim.physics.WinchParams;
import com.lianarig.sim.physics.WinchSim;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One R-7 session from a seed: a random client is strapped in on the standard virtual rig, a random
 * trainer sends random commands, lets go of the enable at random moments, and zero or one fault is
 * injected at a random time; {@link R7Checker} judges every step on the rig's true state.
 * Everything follows from the seed: a failing seed replays exactly.
 */
final class R7Session {
    static final long MS = RigHarness.MS;
    private static final double G = 9.80665;

    /** The faults with a physical reaction (SPEC R-7), one per session at most. */
    enum FaultKind {
        NONE, SR1_OVERLOAD, SR2_EXTRA_LOAD, SR3_RUNAWAY_DOWN, SR6_FOOT_SLIP, SR8_STUCK, SR8_DISCONNECTED,
        SR8_SATURATED, SR9_UNPLUG, SR11_CHAIN_OPEN, SR13_ENCODER_JUMP, SR13_RUNAWAY_UP, SR14_BRAKE_SLIP
    }

    /** What one session found. */
    record Outcome(long seed, List<String> violations, String journal, R7Stats stats) {
        boolean failed() {
            return !violations.isEmpty();
        }
    }

    private final long seed;
    private final SplittableRandom rnd;
    private RigHarness h;
    private R7Checker checker;
    private R7Journal journal;
    private R7Deadlines d;
    private final R7Stats stats = new R7Stats();
    private final List<String> violations = new ArrayList<>();

    private boolean enableHeld = true;
    private long nextEnableNanos;
    private long jogEndNanos = Long.MAX_VALUE;
    private String jogGroup;
    private long rescueEndNanos = Long.MAX_VALUE;
    private String profileId;

    // the fault
    private FaultKind fault = FaultKind.NONE;
    private int faultTarget;
    private boolean faultActive;
    private boolean faultWatchOpen;
    private long faultAtNanos;
    /** SR-14: the true position where the slipping winch's brakes last engaged, NaN while released. */
    private double brakeEngagedAtMm = Double.NaN;

    private R7Session(long seed) {
        this.seed = seed;
        this.rnd = new SplittableRandom(seed);
    }

    static Outcome run(long seed, Path dataDir) {
        return new R7Session(seed).run(dataDir);
    }

    private Outcome run(Path dataDir) {
        double massKg = 40 + 90 * rnd.nextDouble();
        double statureMm = 1500 + 500 * rnd.nextDouble();
        long clientSeed = rnd.nextLong();
        long durationMs = 5_000 + rnd.nextLong(15_001);
        int faultIndex = rnd.nextInt(FaultKind.values().length * 5 / 4); // about 1 in 5 sessions has none
        fault = faultIndex < FaultKind.values().length ? FaultKind.values()[faultIndex] : FaultKind.NONE;
        profileId = "client-" + Long.toHexString(seed);
        journal = new R7Journal(0);
        try (RigHarness harness = RigHarness.standard(seed, dataDir)) {
            h = harness;
            journal = new R7Journal(h.now);
            journal.add(h.now, String.format(Locale.ROOT, "seed %d: client %.1f kg %.0f mm (seed %d), %d ms, fault %s",
                    seed, massKg, statureMm, clientSeed, durationMs, fault));
            h.ready(RigHarness.client(massKg, statureMm, clientSeed), RigHarness.profile(profileId, massKg, statureMm));
            NodeConfig node = h.model.config().nodes().get(0);
            d = R7Deadlines.of(h.model.limits(), WinchParams.legStrap(), node.sampleRateHz(), node.statusRateHz());
            long start = h.now;
            journal = new R7Journal(start);
            journal.add(start, String.format(Locale.ROOT, "seed %d: client %.1f kg %.0f mm (seed %d), %d ms, fault %s;"
                    + " READY", seed, massKg, statureMm, clientSeed, durationMs, fault));
            checker = new R7Checker(h, d, stats, journal);
            h.everyStep(checker);
            stats.count("fault " + fault);
            drive(start, durationMs);
            stats.sessions = 1;
            stats.invariantChecks = checker.invariantChecks;
            violations.addAll(checker.violations());
        } catch (Throwable t) {
            violations.add("exception: " + t);
            journal.add(h == null ? 0 : h.now, "EXCEPTION " + t);
        }
        stats.violations = violations.size();
        String text = journal.text();
        if (!violations.isEmpty() && h != null) {
            List<String> cj = h.journal;
            text += "\n--- controller journal (last 80) ---\n"
                    + String.join("\n", cj.subList(Math.max(0, cj.size() - 80), cj.size()));
        }
        return new Outcome(seed, List.copyOf(violations), text, stats);
    }

    private void drive(long start, long durationMs) {
        long end = start + durationMs * MS;
        faultAtNanos = start + (300 + rnd.nextLong(Math.max(1, durationMs - 1_800))) * MS;
        long faultEndNanos = faultAtNanos + (500 + rnd.nextLong(2_500)) * MS;
        int drops = rnd.nextInt(4);
        long[] dropAt = new long[drops];
        long[] dropEnd = new long[drops];
        boolean[] dropStale = new boolean[drops];
        for (int i = 0; i < drops; i++) {
            dropAt[i] = start + (500 + rnd.nextLong(Math.max(1, durationMs - 1_000))) * MS;
            dropEnd[i] = dropAt[i] + (300 + rnd.nextLong(2_200)) * MS;
            dropStale[i] = rnd.nextBoolean();
        }
        long nextCommand = start + (100 + rnd.nextLong(1_400)) * MS;
        enable(true, start, "session start");
        long hardEnd = end + 5_000 * MS;
        while (h.now < end || (!checker.idle() && h.now < hardEnd)) {
            long now = h.now;
            boolean inSession = now < end;
            if (enableHeld && now >= nextEnableNanos) {
                h.decide(RigHarness.TRAINER, new Command.Enable(true));
                nextEnableNanos = now + 100 * MS;
            }
            for (int i = 0; i < drops; i++) {
                if (now == dropAt[i] && enableHeld) {
                    dropEnable(dropStale[i]);
                } else if (now == dropEnd[i] && !enableHeld) {
                    enable(true, now, "enable held again");
                }
            }
            if (inSession && now >= nextCommand) {
                command();
                nextCommand = now + (200 + rnd.nextLong(2_300)) * MS;
            }
            if (now >= jogEndNanos) {
                jogEndNanos = Long.MAX_VALUE;
                log("jog " + jogGroup + " NONE", h.decide(RigHarness.TRAINER, new Command.Jog(jogGroup,
                        Command.Jog.Direction.NONE)));
            }
            if (now >= rescueEndNanos) {
                rescueEndNanos = Long.MAX_VALUE;
                log("rescue released", h.decide(RigHarness.TRAINER, new Command.RescueDescent(false)));
            }
            if (fault != FaultKind.NONE && now == faultAtNanos) {
                inject();
            }
            if (faultActive && now == faultEndNanos) {
                clearFault();
            }
            if (faultActive || fault == FaultKind.SR14_BRAKE_SLIP) {
                watchFault();
            }
            h.step(1);
        }
        if (!checker.idle()) {
            checker.accept(h); // reports what is still pending past its deadline (none can be: hardEnd > every deadline)
        }
        journal.add(h.now, "session end, mode " + h.mode());
    }

    // ------------------------------------------------------------------ the trainer

    private void enable(boolean held, long now, String why) {
        enableHeld = held;
        h.decide(RigHarness.TRAINER, new Command.Enable(held));
        nextEnableNanos = now + 100 * MS;
        journal.add(now, why);
    }

    private void dropEnable(boolean stale) {
        long now = h.now;
        double v = R7Checker.maxSpeed(h);
        enableHeld = false;
        if (!stale) {
            h.decide(RigHarness.TRAINER, new Command.Enable(false));
        }
        journal.add(now, stale ? "enable goes stale (panel stops refreshing)" : "enable let go");
        stats.count(stale ? "enable stale" : "enable released");
        if (v >= R7Checker.STILL_MM_PER_S && !rescueHeld() && h.mode() != Mode.FAULT && h.mode() != Mode.ESTOP) {
            R7Checker.Reaction r = new R7Checker.Reaction(stale ? "SR-10 enable stale: still" : "SR-10 enable released: still",
                    // stale: the motion may go on (and speed up to the cap) for the 250 ms refresh window first;
                    // let go: the profile may still be accelerating (a^2/2j = 10 mm/s more at the defaults)
                    now, now + d.enableStopNanos(stale ? Math.max(v, Math.max(h.model.limits().ascentMmPerS(),
                            h.model.limits().descentMmPerS())) : v + 10), R7Checker::allStill,
                    String.format(Locale.ROOT, "moving at %.1f mm/s", v));
            r.cancel = x -> enableHeld;
            checker.open(r);
        }
    }

    private boolean rescueHeld() {
        return rescueEndNanos != Long.MAX_VALUE;
    }

    private void command() {
        RigModel.Group legs = h.model.legPair().orElseThrow();
        String loop = h.model.groups().stream().filter(g -> !g.pair()).findFirst().map(RigModel.Group::name)
                .orElse(legs.name());
        SpineSegment[] segments = SpineSegment.values();
        double p = rnd.nextDouble();
        Command c;
        if (p < 0.24) {
            c = new Command.AimAt(segments[rnd.nextInt(segments.length)]);
        } else if (p < 0.36) {
            c = new Command.MoveTo(legs.name(), 250 + rnd.nextDouble(1_350));
        } else if (p < 0.41) {
            c = new Command.MoveTo(loop, 1_250 + rnd.nextDouble(1_100));
        } else if (p < 0.53) {
            jogGroup = rnd.nextInt(4) == 0 ? loop : legs.name();
            c = new Command.Jog(jogGroup, rnd.nextBoolean() ? Command.Jog.Direction.UP : Command.Jog.Direction.DOWN);
            jogEndNanos = h.now + (200 + rnd.nextLong(1_800)) * MS;
        } else if (p < 0.61) {
            c = new Command.ProgramStart(segments[rnd.nextInt(segments.length)], "");
        } else if (p < 0.65) {
            c = new Command.ProgramPause();
        } else if (p < 0.69) {
            c = new Command.ProgramResume();
        } else if (p < 0.72) {
            c = new Command.ProgramStop();
        } else if (p < 0.77) {
            c = new Command.Stop();
        } else if (p < 0.80) {
            c = new Command.Detach();
        } else if (p < 0.86) {
            c = h.mode() == Mode.ATTACHING ? new Command.ClientReady() : new Command.Attach(profileId);
        } else if (p < 0.94) {
            c = new Command.Reset();
        } else {
            c = new Command.RescueDescent(true);
            rescueEndNanos = h.now + (300 + rnd.nextLong(1_700)) * MS;
        }
        Decision decision = h.decide(RigHarness.TRAINER, c);
        if (c instanceof Command.RescueDescent && decision.accepted()) {
            // only an accepted rescue may move the legs in FAULT (a refused one opens no window)
            checker.rescueHeldUntilNanos = rescueEndNanos + d.cat1StopNanos(d.rescueMmPerS());
        }
        log(describe(c), decision);
    }

    private static String describe(Command c) {
        if (c instanceof Command.AimAt a) {
            return "aim " + a.segment();
        }
        if (c instanceof Command.MoveTo m) {
            return String.format(Locale.ROOT, "move-to %s %.0f mm", m.group(), m.heightMm());
        }
        if (c instanceof Command.Jog j) {
            return "jog " + j.group() + " " + j.direction();
        }
        if (c instanceof Command.ProgramStart s) {
            return "program-start " + s.segment();
        }
        return c.name();
    }

    private void log(String what, Decision decision) {
        journal.add(h.now, what + " -> " + (decision.accepted() ? "accepted" : "refused " + decision.refusal())
                + " [" + h.mode() + "]");
        stats.count(decision.accepted() ? "commands accepted" : "commands refused");
    }

    // ------------------------------------------------------------------ faults

    private double speedOf(int... winches) {
        double m = 0;
        for (int w : winches) {
            m = Math.max(m, Math.abs(h.rig.physics().winch(w).velocityMmPerS()));
        }
        return m;
    }

    private boolean clientSet() {
        return h.controller.status().clientId().isPresent();
    }

    private void expect(String name, long deadline, java.util.function.Predicate<RigHarness> met, String detail) {
        checker.open(new R7Checker.Reaction(name, h.now, deadline, met, detail));
    }

    private void inject() {
        long now = h.now;
        double v = R7Checker.maxSpeed(h);
        faultActive = true;
        String what;
        switch (fault) {
            case SR1_OVERLOAD -> {
                faultTarget = rnd.nextInt(2);
                double limitN = h.model.rope(faultTarget).config().limitKg() * G;
                double extraN = limitN - h.trueTensionN(faultTarget) + 100 + rnd.nextDouble(500);
                Faults.extraLoad(h.rig, faultTarget, extraN);
                what = String.format(Locale.ROOT, "SR-1: %.0f N extra on rope %d (limit %.0f N)", extraN, faultTarget, limitN);
                double legV = speedOf(0, 1);
                expect("SR-1 no ascent", now + d.overloadNoAscentNanos(legV), x -> x.trueVelocityMmPerS(0) < R7Checker.STILL_MM_PER_S
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
                    expect("SR-2 latched and still", now + d.extraLoadNanos(v), checker.latchedThenStill(SafetyRule.SR_2),
                            what);
                } else {
                    what += " (no client set: SR-2 not applicable)";
                }
            }
            case SR3_RUNAWAY_DOWN, SR13_RUNAWAY_UP -> {
                faultTarget = rnd.nextInt(3);
                double speed = fault == FaultKind.SR3_RUNAWAY_DOWN ? -(75 + rnd.nextDouble(125)) : 110 + rnd.nextDouble(90);
                Faults.runaway(h.rig, faultTarget, speed);
                checker.pairMayDiverge |= faultTarget < 2;
                what = String.format(Locale.ROOT, "%s: winch %d drive runs away at %.0f mm/s when enabled",
                        fault == FaultKind.SR3_RUNAWAY_DOWN ? "SR-3" : "SR-13", faultTarget, speed);
                faultActive = false; // stays broken
            }
            case SR6_FOOT_SLIP -> {
                faultTarget = rnd.nextInt(2);
                Faults.footSlip(h.rig, faultTarget, true);
                what = "SR-6: foot slips out of rope " + faultTarget;
            }
            case SR8_STUCK -> {
                faultTarget = rnd.nextInt(3);
                Faults.channelStuck(h.rig, faultTarget);
                what = "SR-8: load cell of rope " + faultTarget + " stuck";
            }
            case SR8_DISCONNECTED, SR8_SATURATED -> {
                faultTarget = rnd.nextInt(4);
                if (fault == FaultKind.SR8_DISCONNECTED) {
                    Faults.channelDisconnected(h.rig, faultTarget);
                } else {
                    Faults.channelSaturated(h.rig, faultTarget);
                }
                what = "SR-8: load cell of rope " + faultTarget + " " + (fault == FaultKind.SR8_SATURATED ? "saturated" : "disconnected");
                expect("SR-8 channel: latched and still", now + d.sensorNanos(v), checker.latchedThenStill(SafetyRule.SR_8),
                        what);
            }
            case SR9_UNPLUG -> {
                double s = 0.15 + rnd.nextDouble(1.35);
                Faults.unplug(h.rig, s);
                what = String.format(Locale.ROOT, "SR-9: cable unplugged for %.2f s", s);
                expect("SR-9 node: still and braked", now + d.linkNodeStopNanos(v),
                        x -> R7Checker.allStill(x) && allBraked(x), what);
                expect("SR-9 host: latched", now + d.linkHostFaultNanos(), x -> R7Checker.latched(x, SafetyRule.SR_9), what);
                faultActive = false; // plugs itself back in
            }
            case SR11_CHAIN_OPEN -> {
                faultTarget = rnd.nextInt(Faults.ChainStop.values().length);
                Faults.stopOpen(h.rig, Faults.ChainStop.values()[faultTarget]);
                what = "SR-11: " + Faults.ChainStop.values()[faultTarget] + " stop pressed";
                expect("SR-11 brakes engaged", now + d.cat0BrakeNanos(), R7Session::allBraked, what);
                expect("SR-11 still", now + d.cat0BrakeNanos(), R7Checker::allStill, what);
                expect("SR-11 ESTOP", now + d.estopModeNanos(), x -> x.mode() == Mode.ESTOP, what);
            }
            case SR13_ENCODER_JUMP -> {
                faultTarget = rnd.nextInt(2);
                WinchSim w = h.winchSim(faultTarget);
                double mm = (15 + rnd.nextDouble(85)) * (rnd.nextBoolean() ? 1 : -1);
                Faults.encoderJump(h.rig, faultTarget, mm * w.params().countsPerMm());
                what = String.format(Locale.ROOT, "SR-13: encoder of winch %d jumps %.1f mm", faultTarget, mm);
                expect("SR-13 encoder jump: latched and still", now + d.encoderJumpNanos(v),
                        x -> R7Checker.latched(x, SafetyRule.SR_13) && R7Checker.allStill(x), what);
                faultActive = false;
            }
            case SR14_BRAKE_SLIP -> {
                faultTarget = rnd.nextInt(2);
                WinchSim w = h.winchSim(faultTarget);
                double tensionN = h.trueTensionN(faultTarget);
                double slip = 4 + rnd.nextDouble(16);
                double holdN = w.params().motorBrakeHoldN() + w.params().drumBrakeHoldN();
                double factor = Math.max(0.001, Math.min(1, (tensionN - slip * w.params().slipDampingNPerMmPerS()) / holdN));
                Faults.brakeSlip(h.rig, faultTarget, Faults.Brakes.BOTH, factor);
                checker.pairMayDiverge = true;
                what = String.format(Locale.ROOT, "SR-14: brakes of winch %d hold %.4f of rated (%.0f N on it)", faultTarget,
                        factor, tensionN);
                faultActive = false;
            }
            default -> throw new IllegalStateException(fault.name());
        }
        journal.add(now, "INJECT " + what + String.format(Locale.ROOT, " (fastest winch %.1f mm/s, mode %s)", v, h.mode()));
    }

    static boolean allBraked(RigHarness x) {
        for (int w = 0; w < x.rig.physics().winches().size(); w++) {
            if (!x.trueBrakesEngaged(w)) {
                return false;
            }
        }
        return true;
    }

    /** Onsets that depend on the rig's state after the injection (SR-6 load, SR-8 frozen while moving, SR-14 slip). */
    private void watchFault() {
        long now = h.now;
        switch (fault) {
            case SR6_FOOT_SLIP -> {
                int partner = 1 - faultTarget;
                if (!faultWatchOpen && clientSet() && h.trueTensionN(partner) >= 20 * G) {
                    faultWatchOpen = true;
                    expect("SR-6 slack: latched and still", now + d.slackNanos(R7Checker.maxSpeed(h)),
                            checker.latchedThenStill(SafetyRule.SR_6),
                            String.format(Locale.ROOT, "rope %d slack, partner carries %.1f kg", faultTarget,
                                    h.trueTensionN(partner) / G));
                }
            }
            case SR8_STUCK -> {
                int winch = faultTarget; // ropes 0..2 hang from winches 0..2
                double v = Math.abs(h.trueVelocityMmPerS(winch));
                String name = "SR-8 frozen while moving: latched and still";
                if (!faultWatchOpen && v > 2 && !R7Checker.latched(h, SafetyRule.SR_8)) {
                    faultWatchOpen = true;
                    long stuckFor = now - faultAtNanos;
                    long frozen = (d.frozenSamples() + 2) * d.samplePeriodNanos();
                    long deadline = now + Math.max(0, frozen - stuckFor) + 2 * d.samplePeriodNanos()
                            + d.cat1StopNanos(R7Checker.maxSpeed(h));
                    R7Checker.Reaction r = new R7Checker.Reaction(name, now, deadline,
                            x -> R7Checker.latched(x, SafetyRule.SR_8) && R7Checker.allStill(x),
                            "rope " + faultTarget + " frozen, its winch moves at " + String.format(Locale.ROOT, "%.1f", v));
                    // The rule watches a frozen value only while the winch moves: a move that ends first drops it.
                    long openedAt = now;
                    r.cancel = x -> !R7Checker.latched(x, SafetyRule.SR_8)
                            && Math.abs(x.trueVelocityMmPerS(winch)) < R7Checker.STILL_MM_PER_S
                            && x.now - openedAt > 0;
                    checker.open(r);
                } else if (faultWatchOpen && !checker.pending(name)) {
                    faultWatchOpen = false; // re-arm for the next move
                    if (R7Checker.latched(h, SafetyRule.SR_8)) {
                        faultActive = false;
                    }
                }
            }
            case SR14_BRAKE_SLIP -> {
                // SPEC SR-14: "brakes engaged and total drift since engagement > 3 mm -> drive holds position".
                // The onset is the true drift since the brakes engaged passing 3 mm, whatever the slip speed (a
                // deadline from a predicted slip speed missed slow slips of 0.5 mm/s and less); the controller
                // takes its reference from the first status frame with the brakes on, up to one status period
                // of slip later, and needs a frame to see the drift: 3 status periods, then the brakes release
                // to the drive.
                int winch = faultTarget;
                WinchSim w = h.winchSim(winch);
                boolean engaged = h.trueBrakesEngaged(winch);
                if (!engaged) {
                    brakeEngagedAtMm = Double.NaN;
                } else if (Double.isNaN(brakeEngagedAtMm)) {
                    brakeEngagedAtMm = w.positionMm();
                }
                double drift = engaged ? Math.abs(w.positionMm() - brakeEngagedAtMm) : 0;
                if (!faultWatchOpen && now > faultAtNanos && engaged && drift > d.brakeDriftMm()) {
                    faultWatchOpen = true;
                    R7Checker.Reaction r = new R7Checker.Reaction(SR14, now,
                            now + d.brakeSlipHoldNanos(),
                            x -> R7Checker.latched(x, SafetyRule.SR_14) && !x.trueBrakesEngaged(winch)
                                    && Math.abs(x.trueVelocityMmPerS(winch)) < R7Checker.STILL_MM_PER_S,
                            String.format(Locale.ROOT, "winch %d drifted %.1f mm with brakes on, slipping at %.1f mm/s",
                                    winch, drift, Math.abs(w.velocityMmPerS())));
                    // SR-14's condition is "brakes engaged": brakes released by a new motion within the deadline
                    // hand the winch to the drive before the reaction is due (seed 7012296: a program step)
                    r.cancel = x -> !x.trueBrakesEngaged(winch) && !R7Checker.latched(x, SafetyRule.SR_14);
                    checker.open(r);
                } else if (faultWatchOpen && !checker.pending(SR14) && !engaged) {
                    faultWatchOpen = false; // re-arm for the next engagement (e.g. after a rescue descent)
                }
            }
            default -> {
            }
        }
    }

    private static final String SR14 = "SR-14 brake slip: drive holds";

    private void clearFault() {
        faultActive = false;
        switch (fault) {
            case SR1_OVERLOAD -> Faults.extraLoad(h.rig, faultTarget, 0);
            case SR2_EXTRA_LOAD -> {
                Faults.extraLoad(h.rig, 0, 0);
                Faults.extraLoad(h.rig, 1, 0);
            }
            case SR6_FOOT_SLIP -> Faults.footSlip(h.rig, faultTarget, false);
            case SR8_STUCK, SR8_DISCONNECTED, SR8_SATURATED -> {
                Faults.channelOk(h.rig, faultTarget);
                checker.cancel("SR-8 frozen while moving: latched and still", "channel healthy again", h.now);
            }
            case SR11_CHAIN_OPEN -> Faults.stopClose(h.rig, Faults.ChainStop.values()[faultTarget]);
            default -> {
            }
        }
        journal.add(h.now, "CLEAR " + fault);
    }
}
