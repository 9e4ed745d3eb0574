package com.lianarig.controller.r7;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.ClientProfile;
import com.lianarig.config.rig.NodeConfig;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.sim.physics.BodyModel;
import com.lianarig.sim.physics.VirtualClient;
import com.lianarig.sim.physics.WinchParams;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One R-7 session from a seed: a random client is strapped in on the standard virtual rig, a random
 * trainer sends random commands, lets go of the enable at random moments, and zero or one fault
 * ({@link R7Faults}) is injected at a random time; after a node restart, a lost link or an encoder
 * glitch a technician usually references the winches again at their true positions.
 * {@link R7Checker} judges the reactions and {@link R7Invariants} SPEC 4.0's invariants at every step
 * on the rig's true state. Everything follows from the seed: a failing seed replays exactly.
 */
final class R7Session {
    static final long MS = RigHarness.MS;
    static final double G = 9.80665;

    /** What one session found. */
    record Outcome(long seed, R7Faults.Kind fault, List<String> violations, Set<String> invariants, String journal,
            R7Stats stats) {
        boolean failed() {
            return !invariants.isEmpty();
        }
    }

    final long seed;
    final SplittableRandom rnd;
    RigHarness h;
    R7Checker checker;
    R7Invariants invariants;
    R7Journal journal;
    R7Deadlines d;
    final R7Stats stats = new R7Stats();
    R7Violations violations;
    R7Faults faults;

    /** The trainer's panel: the configured trainer, or a second tablet once the first went silent (SR-24). */
    Issuer trainer = RigHarness.TRAINER;
    /** The trainer's panel has gone silent (SR-24): it sends nothing at all, no enable, no heartbeat, no command. */
    boolean silent;
    /** When each panel was last heard (any command, accepted or not), from the harness's commands: SR-24's lease. */
    final java.util.Map<String, Long> lastHeardNanos = new java.util.HashMap<>();
    boolean enableHeld = true;
    private long nextEnableNanos;
    private long jogEndNanos = Long.MAX_VALUE;
    private String jogGroup;
    private long rescueEndNanos = Long.MAX_VALUE;
    String profileId;
    double massKg;
    /** The mass in the client's profile: the client's own, except WRONG_PROFILE_MASS. */
    double profileMassKg;
    double statureMm;
    /** The client's SR-20 ceiling (strap height, mm) as measured on the mat. */
    double ceilingMm;
    /** The trainer strapped a client out while the body still hung in the straps (SR-2 sees load, no client). */
    boolean detachedWhileHanging;
    /** No random trainer command before this (a fault's own script runs). */
    long quietUntilNanos = Long.MIN_VALUE;
    /** A fault's script may need the session to last until then (its random commands end at the planned end). */
    long extendedEndNanos = Long.MIN_VALUE;
    /** The last STOP accepted (from any panel). */
    long lastStopNanos = Long.MIN_VALUE;

    /** The technician references both groups at their true positions at this time (after a restart, link loss, glitch). */
    private long referenceAtNanos = Long.MAX_VALUE;
    private int referenceTries;

    /** The fault kind of a replay ({@code -Dr7.only=<seed>:<KIND>}), or null: the seed's own (or -Dr7.fault). */
    private final R7Faults.Kind faultOverride;

    private R7Session(long seed, R7Faults.Kind faultOverride) {
        this.seed = seed;
        this.rnd = new SplittableRandom(seed);
        this.faultOverride = faultOverride;
    }

    static Outcome run(long seed, Path dataDir) {
        return new R7Session(seed, null).run(dataDir);
    }

    /** One session of {@code fault}'s kind whatever its seed draws (null: as {@link #run(long, Path)}). */
    static Outcome run(long seed, R7Faults.Kind fault, Path dataDir) {
        return new R7Session(seed, fault).run(dataDir);
    }

    /**
     * The client's SR-20 ceiling as a trainer measures it on the mat: the strap height that puts this
     * body's bend at its C7-T1 (shoulders still down), and never above what the tables give for its
     * stature, less 20 mm.
     */
    static double measuredCeilingMm(VirtualClient body) {
        double own = body.strapHeightForBend(body.body().heightFraction(com.lianarig.sim.physics.SpineSegment.C7_T1));
        double tables = (BodyModel.CERVICALE - BodyModel.ANKLE) * body.statureMm();
        return Math.floor(Math.min(own, tables) - 20);
    }

