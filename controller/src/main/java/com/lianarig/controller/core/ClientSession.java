package com.lianarig.controller.core;

import com.lianarig.config.ConfigException;
import com.lianarig.config.profile.ClientProfile;
import com.lianarig.config.profile.ProfileStore;
import com.lianarig.controller.aiming.BodyGeometry;
import com.lianarig.controller.aiming.ShareModel;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.SafetySupervisor;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

/**
 * The client on the rig: attach (strapping in), client-ready (SR-2's mass, SR-17's calibrations, SR-18's
 * check), detach; the client's mass and SR-20 ceiling given to the supervisor; the expected rope loads
 * for the current heights; SR-5's loading-rate cap. Owner: the control thread.
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
    private Aiming aiming;

    private ClientProfile client;
    private BodyGeometry body;
    private boolean ready;

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

    /** The state to rest in when no motion runs: HOLDING, ATTACHING or READY. */
    Mode restingMode() {
        if (client == null) {
            return Mode.HOLDING;
        }
        return ready ? Mode.READY : Mode.ATTACHING;
    }

    // ------------------------------------------------------------------ commands

    Decision attach(String clientId) {
        Mode mode = modes.mode();
        if (mode != Mode.HOLDING && mode != Mode.READY && mode != Mode.ATTACHING) {
            return Decision.refuse(Refusal.WRONG_STATE, "attach needs HOLDING, ATTACHING or READY, not " + mode);
        }
        Optional<ClientProfile> p = load(clientId);
        if (p.isEmpty()) {
            return Decision.refuse(Refusal.UNKNOWN_CLIENT, "no client profile " + clientId);
        }
        if (p.get().maxStrapHeightMm().isEmpty()) {
            return Decision.refuse(Refusal.OUT_OF_LIMITS, "client " + clientId
                    + " has no SR-20 maximum strap height: set it in the profile first");
        }
        String tooHigh = ceilingAboveStature(p.get());
        if (tooHigh != null) {
            return Decision.refuse(Refusal.OUT_OF_LIMITS, tooHigh);
        }
        String hanging = offTheMat();
        if (hanging != null) {
            return Decision.refuse(Refusal.WRONG_STATE, hanging + ": lower them to the mat before attaching a client"
                    + " again (SR-20: the ceiling must be the hanging body's)");
        }
        set(p.get());
        ready(false);
        modes.enter(Mode.ATTACHING, "strapping in client " + clientId);
        return Decision.accept("attaching " + clientId);
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
        safety.setClientMassKg(p == null ? Double.NaN : p.massKg());
        loadingRate.reset();
        if (p != null && legGroup >= 0 && p.maxStrapHeightMm().isPresent()) {
            // SR-20: the strap's height limit as a winch position (unloaded: the strap hangs lower when loaded),
            // and the measured share that shows the head leaving the mat (the model's share there + 0.05)
            double ceilingMm = p.maxStrapHeightMm().getAsDouble();
            safety.setStrapCeilingMm(ceilingMm - baseHeightMm(legGroup));
            safety.setHeadOffMatShare(ShareModel.atStrapHeight(body, ceilingMm, 0) + HEAD_LEAVING_MARGIN_SHARE);
        } else {
            safety.setStrapCeilingMm(Double.POSITIVE_INFINITY);
            safety.setHeadOffMatShare(Double.NaN);
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
            if (!safety.calibrated(r.index())) {
                return Decision.refuse(Refusal.CALIBRATION_MISSING, "rope " + r.config().id() + " (channel "
                        + r.channel() + ") has no valid calibration (SR-17)");
            }
        }
        Optional<LocalDate> checked = preUse.lastPassed();
        LocalDate today = LocalDate.now(wallClock);
        if (checked.isEmpty() || !checked.get().equals(today)) {
            return Decision.refuse(Refusal.PRE_USE_CHECK_MISSING, "today's pre-use check is not done"
                    + checked.map(d -> " (last " + d + ")").orElse("") + " (SR-18)");
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
        safety.setClientSettled(strappedIn);
    }

    /**
     * SR-25 at client-ready: the measured strap loads must fit the profile's mass. Where the model expects
     * more than {@value #READY_MIN_EXPECTED_KG} kg on the leg ropes they must carry it within
     * +-{@value #READY_TOLERANCE} of it; anywhere, no more than SR-2 would allow (expected + max(15 kg, 20 %
     * of body weight)): a heavier client than the profile says, the wrong profile, a mis-scaled cell. The
     * reason, or null.
     */
    private String loadsImplausible() {
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
     * SR-20: whether the attached client hangs off the mat (the leg ropes carry more than {@link #OFF_THE_MAT_SHARE}
     * of their body weight, at least {@link #OFF_THE_MAT_KG}): then the client may not be changed or re-attached,
     * since that would change the ceiling of the body that hangs. (Strapping out stays possible: with no client
     * the ropes are expected to carry nothing, so a body still hanging trips SR-2.) The reason, or null.
     */
    private String offTheMat() {
        if (client == null || legGroup < 0) {
            return null;
        }
        double legKg = legLoadN() / RigModel.G_MPS2;
        double limitKg = Math.max(OFF_THE_MAT_KG, OFF_THE_MAT_SHARE * client.massKg());
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
        return baseHeightMm(g) + safety.positionMm(lead) - stretchMm;
    }

    /**
     * The expected rope loads for the current heights (model share x body weight), given to the supervisor.
     * While the leg pair's positions are void (SR-23) the heights are unknown: the last expected loads stay
     * (the brakes held the client where they were computed; a rescue descent only lowers, so they are high).
     */
    void updateExpectedLoads() {
        if (client != null && legGroup >= 0 && !legsTrusted()) {
            safety.setExpectedLoadsN(expected);
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
        safety.setExpectedLoadsN(expected);
    }

    private boolean legsTrusted() {
        for (int w : model.group(legGroup).winches()) {
            if (!safety.trusted(w)) {
                return false;
            }
        }
        return true;
    }

    /** SR-5: the ascent cap while the client is being loaded, mm/s; +inf when it does not apply to the group. */
    double loadingCapMmPerS(int g) {
        if (client == null || !ready || g != legGroup) {
            return Double.POSITIVE_INFINITY;
        }
        double legLoadN = legLoadN();
        return loadingRate.ascentCapMmPerS(body, client.massKg(), strapHeightMm(g, legLoadN), 0, legLoadN,
                model.limits().loadingRatePercentPerS(), dtS);
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
        return Double.POSITIVE_INFINITY;
    }

    double baseHeightMm(int g) {
        return model.winch(model.group(g).winches()[0]).config().baseHeightMm();
    }
}
