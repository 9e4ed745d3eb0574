package com.lianarig.controller.r7;

import com.lianarig.config.profile.ClientProfile;
import com.lianarig.config.rig.PanelRole;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.aiming.BodyGeometry;
import com.lianarig.controller.aiming.ShareModel;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.safety.SafetyRule;
import com.lianarig.sim.fault.Faults;
import com.lianarig.sim.physics.WinchSim;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The R-7 fault kinds of issue 14 ({@link R7Faults.Kind}): who is in command (SR-24: the trainer's
 * panel goes silent; a technician panel or the wired pendant takes command mid-motion), a profile
 * mass that is not the client's (SR-25's model check, or client-ready refused), and both leg encoders
 * coming off their drums while the brakes slip (SR-25's "motion the encoder does not see"). Each
 * script brings the rig into the state its fault needs, injects it and opens the reactions SPEC gives
 * (deadlines from {@link R7Deadlines}, judged on the true state); the invariants I-1..I-6 judge the
 * rest through the oracle's ledger, which sees every command and decision.
 */
final class R7CommandAndSensing {
    static final long MS = RigHarness.MS;
    private static final double G = R7Session.G;
    /** The second trainer tablet that takes command after the first went silent. */
    static final Issuer SECOND_TABLET = new Issuer("tablet-2", PanelRole.TRAINER);
    /** SPEC SR-25: measured share vs expected within +-35 % once expected > 10 kg, for 1 s. */
    static final double MODEL_TOLERANCE = 0.35;
    static final double MODEL_MIN_EXPECTED_KG = 10;
    static final long MODEL_HOLD_NANOS = 1_000 * MS;
    /**
     * The oracle opens SR-25's model reaction only when the loads are this much further apart than 35 %
     * (load-cell noise, the controller's strap height from its encoders and the rope's stretch, not the
     * true one): a lift at 35.5 % is the product's to judge either way.
     */
    static final double MODEL_ORACLE_MARGIN = 0.03;
    /** ENCODER_DECOUPLED: SR-25 must latch before the straps sink this far (true state), mm. */
    static final double UNSEEN_SINK_MM = 100;
    /** SPEC SR-25: a load change the encoders do not explain, kg; the controller smooths the load over 2 s. */
    static final double UNSEEN_CHANGE_KG = 5;
    static final long UNSEEN_FILTER_NANOS = 2_000 * MS;
    /** The oracle opens the reaction once the true change is this much past 5 kg (breathing, sway, cell noise), kg. */
    static final double UNSEEN_ORACLE_MARGIN_KG = 1;

    private static final String LAPSE = "SR-24 command lapsed and journalled";
    private static final String TAKEN = "SR-24 command taken: the trainer's motion at rest";
    private static final String MODEL = "SR-25 model: latched and still";
    private static final String UNSEEN = "SR-25 unseen motion (smoothed true load 6 kg off): latched";

    private final R7Session s;
    private final R7Faults f;
    private final R7Faults.Kind kind;
    private final SplittableRandom rnd;
    private int phase;
    private long phaseSinceNanos;
    private long nextNanos = Long.MAX_VALUE;
    /** SR-24: the panel that takes command (technician, pendant), or the silent one. */
    private Issuer taker;
    /** SR24_SILENT_PANEL: the fault comes while the legs move (else while they hold). */
    private boolean whileMoving;
    private long silentSinceNanos = Long.MIN_VALUE;
    private String silentPanel;
    /** SR24_PENDANT_TAKES: the pendant jogs the legs down until then (its enable refreshed). */
    private long pendantJogUntilNanos = Long.MIN_VALUE;
    private long pendantEnableNextNanos;
    /** ENCODER_DECOUPLED: the legs' true positions when it began; the true leg load then, N. */
    private final double[] decoupledAtMm = new double[2];
    private double decoupledLoadN;
    /** ENCODER_DECOUPLED: the legs' true load smoothed as the controller smooths its measured one, N. */
    private double smoothedLoadN;
    private boolean sankReported;
    private boolean unseenOpened;
    /** ENCODER_DECOUPLED: since when the legs rest on their brakes in READY, MIN_VALUE while not. */
    private long restingSinceNanos = Long.MIN_VALUE;
    /** ENCODER_DECOUPLED: the legs' true load when its steadiness began to be judged, N, and since when. */
    private double steadyFromLoadN = Double.NaN;
    private long steadySinceNanos = Long.MIN_VALUE;
    /** WRONG_PROFILE_MASS: the profile's geometry for the model (what the controller's expected load comes from). */
    private BodyGeometry geometry;

    R7CommandAndSensing(R7Session s, R7Faults f, R7Faults.Kind kind) {
        this.s = s;
        this.f = f;
        this.kind = kind;
        this.rnd = s.rnd;
    }

    static boolean handles(R7Faults.Kind kind) {
        return switch (kind) {
            case SR24_SILENT_PANEL, SR24_TECHNICIAN_TAKES, SR24_PENDANT_TAKES, WRONG_PROFILE_MASS, ENCODER_DECOUPLED ->
                    true;
            default -> false;
        };
    }

    private RigHarness h() {
        return s.h;
    }

    /** Right after client-ready: WRONG_PROFILE_MASS is judged from the strap-in on. */
    void strappedIn(Decision ready, ClientProfile profile) {
        if (kind == R7Faults.Kind.WRONG_PROFILE_MASS) {
            geometry = BodyGeometry.of(profile);
            s.stats.count(ready.accepted() ? "wrong profile mass: client-ready accepted"
                    : "wrong profile mass: client-ready refused (" + ready.refusal() + ")");
        }
    }

    /** At the fault's time: the script's first step; what the journal says. */
    String start(long now) {
        RigHarness h = h();
        switch (kind) {
            case SR24_SILENT_PANEL, SR24_TECHNICIAN_TAKES, SR24_PENDANT_TAKES -> {
                s.quietUntilNanos = Long.MAX_VALUE;
                whileMoving = kind != R7Faults.Kind.SR24_SILENT_PANEL || rnd.nextBoolean();
                taker = switch (kind) {
                    case SR24_TECHNICIAN_TAKES -> RigHarness.TECHNICIAN;
                    case SR24_PENDANT_TAKES -> Issuer.pendant();
                    default -> s.trainer;
                };
                readyToMove(now);
                if (whileMoving && R7Checker.maxSpeed(h) < 5) {
                    moveLegs("so that the legs move when " + describeTaker());
                }
                phase = 1;
                phaseSinceNanos = now;
                return describeTaker() + " once the legs " + (whileMoving ? "move" : "hold");
            }
            case WRONG_PROFILE_MASS -> {
                return String.format(Locale.ROOT, "the profile says %.1f kg for a %.1f kg client (x %.2f) since the"
                        + " strap-in", s.profileMassKg, s.massKg, s.profileMassKg / s.massKg);
            }
            case ENCODER_DECOUPLED -> {
                s.quietUntilNanos = Long.MAX_VALUE;
                readyToMove(now);
                if (trueStrapHeightMm(h) < 900 && h.mode() == Mode.READY) {
                    liftClient("to hold the client up");
                }
                phase = 1;
                phaseSinceNanos = now;
                s.extendedEndNanos = Math.max(s.extendedEndNanos, now + 25_000 * MS);
                return "both leg encoders to come off their drums while the legs hold and the brakes slip";
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private String describeTaker() {
        return switch (kind) {
            case SR24_SILENT_PANEL -> "SR-24: the trainer's panel to go silent";
            case SR24_TECHNICIAN_TAKES -> "SR-24: the technician's panel to take command";
            default -> "SR-24: the wired pendant to take command";
        };
    }

    /** Out of FAULT / ESTOP (a reset), the enable held: the rig can move again. */
    private void readyToMove(long now) {
        RigHarness h = h();
        if (!s.enableHeld) {
            s.enable(true, now, "enable held (" + kind + " scenario)");
        }
        if (h.mode() == Mode.FAULT || h.mode() == Mode.ESTOP) {
            s.log("reset (" + kind + " scenario)", s.trainer, new Command.Reset());
        }
        if (h.mode() == Mode.ATTACHING && kind == R7Faults.Kind.ENCODER_DECOUPLED) {
            s.log("client-ready (" + kind + " scenario)", s.trainer, new Command.ClientReady());
        }
    }

    /** ENCODER_DECOUPLED: the legs sent to 900 mm .. the ceiling - 50 mm, to hold the client off the mat. */
    private void liftClient(String why) {
        RigHarness h = h();
        if (!s.enableHeld) {
            s.enable(true, h.now, "enable held (" + why + ")");
        }
        double to = 900 + rnd.nextDouble(Math.max(1, s.ceilingMm - 950));
        s.log(String.format(Locale.ROOT, "move-to legs %.0f mm (%s)", to, why), s.trainer,
                new Command.MoveTo(h.model.legPair().orElseThrow().name(), to));
    }

    /** The legs sent 300..600 mm away (up where there is room, under the client's ceiling). */
    private void moveLegs(String why) {
        RigHarness h = h();
        double heightMm = h.truePositionMm(0) + h.model.winch(0).config().baseHeightMm();
        double by = 300 + rnd.nextDouble(300);
        double to = heightMm + by < Math.min(1_500, s.ceilingMm - 20) ? heightMm + by : heightMm - by;
        Command c = new Command.MoveTo(h.model.legPair().orElseThrow().name(), Math.max(250, to));
        s.log(R7Session.describe(c) + " (" + why + ")", s.trainer, c);
    }

    /** Every millisecond, before the rig steps. */
    void step(long now) {
        if (now >= nextNanos) {
            nextNanos = Long.MAX_VALUE;
            timed(now);
        }
        if (phase > 0 && nextNanos == Long.MAX_VALUE) {
            waitFor(now);
        }
        repairIfDue(now);
        switch (kind) {
            case SR24_SILENT_PANEL -> watchLapse(now);
            case SR24_PENDANT_TAKES -> pendantEnable(now);
            case WRONG_PROFILE_MASS -> watchModel(now);
            case ENCODER_DECOUPLED -> watchSink(now);
            default -> {
            }
        }
    }

    private void waitFor(long now) {
        RigHarness h = h();
        long waited = now - phaseSinceNanos;
        switch (kind) {
            case SR24_SILENT_PANEL, SR24_TECHNICIAN_TAKES, SR24_PENDANT_TAKES -> {
                if (phase != 1) {
                    return;
                }
                boolean ready = whileMoving ? R7Checker.maxSpeed(h) > 5 : R7Faults.allRestingOnBrakes(h);
                if (!whileMoving && !ready && waited == 3_000 * MS) {
                    s.log("stop (so that the legs hold)", s.trainer, new Command.Stop());
                }
                if (ready || waited >= 5_000 * MS) {
                    s.stats.count(ready ? "SR-24 as planned" : "SR-24 not as planned");
                    inject(now, ready);
                }
            }
            case ENCODER_DECOUPLED -> {
                if (phase != 1) {
                    return;
                }
                double strapMm = trueStrapHeightMm(h);
                if (R7Faults.allRestingOnBrakes(h) && h.mode() == Mode.READY && strapMm < 850
                        && (now - phaseSinceNanos) % (2_000 * MS) == 0 && waited < 14_000 * MS) {
                    liftClient("the legs rest too low to hold the client up");
                }
                boolean high = strapMm >= 850 || waited >= 14_000 * MS;
                if (R7Faults.allRestingOnBrakes(h) && h.mode() == Mode.READY && high) {
                    if (restingSinceNanos == Long.MIN_VALUE) {
                        restingSinceNanos = now;
                        f.journal(String.format(Locale.ROOT, "the legs rest at %.0f mm, %.1f kg on them", strapMm,
                                (h.trueTensionN(0) + h.trueTensionN(1)) / G));
                        steadyFromLoadN = Double.NaN;
                    } else if (now - restingSinceNanos >= 1_000 * MS) {
                        // the scenario is a settled client: the encoders come off once the true leg load has held
                        // within 0.5 kg for 2 s (SR-25's rest baseline is the load the rest settled at; a client
                        // still settling into the straps after a stop changed the load by up to 1.8 kg meanwhile,
                        // R-7 seed 20261184783872)
                        double loadN = h.trueTensionN(0) + h.trueTensionN(1);
                        if (Double.isNaN(steadyFromLoadN) || Math.abs(loadN - steadyFromLoadN) > 0.5 * G) {
                            steadyFromLoadN = loadN;
                            steadySinceNanos = now;
                        } else if (now - steadySinceNanos >= 2_000 * MS && now - restingSinceNanos >= 3_000 * MS) {
                            decouple(now);
                        } else if (now - restingSinceNanos >= 20_000 * MS) {
                            f.journal("encoder scenario not applicable: the legs' load never settled at rest");
                            s.stats.count("encoder decoupled: not applicable");
                            s.quietUntilNanos = Long.MIN_VALUE;
                            phase = 0;
                        }
                    }
                    return;
                }
                restingSinceNanos = Long.MIN_VALUE;
                if (waited == 10_000 * MS) {
                    s.log("stop (so that the legs hold)", s.trainer, new Command.Stop());
                } else if (waited >= 20_000 * MS) {
                    f.journal("encoder scenario not applicable: the legs never rested in READY");
                    s.stats.count("encoder decoupled: not applicable");
                    s.quietUntilNanos = Long.MIN_VALUE;
                    phase = 0;
                }
            }
            default -> {
            }
        }
    }

    // ------------------------------------------------------------------ SR-24

    private void inject(long now, boolean asPlanned) {
        RigHarness h = h();
        double v = R7Checker.maxSpeed(h);
        phase = 2;
        if (kind == R7Faults.Kind.SR24_SILENT_PANEL) {
            silentPanel = s.trainer.panelId();
            silentSinceNanos = now;
            s.silenceTrainer();
            s.extendedEndNanos = Math.max(s.extendedEndNanos, now + 9_000 * MS); // the lapse, then the second tablet
            long heard = s.lastHeardNanos.getOrDefault(silentPanel, now);
            long lease = h.model.limits().commandLeaseS() * 1_000 * MS;
            f.journal(String.format(Locale.ROOT, "INJECT SR-24: panel %s goes silent (last heard %d ms ago; legs at"
                    + " %.1f mm/s, mode %s)%s", silentPanel, (now - heard) / MS, v, h.mode(),
                    asPlanned ? "" : " (not as planned)"));
            String panel = silentPanel;
            R7Checker.Reaction r = new R7Checker.Reaction(LAPSE, now, heard + lease + s.d.controlPeriodNanos()
                    + s.d.marginNanos(), x -> x.controller.status().controlOwner().isEmpty() && lapseJournalled(x,
                            panel), "nothing heard from " + panel + " since " + (now - heard) / MS + " ms before");
            s.checker.open(r);
            return;
        }
        Decision took = s.log("take-control (" + taker.panelId() + ", mid-" + (v >= 5 ? "motion" : "hold") + ")",
                taker, new Command.TakeControl());
        f.journal(String.format(Locale.ROOT, "INJECT SR-24: %s takes command from %s (legs at %.1f mm/s, mode %s)%s",
                taker.panelId(), s.trainer.panelId(), v, h.mode(), asPlanned ? "" : " (not as planned)"));
        if (!took.accepted()) {
            s.violations.add("reaction", now, "SR-24: " + taker.panelId() + " may always take command from a trainer"
                    + " panel, refused: " + took.refusal() + " (" + took.detail() + ")");
            phase = 0;
            s.quietUntilNanos = Long.MIN_VALUE;
            return;
        }
        if (v >= R7Checker.STILL_MM_PER_S) {
            // the trainer's enable went with its command: its motion ends with a controlled stop (SR-10, I-3)
            s.checker.open(new R7Checker.Reaction(TAKEN, now, now + s.d.enableStopNanos(v + 10), R7Checker::allStill,
                    String.format(Locale.ROOT, "taken at %.1f mm/s", v)));
        }
        // the trainer's panel keeps refreshing its enable: it counts for nothing now (refused, not in command)
        if (taker.equals(Issuer.pendant()) && rnd.nextBoolean()) {
            nextNanos = now + (300 + rnd.nextLong(700)) * MS; // phase 2: the pendant jogs the legs down
            phaseSinceNanos = now;
        } else {
            phase = 3;
            nextNanos = now + (1_000 + rnd.nextLong(2_000)) * MS;
        }
    }

    private static boolean lapseJournalled(RigHarness x, String panel) {
        for (int i = x.journal.size() - 1; i >= 0 && i >= x.journal.size() - 200; i--) {
            String r = x.journal.get(i);
            if (r.startsWith("control ") && r.contains("lapsed") && r.contains(panel)) {
                return true;
            }
        }
        return false;
    }

    /** SR24_SILENT_PANEL: command may not lapse before the lease; after the lapse another tablet takes command. */
    private void watchLapse(long now) {
        if (silentSinceNanos == Long.MIN_VALUE || phase != 2) {
            return;
        }
        RigHarness h = h();
        Optional<String> owner = h.controller.status().controlOwner();
        if (owner.isEmpty()) {
            long heard = s.lastHeardNanos.getOrDefault(silentPanel, silentSinceNanos);
            long lease = h.model.limits().commandLeaseS() * 1_000 * MS;
            if (now - heard <= lease) {
                s.violations.add("reaction", now, String.format(Locale.ROOT, "SR-24: command of %s lapsed %d ms after"
                        + " its last word, before the %d ms lease", silentPanel, (now - heard) / MS, lease / MS));
            }
            s.stats.latency("SR-24 lapse after the last word", now - heard, lease + s.d.controlPeriodNanos());
            phase = 3;
            nextNanos = now + (500 + rnd.nextLong(2_000)) * MS;
        } else if (now - silentSinceNanos > 15_000 * MS) {
            phase = 0; // the lapse reaction reports it
        }
    }

    private void timed(long now) {
        RigHarness h = h();
        switch (kind) {
            case SR24_SILENT_PANEL -> {
                if (phase == 3) {
                    // another trainer tablet takes command: nothing resumes until it asks (I-1 judges that)
                    s.newTrainer(SECOND_TABLET);
                    s.quietUntilNanos = now + (1_000 + rnd.nextLong(2_000)) * MS;
                    s.extendedEndNanos = Math.max(s.extendedEndNanos, s.quietUntilNanos + 3_000 * MS);
                    phase = 0;
                }
            }
            case SR24_TECHNICIAN_TAKES, SR24_PENDANT_TAKES -> {
                if (phase == 2) {
                    if (!R7Checker.allStill(h) && now - phaseSinceNanos < 10_000 * MS) {
                        nextNanos = now + 100 * MS; // the trainer's motion comes to rest first (its own reaction)
                        return;
                    }
                    if (h.mode() != Mode.READY) {
                        phase = 3; // only an ordinary jog here: in FAULT the pendant's DOWN is the rescue descent
                        nextNanos = now + (500 + rnd.nextLong(1_000)) * MS;
                        return;
                    }
                    // the pendant at the rig lowers the legs (hold-to-run DOWN with its ENABLE)
                    pendantEnableNextNanos = now;
                    pendantEnable(now);
                    s.log("pendant jog legs DOWN", taker, new Command.Jog(h.model.legPair().orElseThrow().name(),
                            Command.Jog.Direction.DOWN));
                    pendantJogUntilNanos = now + (500 + rnd.nextLong(1_000)) * MS;
                    phase = 3;
                    nextNanos = pendantJogUntilNanos + (500 + rnd.nextLong(1_000)) * MS;
                } else if (phase == 3) {
                    // the panel that took command gives it back; the trainer takes it again and asks anew
                    s.log("release-control (" + taker.panelId() + ")", taker, new Command.ReleaseControl());
                    s.log("take-control (trainer again)", s.trainer, new Command.TakeControl());
                    if (s.enableHeld) {
                        s.enable(true, now, "enable held again after " + taker.panelId() + " gave command back");
                    }
                    s.quietUntilNanos = now + (500 + rnd.nextLong(1_500)) * MS;
                    s.extendedEndNanos = Math.max(s.extendedEndNanos, s.quietUntilNanos + 3_000 * MS);
                    phase = 0;
                }
            }
            default -> {
            }
        }
    }

    /** The pendant's ENABLE, refreshed every 100 ms while its jog runs; DOWN and ENABLE let go at the end. */
    private void pendantEnable(long now) {
        if (pendantJogUntilNanos == Long.MIN_VALUE) {
            return;
        }
        RigHarness h = h();
        if (now >= pendantJogUntilNanos) {
            pendantJogUntilNanos = Long.MIN_VALUE;
            s.log("pendant jog legs NONE", taker, new Command.Jog(h.model.legPair().orElseThrow().name(),
                    Command.Jog.Direction.NONE));
            s.log("pendant enable let go", taker, new Command.Enable(false));
            return;
        }
        if (now >= pendantEnableNextNanos) {
            h.decide(taker, new Command.Enable(true));
            pendantEnableNextNanos = now + 100 * MS;
        }
    }

    // ------------------------------------------------------------------ SR-25: the profile's mass

    /**
     * SR-25's model check, with the controller's own model (SPEC section 5: expected rope load = model
     * share x the profile's body weight) at the TRUE strap height, against the TRUE leg rope tension: when a
     * lift of a strapped-in client (READY, MOVING, PROGRAM) has the loads more than 35 % (+ the oracle's
     * margin) off with more than 10 kg expected, SR-25 owes a latch within 1 s + a sample, then a category 1
     * stop. A lift that ends, or loads that come back within 35 %, before that drops it.
     */
    private void watchModel(long now) {
        RigHarness h = h();
        if (geometry == null || R7Checker.latched(h, SafetyRule.SR_25) || s.checker.pending(MODEL)) {
            return;
        }
        double off = modelOff(h);
        if (!(off > MODEL_TOLERANCE + MODEL_ORACLE_MARGIN) || !liftAsked()) {
            return; // a lift asked for: the controlled stop of one that ended is not a lift the rule judges
        }
        double v = R7Checker.maxSpeed(h);
        long due = now + MODEL_HOLD_NANOS + 2 * s.d.samplePeriodNanos();
        R7Checker.Reaction r = new R7Checker.Reaction(MODEL, now, due + s.d.cat1StopNanos(Math.max(v,
                s.d.ascentCapMmPerS())), s.checker.latchedThenStill(SafetyRule.SR_25), String.format(Locale.ROOT,
                "lifting at %.1f mm/s, the loads %.0f %% off the model for the profile's %.1f kg (client %.1f kg)",
                h.trueVelocityMmPerS(0), 100 * off, s.profileMassKg, s.massKg));
        // the rule wants 1 s of a lift off the model: a lift that ends, is being stopped (a STOP, an enable let go:
        // the ascent stops already) or comes back within 35 % first drops it
        int journalAt = h.journal.size();
        r.cancel = x -> x.now <= due && !R7Checker.latched(x, SafetyRule.SR_25)
                && (!(modelOff(x) > MODEL_TOLERANCE) || !liftAsked() || legsStopped(x, journalAt));
        s.checker.open(r);
    }

    /**
     * The controller journalled a stop of the legs since record {@code from} (SR-20's head leaving the mat,
     * SR-10, ...): the ascent is being stopped, the lift SR-25 judges is over (seed 7008642: SR-20 stopped a
     * lift 101 % off a profile of 0.57 x the client's mass).
     */
    private static boolean legsStopped(RigHarness x, int from) {
        for (int i = from; i < x.journal.size(); i++) {
            String r = x.journal.get(i);
            if (r.startsWith("stop {\"rule\"") && r.contains("\"group\":\"legs\"")) {
                return true;
            }
        }
        return false;
    }

    /** The legs have a live motion in the oracle's ledger (asked, accepted, under a live enable). */
    private boolean liftAsked() {
        R7Ledger ledger = s.invariants.ledger();
        return ledger.live(ledger.legGroup()) != null;
    }

    /** How far the legs' true load is off the model for the profile while a settled client is lifted, else NaN. */
    private double modelOff(RigHarness x) {
        Mode mode = x.mode();
        boolean settled = mode == Mode.READY || mode == Mode.MOVING || mode == Mode.PROGRAM;
        if (!settled || x.trueVelocityMmPerS(0) < R7Checker.STILL_MM_PER_S
                || x.trueVelocityMmPerS(1) < R7Checker.STILL_MM_PER_S) {
            return Double.NaN;
        }
        double strapMm = trueStrapHeightMm(x);
        double expectedN = ShareModel.atStrapHeight(geometry, strapMm, 0) * s.profileMassKg * G;
        if (!(expectedN > MODEL_MIN_EXPECTED_KG * G)) {
            return Double.NaN;
        }
        double measuredN = x.trueTensionN(0) + x.trueTensionN(1);
        return Math.abs(measuredN - expectedN) / expectedN;
    }

    /** The pair's mean true loaded strap height, mm (what the body hangs from). */
    private static double trueStrapHeightMm(RigHarness x) {
        return (x.rig.physics().endHeightMm(0) + x.rig.physics().endHeightMm(1)) / 2;
    }

    // ------------------------------------------------------------------ SR-25: motion the encoder does not see

    private void decouple(long now) {
        RigHarness h = h();
        phase = 2;
        phaseSinceNanos = now;
        double slip = 4 + rnd.nextDouble(16);
        StringBuilder what = new StringBuilder("INJECT SR-25: both leg encoders come off their drums; brakes hold");
        for (int w = 0; w < 2; w++) {
            WinchSim sim = h.winchSim(w);
            decoupledAtMm[w] = sim.positionMm();
            double tensionN = h.trueTensionN(w);
            double holdN = sim.params().motorBrakeHoldN() + sim.params().drumBrakeHoldN();
            double factor = Math.max(0.001,
                    Math.min(1, (tensionN - slip * sim.params().slipDampingNPerMmPerS()) / holdN));
            Faults.encoderDecoupled(h.rig, w, true);
            Faults.brakeSlip(h.rig, w, Faults.Brakes.BOTH, factor);
            what.append(String.format(Locale.ROOT, "%s %.4f of rated (%.0f N on winch %d)", w == 0 ? "" : ",", factor,
                    tensionN, w));
        }
        decoupledLoadN = h.trueTensionN(0) + h.trueTensionN(1);
        smoothedLoadN = decoupledLoadN;
        f.journal(what.append(String.format(Locale.ROOT, "; about %.1f mm/s; legs at %.0f mm, %.1f kg on them", slip,
                trueStrapHeightMm(h), decoupledLoadN / G)).toString());
        // the slowest slips (2..3 mm/s as the load falls) need 40 s to sink 100 mm
        s.extendedEndNanos = Math.max(s.extendedEndNanos, now + 56_000 * MS);
        nextNanos = Long.MAX_VALUE;
    }

    /**
     * ENCODER_DECOUPLED: SR-25 latched before the straps sink {@value #UNSEEN_SINK_MM} mm (true state); then
     * the encoders are coupled again and the brakes mended (the technician's repair), and the technician
     * references the legs (I-6 keeps the positions void until then).
     */
    private void watchSink(long now) {
        if (phase != 2) {
            return;
        }
        RigHarness h = h();
        double sankMm = Math.max(decoupledAtMm[0] - h.truePositionMm(0), decoupledAtMm[1] - h.truePositionMm(1));
        double loadN = h.trueTensionN(0) + h.trueTensionN(1);
        // the controller smooths the leg load over 2 s (first order) before it compares it with its rest baseline:
        // the oracle smooths the TRUE load the same way from the moment the encoders came off
        smoothedLoadN += (loadN - smoothedLoadN) * Math.min(1, (double) MS / UNSEEN_FILTER_NANOS);
        double changeKg = Math.abs(smoothedLoadN - decoupledLoadN) / G;
        boolean latched = R7Checker.latched(h, SafetyRule.SR_25);
        if ((now - phaseSinceNanos) % (5_000 * MS) == 0) {
            f.journal(String.format(Locale.ROOT, "the straps %.1f mm lower, sinking at %.1f mm/s, legs' load %.1f kg",
                    sankMm, -h.trueVelocityMmPerS(0), loadN / G));
        }
        if (latched) {
            s.stats.count("encoder decoupled: SR-25 latched");
            f.journal(String.format(Locale.ROOT, "SR-25 latched with the straps %.1f mm lower, the legs' load %.1f kg"
                    + " (%.1f kg when it began)", sankMm, loadN / G, decoupledLoadN / G));
            // (a distance in the latency table: "ms" read as mm)
            s.stats.latency("SR-25 unseen: straps sank (mm)", Math.round(sankMm * 1e6),
                    Math.round(UNSEEN_SINK_MM * 1e6));
            s.extendedEndNanos = now + 8_000 * MS;
            phase = 3;
            repairLater(now + (2_000 + rnd.nextLong(3_000)) * MS);
            return;
        }
        if (sankMm >= UNSEEN_SINK_MM && !sankReported) {
            // SPEC's 5 kg rule cannot promise 100 mm where 100 mm of sink changes the legs' load by less: a finding
            sankReported = true;
            s.stats.finding(s.seed, "SR-25 unseen: the straps sank 100 mm before the latch");
            f.journal(String.format(Locale.ROOT, "FINDING the straps sank %.1f mm unseen by the encoders and SR-25 has"
                    + " not latched: the legs' true load %.1f kg, %.1f kg when it began (%.1f kg of change)", sankMm,
                    loadN / G, decoupledLoadN / G, changeKg));
        }
        if (changeKg > UNSEEN_CHANGE_KG + UNSEEN_ORACLE_MARGIN_KG && !s.checker.pending(UNSEEN) && !unseenOpened) {
            // SPEC SR-25: loads changing by more than 5 kg with no encoder motion: a fault. Once the smoothed true
            // load is 1 kg past the 5 kg (breathing, sway, cell noise, the controller's own baseline), the latch is
            // due within 2 samples + margin
            unseenOpened = true;
            s.checker.open(new R7Checker.Reaction(UNSEEN, now, now + 2 * s.d.samplePeriodNanos() + s.d.marginNanos(),
                    x -> R7Checker.latched(x, SafetyRule.SR_25), String.format(Locale.ROOT, "the legs' true load"
                            + " (smoothed over 2 s) changed by %.1f kg (%.1f to %.1f kg) as the straps sank %.1f mm"
                            + " unseen", changeKg, decoupledLoadN / G, smoothedLoadN / G, sankMm)));
        }
        if (now >= s.extendedEndNanos - 6_000 * MS) {
            // the slip ran out (the client settled on the mat) before anything was due
            s.stats.count("encoder decoupled: not latched, load changed " + (changeKg > UNSEEN_CHANGE_KG ? "more" : "less")
                    + " than 5 kg by the end");
            phase = 3;
            repairLater(now + 1_000 * MS);
        }
    }


    private void repairLater(long atNanos) {
        nextNanos = Long.MAX_VALUE;
        repairAtNanos = atNanos;
    }

    private long repairAtNanos = Long.MAX_VALUE;

    /** The repair of the decoupled encoders, when due. */
    private void repairIfDue(long now) {
        if (now < repairAtNanos) {
            return;
        }
        repairAtNanos = Long.MAX_VALUE;
        RigHarness h = h();
        for (int w = 0; w < 2; w++) {
            Faults.encoderDecoupled(h.rig, w, false);
            Faults.brakeOk(h.rig, w);
        }
        f.journal("CLEAR encoders coupled again, brakes mended (the positions stay void until referenced)");
        s.quietUntilNanos = Long.MIN_VALUE;
        s.technicianReferencesAfter(now);
        s.extendedEndNanos = Math.max(s.extendedEndNanos, now + 6_000 * MS);
        phase = 0;
    }
}