    private Outcome run(Path dataDir) {
        massKg = 40 + 90 * rnd.nextDouble();
        statureMm = 1500 + 500 * rnd.nextDouble();
        long clientSeed = rnd.nextLong();
        long durationMs = 5_000 + rnd.nextLong(15_001);
        R7Faults.Kind[] kinds = R7Faults.Kind.values();
        int faultIndex = rnd.nextInt(kinds.length * 5 / 4); // about 1 in 5 sessions has none
        R7Faults.Kind fault = faultIndex < kinds.length ? kinds[faultIndex] : R7Faults.Kind.NONE;
        String only = System.getProperty("r7.fault");
        if (only != null && !only.isBlank()) {
            fault = R7Faults.Kind.valueOf(only.trim()); // every session this kind (replay: same seed, same flag)
        }
        if (faultOverride != null) {
            fault = faultOverride;
        }
        profileId = "client-" + Long.toHexString(seed);
        journal = new R7Journal(0);
        violations = new R7Violations(0);
        // WRONG_PROFILE_MASS: the trainer typed (or picked) a profile whose mass is 0.5..0.7 or 1.5..2 x the client's
        profileMassKg = fault == R7Faults.Kind.WRONG_PROFILE_MASS
                ? massKg * (rnd.nextBoolean() ? 0.5 + 0.2 * rnd.nextDouble() : 1.5 + 0.5 * rnd.nextDouble())
                : massKg;
        try (RigHarness harness = RigHarness.standard(seed, dataDir)) {
            h = harness;
            h.watchCommands((who, c, dd, t) -> lastHeardNanos.put(who.panelId(), t));
            VirtualClient body = RigHarness.client(massKg, statureMm, clientSeed);
            double ceilingMm = measuredCeilingMm(body);
            this.ceilingMm = ceilingMm;
            com.lianarig.config.profile.ClientProfile profile = RigHarness.profile(profileId, profileMassKg, statureMm,
                    ceilingMm);
            Decision ready = strapIn(body, profile);
            NodeConfig node = h.model.config().nodes().get(0);
            d = R7Deadlines.of(h.model.limits(), WinchParams.legStrap(), node.sampleRateHz(), node.statusRateHz());
            long start = h.now;
            journal = new R7Journal(start);
            violations = new R7Violations(start);
            violations.onViolation(v -> journal.add(v.atNanos(), "VIOLATION [" + v.invariant() + "] " + v.text()));
            journal.add(start, String.format(Locale.ROOT, "seed %d: client %.1f kg %.0f mm (seed %d), profile %.1f kg,"
                    + " SR-20 ceiling %.0f mm, %d ms, fault %s; client-ready %s", seed, massKg, statureMm, clientSeed,
                    profileMassKg, ceilingMm, durationMs, fault, ready.accepted() ? "accepted: READY"
                            : "refused " + ready.refusal() + " (" + ready.detail() + ")"));
            checker = new R7Checker(h, d, stats, journal, violations);
            h.everyStep(checker);
            invariants = R7Invariants.attach(h, journal, violations);
            invariants.clientHanging(body, ceilingMm);
            faults = new R7Faults(this, fault);
            stats.count("fault " + fault);
            faults.strappedIn(ready, profile);
            if (fault == R7Faults.Kind.NONE) {
                watchMargins(profile);
            }
            if (!ready.accepted() && fault != R7Faults.Kind.WRONG_PROFILE_MASS) {
                stats.nuisance(seed, "client-ready refused (own profile)");
                violations.add("nuisance", h.now, "client-ready refused for the client's own profile: "
                        + ready.refusal()
                        + " (" + ready.detail() + ")");
            }
            drive(start, durationMs);
            stats.invariantChecks = checker.invariantChecks + invariants.checks;
            nuisance(fault);
            marginsOut.run();
        } catch (Throwable t) {
            violations.add("exception", h == null ? 0 : h.now, t.toString());
            journal.add(h == null ? 0 : h.now, "EXCEPTION " + t);
        }
        stats.session(seed, fault.name(), violations.invariants());
        String text = journal.text();
        if (violations.any() && h != null) {
            List<String> cj = h.journal;
            text += "\n--- controller journal (last 80) ---\n"
                    + String.join("\n", cj.subList(Math.max(0, cj.size() - 80), cj.size()));
        }
        return new Outcome(seed, fault, violations.lines(), Set.copyOf(violations.invariants()), text, stats);
    }

