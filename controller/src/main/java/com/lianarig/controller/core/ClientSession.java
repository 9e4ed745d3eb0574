package com.lianarig.controller.core;

import com.lianarig.config.ConfigException;
import com.lianarig.config.profile.ClientProfile;
import com.lianarig.config.profile.Exercise;
import com.lianarig.config.profile.ProfileStore;
import com.lianarig.controller.aiming.BodyGeometry;
import com.lianarig.controller.aiming.ShareModel;
import com.lianarig.controller.aiming.UprightShareModel;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.SafetySupervisor;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * The client on the rig: attach (strapping in) for an exercise, client-ready (SR-2's mass, SR-17's
 * calibrations, SR-18's check, SR-25's loads), detach; the client's mass and the exercise's ceiling given
 * to the supervisor; the expected rope loads for the current heights from the exercise's model; SR-5's
 * loading-rate cap on the group that loads the client.
 *
 * <p>The inverted hang (the default) hangs the client in the leg straps: {@link ShareModel} gives the leg
 * ropes' load, SR-20 caps the leg pair, and the leg pair's ascent loads the client. The upright hang hangs
 * the client in the finger loops with the feet on the mat: {@link UprightShareModel} gives the loops' load
 * (the leg ropes are expected to carry nothing), the client's standing reach caps the loop winch, and the
 * loop winch's descent loads the client. Owner: the control thread.
 */
final class ClientSession {
    /** A client counts as off the mat (lifted in the straps) above this share of body weight on the leg ropes. */
    static final double OFF_THE_MAT_SHARE = 0.05;
    /** ... and above this load, kg (the straps and a little sway alone stay below). */
    static final double OFF_THE_MAT_KG = 5;
    /** SR-20: the measured share may exceed the model's share at the ceiling by this much of body weight. */
    static final double HEAD_LEAVING_MARGIN_SHARE = 0.05;
    /** SR-25 at client-ready: the strap loads must be within this fraction of the model's (once it expects enough). */
    static final double READY_TOLERANCE = 0.35;
    /** ... when the model expects more than this on the leg ropes, kg. */
    static final double READY_MIN_EXPECTED_KG = 10;
    private final RigModel model;
    private final SafetySupervisor safety;
    private final ModeMachine modes;
    private final EventLog log;
    private final ProfileStore profileStore;
    private final PreUseChecks preUse;
    private final Clock wallClock;
    private final double dtS;
    /** Each rope's load this control step, N (the controller's array, filled every step). */
    private final double[] loadsN;
    private final LoadingRateLimiter loadingRate = new LoadingRateLimiter();
    /** The leg-strap pair's group, or -1; the leg-strap ropes (cached: the step allocates nothing). */
    final int legGroup;
    private final int[] legRopes;
    private final double[] expected;
    /** The finger-loop ropes; the group of the first loop on a winch (the one aiming moves), or -1. */
    private final int[] loopRopes;
    final int loopGroup;
    /** Per winch: a finger loop hangs from it. */
    private final boolean[] loopWinch;
    private Aiming aiming;

    private ClientProfile client;
    private BodyGeometry body;
    private boolean ready;
    private Exercise exercise = Exercise.INVERTED_HANG;
    /** The upright hang's model for the attached client; null in the inverted hang. */
    private UprightShareModel upright;
    /** Upright: the highest unloaded height of a loop on a winch, mm (+inf when no upright client). */
    private double loopCeilingHeightMm = Double.POSITIVE_INFINITY;

