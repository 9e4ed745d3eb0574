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
 * loop winch's descent loads the client. The finger loops' geometry is {@link FingerLoops}'; the checks
 * against the measured loads and the body (SR-20 at attach, SR-25 at client-ready) are {@link ClientChecks}'.
 * Owner: the control thread.
 */
final class ClientSession {
    /** SR-20: the measured share may exceed the model's share at the ceiling by this much of body weight. */
    static final double HEAD_LEAVING_MARGIN_SHARE = 0.05;
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
    /** The finger loops (the upright hang). */
    final FingerLoops loops;
    /** The group of the first finger loop on a winch (the one aiming moves), or -1. */
    final int loopGroup;
    private final ClientChecks checks;
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
        this.loops = new FingerLoops(model, safety.view(), loadsN);
        this.loopGroup = loops.group;
        this.checks = new ClientChecks(model, this, loops);
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
        String tooHigh = p.get().maxStrapHeightMm().isPresent() ? ClientChecks.ceilingAboveStature(p.get()) : null;
        if (tooHigh != null) {
            return Decision.refuse(Refusal.OUT_OF_LIMITS, tooHigh);
        }
        double loopCeilingMm = Double.POSITIVE_INFINITY;
        if (chosen == Exercise.UPRIGHT_HANG) {
            if (loops.ropes.length == 0) {
                return Decision.refuse(Refusal.UNKNOWN_TARGET, "this rig has no finger loops for the upright hang");
            }
            loopCeilingMm = loops.ceilingHeightMm(UprightShareModel.of(p.get().statureMm()));
            String cannotStand = loops.cannotStand(p.get(), loopCeilingMm);
            if (cannotStand != null) {
                return Decision.refuse(Refusal.OUT_OF_LIMITS, cannotStand);
            }
        }
        String hanging = checks.offTheMat();
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
        String implausible = checks.loadsImplausible();
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

    /** The expected load on the leg-strap ropes as last computed, N. */
    double expectedLegLoadN() {
        double sum = 0;
        for (int r : legRopes) {
            sum += expected[r];
        }
        return sum;
    }

    /** The expected load on the finger-loop ropes as last computed, N. */
    double expectedLoopLoadN() {
        double sum = 0;
        for (int r : loops.ropes) {
            sum += expected[r];
        }
        return sum;
    }

    /** The finger loops' share of the client's body weight, NaN without a client. */
    double loopShare() {
        return client == null ? Double.NaN : loops.loadN() / (client.massKg() * RigModel.G_MPS2);
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
        if (!loops.trusted()) {
            safety.client().setExpectedLoadsN(expected);
            return;
        }
        Arrays.fill(expected, 0);
        double totalN = upright.expectedShare(loops.meanHeightMm()) * client.massKg() * RigModel.G_MPS2;
        for (int r : loops.ropes) {
            expected[r] = totalN / loops.ropes.length;
        }
        safety.client().setExpectedLoadsN(expected);
    }

    /** SR-23: whether both leg winches' positions are trusted. */
    boolean legsTrusted() {
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
        return loadingRate.descentCapMmPerS(upright, client.massKg(), loops.meanHeightMm(), loops.meanPerWinchMm(),
                loops.loadN(), model.limits().loadingRatePercentPerS());
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
        if (upright != null && loops.inGroup(g)) {
            return loopCeilingHeightMm - baseHeightMm(g);
        }
        return Double.POSITIVE_INFINITY;
    }

    /** What caps group {@code g} for the client, in words (for a refusal or a clamp note). */
    String ceilingName(int g) {
        return upright != null && loops.inGroup(g) ? "the client's standing reach under the finger loops"
                : "the client's SR-20 maximum strap height";
    }

    double baseHeightMm(int g) {
        return model.winch(model.group(g).winches()[0]).config().baseHeightMm();
    }
}