    /**
     * What {@link RigHarness#ready} does (boot, today's pre-use check, the profile saved, command taken,
     * attached, the body in the straps), except that client-ready may be refused (SR-25: the strap loads
     * do not fit the profile's mass): its decision.
     */
    private Decision strapIn(VirtualClient body, com.lianarig.config.profile.ClientProfile profile)
            throws java.io.IOException {
        h.boot();
        h.preUse.record(java.time.LocalDate.now(RigHarness.WALL), "test", "passed");
        h.profiles.save(profile);
        h.must(trainer, new Command.TakeControl());
        h.must(trainer, new Command.Attach(profile.id()));
        h.rig.locked(() -> {
            h.rig.physics().client(body, com.lianarig.sim.physics.Exercise.INVERTED_HANG);
            return null;
        });
        h.step(200);
        return h.decide(trainer, new Command.ClientReady());
    }

    /**
     * SPEC 4.0, nuisance trips: a session of ordinary use (no fault injected) ends with no latched fault
     * and no SR-20 stop. Counted per rule from the controller's journal ("fault" records, SR-20's
     * "stop"). One trip has a real cause the session made: the trainer strapping out a client whose
     * body still hangs (SR-2 then sees load with no client, as SPEC wants); it is counted apart.
     */
    private void nuisance(R7Faults.Kind fault) {
        if (fault != R7Faults.Kind.NONE) {
            return;
        }
        java.util.Set<String> rules = new java.util.TreeSet<>();
        for (String r : h.journal) {
            String rule = ruleOf(r);
            if (rule == null) {
                continue;
            }
            if (r.startsWith("fault ") || (rule.equals("SR-20") && r.startsWith("stop "))) {
                rules.add(rule);
            }
        }
        for (String rule : rules) {
            boolean explained = rule.equals("SR-2") && detachedWhileHanging;
            stats.nuisance(seed, rule + (explained ? " (after a detach with the client hanging)" : ""));
            if (!explained) {
                violations.add("nuisance", h.now, rule + " tripped in a session of ordinary use (no fault injected)");
            }
        }
    }

    /**
     * Ordinary use (no fault): how close the varied client's true loads come to SR-20's and SR-25's
     * thresholds, with the controller's own model (`ShareModel` of the profile's `BodyGeometry`) at the
     * TRUE strap height, every 10 ms: the leg share over SR-20's limit (the model's share at the ceiling
     * + 0.05) at its highest, and while a settled client is lifted with more than 10 kg expected the load's
     * distance from the model over SR-25's 35 %. Figures in the reaction table, per mille (read "ms").
     */
    private void watchMargins(com.lianarig.config.profile.ClientProfile profile) {
        com.lianarig.controller.aiming.BodyGeometry geometry = com.lianarig.controller.aiming.BodyGeometry.of(profile);
        double limitShare = com.lianarig.controller.aiming.ShareModel.atStrapHeight(geometry, ceilingMm, 0) + 0.05;
        double[] worst = {0, 0};
        h.everyStep(x -> {
            if (x.now % (10 * MS) != 0) {
                return;
            }
            double legN = x.trueTensionN(0) + x.trueTensionN(1);
            worst[0] = Math.max(worst[0], legN / (profileMassKg * G) / limitShare);
            Mode mode = x.mode();
            boolean lifting = (mode == Mode.READY || mode == Mode.MOVING || mode == Mode.PROGRAM)
                    && x.trueVelocityMmPerS(0) >= R7Checker.STILL_MM_PER_S
                    && x.trueVelocityMmPerS(1) >= R7Checker.STILL_MM_PER_S;
            if (lifting) {
                double strapMm = (x.rig.physics().endHeightMm(0) + x.rig.physics().endHeightMm(1)) / 2;
                double expectedN = com.lianarig.controller.aiming.ShareModel.atStrapHeight(geometry, strapMm, 0)
                        * profileMassKg * G;
                if (expectedN > 10 * G) {
                    worst[1] = Math.max(worst[1], Math.abs(legN - expectedN) / expectedN);
                }
            }
        });
        marginsOut = () -> {
            if (worst[0] > 0.95) {
                stats.finding(seed, "NONE: leg share above 0.95 of SR-20's limit");
            }
            if (worst[1] > 0.30) {
                stats.finding(seed, "NONE: a lift more than 30 % off the model (SR-25: 35 %)");
            }
            stats.latency("NONE: leg share / SR-20 limit (per mille)", Math.round(worst[0] * 1e9), 1_000_000_000L);
            stats.latency("NONE: lift off the model / SR-25 (per mille)", Math.round(worst[1] / 0.35 * 1e9),
                    1_000_000_000L);
        };
    }