    ClientSession(RigModel model, SafetySupervisor safety, ModeMachine modes, EventLog log, ProfileStore profileStore,
            PreUseChecks preUse, Clock wallClock, double[] loadsN) {
        this.model = model;
        this.safety = safety;
        this.modes = modes;
        this.log = log;
        this.profileStore = profileStore;
        this.preUse = preUse;
        this.wallClock = wallClock;
        this.dtS = 1.0 / model.limits().controlRateHz();
        this.loadsN = loadsN;
        this.legGroup = model.legPair().map(RigModel.Group::index).orElse(-1);
        this.legRopes = model.ropes().stream().filter(RigModel.RopeModel::legStrap).mapToInt(RigModel.RopeModel::index)
                .toArray();
        this.expected = new double[model.ropes().size()];
        this.loopRopes = model.ropes().stream().filter(r -> r.config().kind() == com.lianarig.config.rig.RopeKind.FINGER_LOOP)
                .mapToInt(RigModel.RopeModel::index).toArray();
        this.loopWinch = new boolean[model.winches().size()];
        int firstLoopGroup = -1;
        for (int r : loopRopes) {
            int w = model.rope(r).winch();
            if (w >= 0) {
                loopWinch[w] = true;
                if (firstLoopGroup < 0) {
                    firstLoopGroup = model.winch(w).group();
                }
            }
        }
        this.loopGroup = firstLoopGroup;
    }

    void bind(Aiming clientAiming) {
        this.aiming = clientAiming;
    }

    ClientProfile client() {
        return client;
    }

    BodyGeometry body() {
        return body;
    }

    /** A client is strapped in (READY or moving from it). */
    boolean ready() {
        return ready;
    }

    boolean present() {
        return client != null;
    }

    /** The attached client's exercise (the inverted hang when none is attached). */
    Exercise exercise() {
        return exercise;
    }

    /** The upright hang's model for the attached client; null unless the exercise is the upright hang. */
    UprightShareModel upright() {
        return upright;
    }

    /** The state to rest in when no motion runs: HOLDING, ATTACHING or READY. */
    Mode restingMode() {
        if (client == null) {
            return Mode.HOLDING;
        }
        return ready ? Mode.READY : Mode.ATTACHING;
    }

    // ------------------------------------------------------------------ commands

    Decision attach(String clientId, Exercise chosen) {
        Mode mode = modes.mode();
        if (mode != Mode.HOLDING && mode != Mode.READY && mode != Mode.ATTACHING) {
            return Decision.refuse(Refusal.WRONG_STATE, "attach needs HOLDING, ATTACHING or READY, not " + mode);
        }
        Optional<ClientProfile> p = load(clientId);
        if (p.isEmpty()) {
            return Decision.refuse(Refusal.UNKNOWN_CLIENT, "no client profile " + clientId);
        }
        if (chosen == Exercise.INVERTED_HANG && p.get().maxStrapHeightMm().isEmpty()) {
            return Decision.refuse(Refusal.OUT_OF_LIMITS, "client " + clientId
                    + " has no SR-20 maximum strap height: set it in the profile first");
        }
        String tooHigh = p.get().maxStrapHeightMm().isPresent() ? ceilingAboveStature(p.get()) : null;
        if (tooHigh != null) {
            return Decision.refuse(Refusal.OUT_OF_LIMITS, tooHigh);
        }
        double loopCeilingMm = Double.POSITIVE_INFINITY;
        if (chosen == Exercise.UPRIGHT_HANG) {
            if (loopRopes.length == 0) {
                return Decision.refuse(Refusal.UNKNOWN_TARGET, "this rig has no finger loops for the upright hang");
            }
            loopCeilingMm = loopCeilingHeightMm(UprightShareModel.of(p.get().statureMm()));
            String cannotStand = cannotStand(p.get(), loopCeilingMm);
            if (cannotStand != null) {
                return Decision.refuse(Refusal.OUT_OF_LIMITS, cannotStand);
            }
        }
        String hanging = offTheMat();
        if (hanging != null) {
            return Decision.refuse(Refusal.WRONG_STATE, hanging + ": lower them to the mat before attaching a client"
                    + " again (SR-20: the ceiling must be the hanging body's)");
        }
        boolean exerciseChanged = client != null && client.id().equals(clientId) && exercise != chosen;
        exercise = chosen;
        loopCeilingHeightMm = loopCeilingMm;
        set(p.get());
        if (exerciseChanged || chosen != Exercise.INVERTED_HANG) {
            // the default (inverted) exercise stays implicit in the journal, as before exercises were chosen
            log.record("client", Json.of("event", "exercise", "client", clientId, "exercise", chosen.id()));
        }
        ready(false);
        modes.enter(Mode.ATTACHING, "strapping in client " + clientId
                + (chosen == Exercise.UPRIGHT_HANG ? " (upright hang in the finger loops)" : ""));
        return Decision.accept("attaching " + clientId + " for the " + chosen.id());
    }

    /**
     * Upright hang, the SR-20 analogue: the highest unloaded height of a loop on a winch at which the client
     * still stands under the loops, mm. Both the loop itself and the loops' mean (where the body hangs) stay
     * at or below the client's standing reach; with the loops on winches at this height and the fixed loops
     * where they are, the mean is at the reach at most. Allocation-free apart from the caller's model.
     */
    private double loopCeilingHeightMm(UprightShareModel m) {
        double reachMm = m.standingReachMm();
        int onWinches = 0;
        double fixedSumMm = 0;
        for (int r : loopRopes) {
            if (model.rope(r).winch() >= 0) {
                onWinches++;
            } else {
                fixedSumMm += model.rope(r).config().fixedHeightMm().orElse(0);
            }
        }
        if (onWinches == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.min(reachMm, (loopRopes.length * reachMm - fixedSumMm) / onWinches);
    }

    /**
     * Upright hang: why the loops cannot be brought low enough for this client to stand under them (the loop
     * winch's lowest height above the ceiling, or fixed loops alone above the reach), or null.
     */
    private String cannotStand(ClientProfile p, double loopCeilingMm) {
        UprightShareModel m = UprightShareModel.of(p.statureMm());
        double lowestMm = Double.NEGATIVE_INFINITY;
        double fixedSumMm = 0;
        int fixed = 0;
        for (int r : loopRopes) {
            int w = model.rope(r).winch();
            if (w >= 0) {
                var c = model.winch(w).config();
                lowestMm = Math.max(lowestMm, c.baseHeightMm() + c.softLowMm());
            } else {
                fixedSumMm += model.rope(r).config().fixedHeightMm().orElse(0);
                fixed++;
            }
        }
        if (fixed == loopRopes.length && fixedSumMm / fixed > m.standingReachMm()) {
            return String.format(java.util.Locale.ROOT, "the finger loops hang at %.0f mm on average, above client %s's"
                    + " standing reach of %.0f mm: the client cannot stand under them", fixedSumMm / fixed, p.id(),
                    m.standingReachMm());
        }
        if (lowestMm > loopCeilingMm) {
            return String.format(java.util.Locale.ROOT, "the finger loops cannot come low enough for client %s to stand"
                    + " under them: the loop winch's lowest height is %.0f mm, the client's standing reach allows %.0f mm",
                    p.id(), lowestMm, loopCeilingMm);
        }
        return null;
    }

    /**
     * SR-20: a ceiling above what the client's stature allows: with the straps at the ankles, the head and
     * shoulders stay on the mat while the strap is no higher than the ankle-to-C7 length of the body (the
     * profile's measured cervicale where it has one). The reason, or null.
     */
    static String ceilingAboveStature(ClientProfile p) {
        double ceilingMm = p.maxStrapHeightMm().orElse(Double.NaN);
        double allowedMm = maxCeilingMm(p);
        if (ceilingMm > allowedMm) {
            return String.format(java.util.Locale.ROOT, "client %s's SR-20 maximum strap height %.0f mm is above what"
                    + " a stature of %.0f mm allows (%.0f mm: higher, the head and shoulders leave the mat): lower it"
                    + " in the profile", p.id(), ceilingMm, p.statureMm(), allowedMm);
        }
        return null;
    }

    /** SR-20: the highest strap height the client's body allows with head and shoulders on the mat, mm. */
    static double maxCeilingMm(ClientProfile p) {
        return BodyGeometry.of(p).ankleToLevelMm(0);
    }

    private Optional<ClientProfile> load(String id) {
        try {
            return profileStore.load(id);
        } catch (ConfigException e) {
            log.record("warning", Json.of("what", "client profile " + id + " unreadable: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private void set(ClientProfile p) {
        if (client != null && (p == null || !p.id().equals(client.id()))) {
            log.record("client", Json.of("event", "detached", "client", client.id()));
        }
        if (p != null && (client == null || !p.id().equals(client.id()))) {
            log.record("client", Json.of("event", "attached", "client", p.id()));
        }
        client = p;
        body = p == null ? null : BodyGeometry.of(p);
        if (p == null) {
            exercise = Exercise.INVERTED_HANG;
            loopCeilingHeightMm = Double.POSITIVE_INFINITY;
        }
        upright = p != null && exercise == Exercise.UPRIGHT_HANG ? UprightShareModel.of(p.statureMm()) : null;
        // the upright hang's ceiling: the loops no higher than the client can stand under (unloaded heights: a
        // loaded loop hangs lower)
        safety.client().setLoopCeilingHeightMm(upright != null ? loopCeilingHeightMm : Double.POSITIVE_INFINITY);
        safety.client().setClientMassKg(p == null ? Double.NaN : p.massKg());
        loadingRate.reset();
        if (p != null && legGroup >= 0 && p.maxStrapHeightMm().isPresent()) {
            // SR-20: the strap's height limit as a winch position (unloaded: the strap hangs lower when loaded),
            // and the measured share that shows the head leaving the mat (the model's share there + 0.05)
            double ceilingMm = p.maxStrapHeightMm().getAsDouble();
            safety.client().setStrapCeilingMm(ceilingMm - baseHeightMm(legGroup));
            safety.client().setHeadOffMatShare(ShareModel.atStrapHeight(body, ceilingMm, 0) + HEAD_LEAVING_MARGIN_SHARE);
        } else {
            safety.client().setStrapCeilingMm(Double.POSITIVE_INFINITY);
            safety.client().setHeadOffMatShare(Double.NaN);
        }
        aiming.forget();
    }

    Decision clientReady() {
        if (modes.mode() != Mode.ATTACHING) {
            return Decision.refuse(Refusal.WRONG_STATE, "READY comes from ATTACHING, not " + modes.mode());
        }
        if (client == null) {
            return Decision.refuse(Refusal.NO_CLIENT, "no client mass: attach a client first (SR-2)");
        }
        for (RigModel.RopeModel r : model.ropes()) {
            if (!safety.view().calibrated(r.index())) {
                String why = safety.view().whyUncalibrated(r.index());
                return Decision.refuse(Refusal.CALIBRATION_MISSING, "rope " + r.config().id() + " (channel "
                        + r.channel() + ") has no valid calibration (SR-17)" + (why == null ? "" : ": " + why));
            }
        }
        String notDone = preUse.notDoneToday(wallClock); // SR-18, from a trusted date
        if (notDone != null) {
            return Decision.refuse(Refusal.PRE_USE_CHECK_MISSING, notDone);
        }
        String implausible = loadsImplausible();
        if (implausible != null) {
            return Decision.refuse(Refusal.LOADS_IMPLAUSIBLE, implausible);
        }
        ready(true);
        modes.enter(Mode.READY, "client " + client.id() + " strapped in");
        return Decision.accept("ready");
    }

    Decision detach() {
        if (modes.mode() == Mode.READY) {
            ready(false);
            modes.enter(Mode.ATTACHING, "strapping out client " + client.id());
            return Decision.accept("strapping out");
        }
        if (modes.mode() == Mode.ATTACHING) {
            String id = client == null ? "" : client.id();
            set(null);
            ready(false);
            modes.enter(Mode.HOLDING, "client " + id + " strapped out");
            return Decision.accept("client strapped out");
        }
        return Decision.refuse(Refusal.WRONG_STATE, "detach needs READY or ATTACHING, not " + modes.mode());
    }

    private void ready(boolean strappedIn) {
        ready = strappedIn;
        safety.client().setClientSettled(strappedIn);
    }

    /**
     * SR-25 at client-ready: the measured strap loads must fit the profile's mass. Where the model expects
     * more than {@value #READY_MIN_EXPECTED_KG} kg on the leg ropes they must carry it within
     * +-{@value #READY_TOLERANCE} of it; anywhere, no more than SR-2 would allow (expected + max(15 kg, 20 %
     * of body weight)): a heavier client than the profile says, the wrong profile, a mis-scaled cell. The
     * reason, or null.
     */
    private String loadsImplausible() {
        if (upright != null) {
            return uprightLoadsImplausible();
        }
        if (legGroup < 0 || !legsTrusted()) {
            return null;
        }
        updateExpectedLoads();
        double expectedN = 0;
        for (int r : legRopes) {
            expectedN += expected[r];
        }
        double measuredN = legLoadN();
        if (Double.isNaN(measuredN)) {
            return "the leg ropes' loads are not known yet (SR-25: they must fit the profile's mass)";
        }
        double g = RigModel.G_MPS2;
        var l = model.limits();
        double marginN = Math.max(l.extraLoadMarginKg() * g, l.extraLoadMarginPercentOfBody() / 100 * client.massKg() * g);
        boolean tooFar = expectedN > READY_MIN_EXPECTED_KG * g && Math.abs(measuredN - expectedN) > READY_TOLERANCE * expectedN;
        if (tooFar || measuredN > expectedN + marginN) {
            return String.format(java.util.Locale.ROOT, "the leg ropes carry %.1f kg where a client of %.1f kg at this"
                    + " height puts %.1f kg on them (SR-25): check that this is the client's profile and mass, and the"
                    + " load cells' calibration", measuredN / g, client.massKg(), expectedN / g);
        }
        return null;
    }

    /**
     * SR-25 at client-ready, upright hang: what the client lets hang is theirs to choose, so the loads fit the
     * profile when the loops carry no more than the model's most for their height and the leg straps nothing,
     * each within SR-2's margin (expected + max(15 kg, 20 % of body weight)): more is a heavier client than the
     * profile says, someone else on the rig, or a cell that reads high. (A cell reading low cannot be told from
     * a client who stands: SR-17's calibration and SR-18's daily zero check stand for that.) The reason, or null.
     */
    private String uprightLoadsImplausible() {
        if (!loopsTrusted()) {
            return null;
        }
        updateExpectedLoads();
        double g = RigModel.G_MPS2;
        var l = model.limits();
        double marginN = Math.max(l.extraLoadMarginKg() * g, l.extraLoadMarginPercentOfBody() / 100 * client.massKg() * g);
        double loopsN = loopLoadN();
        double legsN = legGroup >= 0 ? legLoadN() : 0;
        if (Double.isNaN(loopsN) || Double.isNaN(legsN)) {
            return "the finger loops' and leg ropes' loads are not known yet (SR-25: they must fit the profile's mass)";
        }
        double expectedLoopsN = 0;
        for (int r : loopRopes) {
            expectedLoopsN += expected[r];
        }
        if (loopsN > expectedLoopsN + marginN) {
            return String.format(java.util.Locale.ROOT, "the finger loops carry %.1f kg where a client of %.1f kg with"
                    + " the feet on the mat lets at most %.1f kg hang at this loop height (SR-25): check that this is"
                    + " the client's profile and mass, that no one else holds a loop, and the load cells' calibration",
                    loopsN / g, client.massKg(), expectedLoopsN / g);
        }
        if (legsN > marginN) {
            return String.format(java.util.Locale.ROOT, "the leg ropes carry %.1f kg, but client %s is attached for"
                    + " the upright hang in the finger loops (SR-25): attach for the inverted hang, or take the load"
                    + " off the straps", legsN / g, client.id());
        }
        return null;
    }

    /**
     * SR-20: whether the attached client hangs off the mat (the leg ropes carry more than {@link #OFF_THE_MAT_SHARE}
     * of their body weight, at least {@link #OFF_THE_MAT_KG}): then the client may not be changed or re-attached,
     * since that would change the ceiling of the body that hangs. (Strapping out stays possible: with no client
     * the ropes are expected to carry nothing, so a body still hanging trips SR-2.) The reason, or null.
     */
    private String offTheMat() {
        if (client == null) {
            return null;
        }
        double limitKg = Math.max(OFF_THE_MAT_KG, OFF_THE_MAT_SHARE * client.massKg());
        if (upright != null) {
            // upright: the client hangs in the finger loops; a new exercise or client would change the model of
            // the load on them (and its ceiling) under a hanging body
            double loopKg = loopLoadN() / RigModel.G_MPS2;
            if (!(loopKg <= limitKg)) {
                return String.format(java.util.Locale.ROOT, "client %s hangs in the finger loops (they carry %.1f kg)",
                        client.id(), loopKg);
            }
            return null;
        }
        if (legGroup < 0) {
            return null;
        }
        double legKg = legLoadN() / RigModel.G_MPS2;
        if (!(legKg <= limitKg)) {
            return String.format(java.util.Locale.ROOT, "client %s hangs (the leg ropes carry %.1f kg)", client.id(),
                    legKg);
        }
        return null;
    }

    /** The client's profile was updated (a saved offset). */
    void updated(ClientProfile p) {
        client = p;
    }

    // ------------------------------------------------------------------ loads and heights

    /** Total load on the leg-strap ropes this step, N (NaN when unknown). */
    double legLoadN() {
        double sum = 0;
        for (int r : legRopes) {
            sum += loadsN[r];
        }
        return sum;
    }

    /** Total load on the finger-loop ropes this step, N (NaN when unknown). */
    double loopLoadN() {
        double sum = 0;
        for (int r : loopRopes) {
            sum += loadsN[r];
        }
        return sum;
    }

    /** The finger loops' share of the client's body weight, NaN without a client. */
    double loopShare() {
        return client == null ? Double.NaN : loopLoadN() / (client.massKg() * RigModel.G_MPS2);
    }

    /**
     * The finger loops' mean loaded height above the mat, mm: each loop's unloaded height (its winch's base
     * height + position, or its fixed point) less its rope's stretch under the measured load.
     */
    double loopMeanHeightMm() {
        double sumMm = 0;
        for (int r : loopRopes) {
            sumMm += loopUnloadedHeightMm(r) - stretchMm(r);
        }
        return sumMm / loopRopes.length;
    }

    private double loopUnloadedHeightMm(int rope) {
        RigModel.RopeModel m = model.rope(rope);
        return m.winch() >= 0 ? model.winch(m.winch()).config().baseHeightMm() + safety.view().positionMm(m.winch())
                : m.config().fixedHeightMm().orElse(0);
    }

    private double stretchMm(int rope) {
        double loadN = loadsN[rope];
        return Double.isNaN(loadN) ? 0 : Math.max(0, loadN) / model.rope(rope).config().stiffnessNPerMm();
    }

    /**
     * The winch-loop unloaded height that puts the loops' mean at {@code meanMm}, mm: the loops on winches
     * (all in {@link #loopGroup}) move together, the fixed loops stay.
     */
    double loopWinchHeightForMeanMm(double meanMm) {
        int onWinches = 0;
        double fixedSumMm = 0;
        for (int r : loopRopes) {
            if (model.rope(r).winch() >= 0) {
                onWinches++;
            } else {
                fixedSumMm += loopUnloadedHeightMm(r);
            }
        }
        return (loopRopes.length * meanMm - fixedSumMm) / onWinches;
    }

    /** How many mm the loops' mean moves per mm of the loop winch, 0..1. */
    double loopMeanPerWinchMm() {
        int onWinches = 0;
        for (int r : loopRopes) {
            if (model.rope(r).winch() >= 0) {
                onWinches++;
            }
        }
        return loopRopes.length == 0 ? 0 : (double) onWinches / loopRopes.length;
    }

    /** The leg ropes' share of the client's body weight, NaN without a client. */
    double legShare() {
        return client == null ? Double.NaN : legLoadN() / (client.massKg() * RigModel.G_MPS2);
    }

    /** Loaded strap height of a group above the mat, mm: unloaded height minus the rope stretch. */
    double strapHeightMm(int g, double legLoadN) {
        int lead = model.group(g).winches()[0];
        double stretchMm = 0;
        int rope = model.ropeOfWinch(lead);
        if (rope >= 0 && !Double.isNaN(legLoadN)) {
            stretchMm = Math.max(0, legLoadN / 2) / model.rope(rope).config().stiffnessNPerMm();
        }
        return baseHeightMm(g) + safety.view().positionMm(lead) - stretchMm;
    }

    /**
     * The expected rope loads for the current heights (model share x body weight), given to the supervisor.
     * While the leg pair's positions are void (SR-23) the heights are unknown: the last expected loads stay
     * (the brakes held the client where they were computed; a rescue descent only lowers, so they are high).
     */
    void updateExpectedLoads() {
        if (upright != null) {
            updateExpectedUprightLoads();
            return;
        }
        if (client != null && legGroup >= 0 && !legsTrusted()) {
            safety.client().setExpectedLoadsN(expected);
            return;
        }
        Arrays.fill(expected, 0);
        if (client != null && legGroup >= 0) {
            double legLoadN = legLoadN();
            double share = ShareModel.atStrapHeight(body, strapHeightMm(legGroup, Double.isNaN(legLoadN) ? 0 : legLoadN),
                    0);
            double totalN = share * client.massKg() * RigModel.G_MPS2;
            for (int r : legRopes) {
                expected[r] = totalN / legRopes.length;
            }
        }
        safety.client().setExpectedLoadsN(expected);
    }

    /**
     * Upright hang: the finger loops are expected to carry the {@link UprightShareModel}'s share at their mean
     * loaded height, split evenly; the leg ropes nothing. While a loop winch's position is void (SR-23) the last
     * expected loads stay, as in the inverted hang.
     */
    private void updateExpectedUprightLoads() {
        if (!loopsTrusted()) {
            safety.client().setExpectedLoadsN(expected);
            return;
        }
        Arrays.fill(expected, 0);
        double totalN = upright.expectedShare(loopMeanHeightMm()) * client.massKg() * RigModel.G_MPS2;
        for (int r : loopRopes) {
            expected[r] = totalN / loopRopes.length;
        }
        safety.client().setExpectedLoadsN(expected);
    }

    private boolean loopsTrusted() {
        for (int r : loopRopes) {
            int w = model.rope(r).winch();
            if (w >= 0 && !safety.view().trusted(w)) {
                return false;
            }
        }
        return true;
    }

    private boolean legsTrusted() {
        for (int w : model.group(legGroup).winches()) {
            if (!safety.view().trusted(w)) {
                return false;
            }
        }
        return true;
    }

    /** SR-5: the ascent cap while the client is being loaded, mm/s; +inf when it does not apply to the group. */
    double loadingCapMmPerS(int g) {
        if (client == null || !ready || g != legGroup || upright != null) {
            return Double.POSITIVE_INFINITY;
        }
        double legLoadN = legLoadN();
        return loadingRate.ascentCapMmPerS(body, client.massKg(), strapHeightMm(g, legLoadN), 0, legLoadN,
                model.limits().loadingRatePercentPerS(), dtS);
    }

    /**
     * SR-5, upright hang: the descent cap of the loop winch while the client is being loaded (lowering the loops
     * loads them), mm/s; +inf when it does not apply to the group.
     */
    double loadingDownCapMmPerS(int g) {
        if (upright == null || !ready || g != loopGroup) {
            return Double.POSITIVE_INFINITY;
        }
        return loadingRate.descentCapMmPerS(upright, client.massKg(), loopMeanHeightMm(), loopMeanPerWinchMm(),
                loopLoadN(), model.limits().loadingRatePercentPerS());
    }

    /** A new motion: SR-5's measured gradient starts again. */
    void motionStarted() {
        loadingRate.reset();
    }

    /** SR-20: the highest lead-winch position of group {@code g} the client's ceiling allows, mm; +inf when none. */
    double ceilingPositionMm(int g) {
        if (g == legGroup && client != null && client.maxStrapHeightMm().isPresent()) {
            return client.maxStrapHeightMm().getAsDouble() - baseHeightMm(g);
        }
        if (upright != null && groupHasLoop(g)) {
            return loopCeilingHeightMm - baseHeightMm(g);
        }
        return Double.POSITIVE_INFINITY;
    }

    /** What caps group {@code g} for the client, in words (for a refusal or a clamp note). */
    String ceilingName(int g) {
        return upright != null && groupHasLoop(g) ? "the client's standing reach under the finger loops"
                : "the client's SR-20 maximum strap height";
    }

    private boolean groupHasLoop(int g) {
        for (int w : model.group(g).winches()) {
            if (loopWinch[w]) {
                return true;
            }
        }
        return false;
    }

    double baseHeightMm(int g) {
        return model.winch(model.group(g).winches()[0]).config().baseHeightMm();
    }
}