    /** Reports the ordinary-use margins at the session's end (NONE only). */
    private Runnable marginsOut = () -> { };

    private static String ruleOf(String record) {
        int i = record.indexOf("\"rule\":\"");
        if (i < 0) {
            return null;
        }
        int from = i + 8;
        int to = record.indexOf('"', from);
        return to < 0 ? null : record.substring(from, to);
    }

    private void drive(long start, long durationMs) {
        long end = start + durationMs * MS;
        faults.plan(start, durationMs);
        int drops = faults.enableDropsAllowed() ? rnd.nextInt(4) : 0;
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
        while (h.now < Math.max(end, extendedEndNanos) || (!checker.idle() && h.now < hardEnd)) {
            long now = h.now;
            boolean inSession = now < end;
            hardEnd = Math.max(hardEnd, extendedEndNanos + 5_000 * MS);
            if (enableHeld && !silent && now >= nextEnableNanos) {
                h.decide(trainer, new Command.Enable(true));
                nextEnableNanos = now + 100 * MS;
            }
            for (int i = 0; i < drops; i++) {
                if (silent) {
                    break; // a silent panel says nothing: no enable either way
                }
                if (now == dropAt[i] && enableHeld) {
                    dropEnable(dropStale[i]);
                } else if (now == dropEnd[i] && !enableHeld) {
                    enable(true, now, "enable held again");
                }
            }
            if (inSession && now >= nextCommand && now >= quietUntilNanos) {
                command();
                nextCommand = now + (200 + rnd.nextLong(2_300)) * MS;
            }
            if (now >= jogEndNanos) {
                jogEndNanos = Long.MAX_VALUE;
                log("jog " + jogGroup + " NONE", trainer, new Command.Jog(jogGroup, Command.Jog.Direction.NONE));
            }
            if (now >= rescueEndNanos) {
                rescueEndNanos = Long.MAX_VALUE;
                log("rescue released", trainer, new Command.RescueDescent(false));
            }
            faults.step();
            if (now >= referenceAtNanos && now < Math.max(end, extendedEndNanos)) {
                reference();
            }
            h.step(1);
        }
        if (!checker.idle()) {
            checker.accept(h); // reports what is still pending past its deadline (none can be: hardEnd > every deadline)
        }
        journal.add(h.now, "session end, mode " + h.mode());
    }

    // ------------------------------------------------------------------ the trainer

    void enable(boolean held, long now, String why) {
        enableHeld = held;
        h.decide(trainer, new Command.Enable(held));
        nextEnableNanos = now + 100 * MS;
        journal.add(now, why);
    }

    void dropEnable(boolean stale) {
        long now = h.now;
        double v = R7Checker.maxSpeed(h);
        enableHeld = false;
        if (!stale) {
            h.decide(trainer, new Command.Enable(false));
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

    /**
     * SR-24: the trainer's panel goes silent (a phone in a pocket, a lost Wi-Fi): from now on it sends
     * nothing, neither enable nor heartbeat nor command; its enable goes stale (SR-10's stop is expected when
     * something moves) and its command lapses after the lease.
     */
    void silenceTrainer() {
        h.silence(trainer);
        dropEnable(true);
        silent = true;
        jogEndNanos = Long.MAX_VALUE;
        rescueEndNanos = Long.MAX_VALUE;
        quietUntilNanos = Long.MAX_VALUE;
        referenceAtNanos = Long.MAX_VALUE;
    }

    /** Another trainer panel takes command (after the first went silent) and is the session's trainer from now on. */
    Decision newTrainer(Issuer panel) {
        trainer = panel;
        silent = false;
        Decision d = log("take-control (" + panel.panelId() + ")", panel, new Command.TakeControl());
        enable(true, h.now, "enable held on " + panel.panelId());
        return d;
    }

    /** The trainer holds the rescue descent for {@code holdMs} (with the enable). */
    void rescue(long holdMs, String why) {
        if (!enableHeld) {
            enable(true, h.now, "enable held (" + why + ")");
        }
        rescueEndNanos = h.now + holdMs * MS;
        Decision decision = log("rescue (" + why + ")", trainer, new Command.RescueDescent(true));
        if (decision.accepted()) {
            checker.rescueHeldUntilNanos = rescueEndNanos + d.cat1StopNanos(d.rescueMmPerS());
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
        Issuer who = trainer;
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
            if (rnd.nextInt(3) == 0) {
                who = RigHarness.TECHNICIAN; // STOP is accepted from any panel (SPEC section 1)
            }
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
        Decision decision = log(describe(c) + (who == trainer ? "" : " from " + who.panelId()), who, c);
        if (c instanceof Command.RescueDescent && decision.accepted()) {
            // only an accepted rescue may move the legs in FAULT (a refused one opens no window)
            checker.rescueHeldUntilNanos = rescueEndNanos + d.cat1StopNanos(d.rescueMmPerS());
        }
    }

    static String describe(Command c) {
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
        if (c instanceof Command.Reference r) {
            return String.format(Locale.ROOT, "reference %s %.1f mm", r.group(), r.positionMm());
        }
        if (c instanceof Command.Attach a) {
            return "attach " + a.clientId();
        }
        return c.name();
    }

    /** Sends {@code c} from {@code who}, journals and counts the decision. */
    Decision log(String what, Issuer who, Command c) {
        Decision decision = h.decide(who, c);
        if (c instanceof Command.Stop && decision.accepted()) {
            lastStopNanos = h.now;
        }
        if (c instanceof Command.Detach && decision.accepted() && h.trueTensionN(0) + h.trueTensionN(1) > 10 * G) {
            detachedWhileHanging = true;
        }
        journal.add(h.now, what + " -> " + (decision.accepted() ? "accepted" : "refused " + decision.refusal() + " ("
                + decision.detail() + ")") + " [" + h.mode() + "]");
        stats.count(decision.accepted() ? "commands accepted" : "commands refused");
        return decision;
    }

    // ------------------------------------------------------------------ the technician

    /** After a restart, link loss or glitch: the technician will reference the winches 0.5..4 s after {@code fromNanos} (4 in 5 sessions). */
    void technicianReferencesAfter(long fromNanos) {
        if (rnd.nextInt(5) != 0) {
            referenceAtNanos = fromNanos + (500 + rnd.nextLong(3_500)) * MS;
            referenceTries = 0;
        }
    }

    /**
     * The technician takes command (the trainer hands it over), references every group at the true
     * position of its lead winch (what a technician reads off a tape), gives command back; the trainer
     * takes it and holds the enable again. Refused while a group moves: tried again 500 ms later.
     */
    private void reference() {
        referenceAtNanos = Long.MAX_VALUE;
        if (!R7Checker.allStill(h)) {
            if (++referenceTries < 6) {
                referenceAtNanos = h.now + 500 * MS;
            }
            return;
        }
        log("release-control", trainer, new Command.ReleaseControl());
        log("take-control", RigHarness.TECHNICIAN, new Command.TakeControl());
        boolean all = true;
        for (RigModel.Group g : h.model.groups()) {
            Command.Reference r = new Command.Reference(g.name(), h.truePositionMm(g.winches()[0]));
            all &= log(describe(r) + " (technician)", RigHarness.TECHNICIAN, r).accepted();
        }
        log("release-control", RigHarness.TECHNICIAN, new Command.ReleaseControl());
        log("take-control", trainer, new Command.TakeControl());
        stats.count(all ? "technician referenced" : "technician reference refused");
        if (enableHeld) {
            enable(true, h.now, "enable held again after the reference");
        }
        if (!all && ++referenceTries < 6) {
            referenceAtNanos = h.now + 500 * MS;
        }
    }

    /** A second client's profile: another mass, stature and SR-20 ceiling (saved to the store). */
    ClientProfile otherProfile() throws java.io.IOException {
        double mass = Math.max(40, Math.min(150, massKg * (0.6 + rnd.nextDouble())));
        double stature = Math.max(1500, Math.min(2000, statureMm + (rnd.nextInt(10) < 7 ? 1 : -1)
                * (100 + rnd.nextDouble(200))));
        double ceiling = Math.floor((BodyModel.CERVICALE - BodyModel.ANKLE) * stature - 20);
        ClientProfile p = RigHarness.profile("other-" + Long.toHexString(seed), mass, stature, ceiling);
        h.profiles.save(p);
        return p;
    }
}
