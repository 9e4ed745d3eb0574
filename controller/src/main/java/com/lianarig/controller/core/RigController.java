package com.lianarig.controller.core;

import com.lianarig.config.ConfigException;
import com.lianarig.config.SpineSegment;
import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.profile.ClientProfile;
import com.lianarig.config.profile.ExercisePreset;
import com.lianarig.config.profile.ProfileStore;
import com.lianarig.config.rig.Limits;
import com.lianarig.controller.aiming.BodyGeometry;
import com.lianarig.controller.aiming.GeometricEstimate;
import com.lianarig.controller.aiming.HeightProposal;
import com.lianarig.controller.aiming.HeightRefiner;
import com.lianarig.controller.aiming.RefinementTarget;
import com.lianarig.controller.aiming.RefinerSettings;
import com.lianarig.controller.aiming.SegmentMassTable;
import com.lianarig.controller.aiming.ShareModel;
import com.lianarig.controller.aiming.StrapGeometry;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.motion.MotionLimits;
import com.lianarig.controller.motion.SCurveAxis;
import com.lianarig.controller.rig.RigIo;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.Drives;
import com.lianarig.controller.safety.Fault;
import com.lianarig.controller.safety.MotionKind;
import com.lianarig.controller.safety.ResetRole;
import com.lianarig.controller.safety.SafetyListener;
import com.lianarig.controller.safety.SafetyRule;
import com.lianarig.controller.safety.SafetySupervisor;
import com.lianarig.controller.safety.SafetySupervisor.GroupState;
import com.lianarig.hal.node.NodeInfo;
import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.BrakeTestOutcome;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.link.LinkFault;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * The rig's control logic: the state machine of SPEC section 4, the command model's decisions,
 * jerk-limited motion of each group through the {@link SafetySupervisor}, aiming and its
 * refinement, session programs, SR-21's inverted-time alarm and SR-18's pre-use check.
 *
 * <p>One owner thread (the control loop) calls {@link #step} at the control rate; commands from
 * other threads go through {@link #submit} and are decided at the start of the next step, their
 * {@link Decision} completing the returned future. {@link #decide} decides at once on the owner
 * thread (tests on a stepped clock). {@link #status} copies the state for readers on any thread.
 */
public final class RigController implements RigIo.Events, SafetyListener {
    /** How long a brake release may take before the motion is given up, ns. */
    static final long RELEASE_TIMEOUT_NANOS = 1_000_000_000L;
    /** Loads settle this long at an aimed height before the refinement reads the share, ns. */
    static final long REFINE_SETTLE_NANOS = 1_500_000_000L;
    /** Refinement steps before it gives up converging. */
    static final int MAX_REFINE_STEPS = 12;
    /** Leg ropes carrying more than this share of body weight count as "inverted" for SR-21. */
    static final double INVERTED_SHARE = 0.15;
    /** SR-18 brake test: torque, per mille of rated; duration, ms; movement allowed, mm. */
    static final int BRAKE_TEST_TORQUE_PERMILLE = 600;
    static final int BRAKE_TEST_DURATION_MS = 1000;
    static final double BRAKE_TEST_MAX_MOVEMENT_MM = 1.0;
    /** Rest between program repetitions, s. */
    static final double PROGRAM_REST_S = 3;
    /**
     * A rope counts as loaded (journalled "rope-load", for the maintenance hours under load) above
     * {@code LOADED_ON_N} and unloaded again below {@code LOADED_OFF_N}: the gap keeps noise from
     * filling the journal.
     */
    static final double LOADED_ON_N = 98;
    static final double LOADED_OFF_N = 49;

    /** What a group's motion is for. */
    enum Purpose {
        MOVE,
        AIM,
        JOG,
        RESCUE,
        PROGRAM
    }

    private record Pending(Command command, Issuer issuer, CompletableFuture<Decision> reply) {
    }

    private final RigModel model;
    private final SafetySupervisor safety;
    private final EventLog log;
    private final Function<String, Optional<ClientProfile>> profiles;
    private final ProfileStore profileStore;
    private final PreUseChecks preUse;
    private final Clock wallClock;
    private final boolean simulated;
    private final Limits limits;
    private final double dtS;
    /** The answers to a hold-to-run enable refresh (10 Hz from a panel): shared, nothing allocated per refresh. */
    private static final Decision ENABLE_LIVE = Decision.accept("enable live");
    private static final Decision ENABLE_RELEASED = Decision.accept("enable released");
    private static final Decision ALIVE = Decision.accept("heard");
    private final ConcurrentLinkedQueue<Pending> commands = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> events = new ConcurrentLinkedQueue<>();
    private final HeightRefiner refiner;
    private final LoadingRateLimiter loadingRate = new LoadingRateLimiter();

    // ---- owner thread (and status() under the lock) ----
    private Mode mode = Mode.STARTING;
    private String modeReason = "service started: connecting to the nodes (SR-15: nothing moves)";
    private String owner;
    private ClientProfile client;
    private BodyGeometry body;
    private boolean clientReady;
    private SpineSegment aimedSegment;
    private double aimedHeightMm = Double.NaN;
    private boolean refining;
    private int refineSteps;
    private long refineAtNanos;
    private final SCurveAxis[] axis;
    private final boolean[] active;
    private final boolean[] following;
    private final boolean[] pausedForEnable;
    private final boolean[] stoppingForEnable;
    private final Purpose[] purpose;
    private final MotionKind[] kind;
    private final double[] lastAxisMm;
    private final double[] targetMm;
    private final int[] jogSign;
    private final long[] releaseAtNanos;
    private final double[] loadsN;
    /** Whether each rope counts as loaded (see {@link #LOADED_ON_N}). */
    private final boolean[] ropeLoaded;
    /** The leg-strap pair's group, or -1; the leg-strap ropes (cached: the step allocates nothing). */
    private final int legGroup;
    private final int[] legRopes;
    private long invertedSinceNanos = Long.MIN_VALUE;
    private boolean invertedAlarm;
    private double invertedS;
    private boolean clearedStartupShutdown;
    private boolean unreferencedAfterReset;
    private final Program program = new Program();
    private final PreUseCheck check = new PreUseCheck();

    /**
     * @param model the rig
     * @param drives the drives (the supervisor's only)
     * @param log the journal
     * @param profileStore client profiles (loaded at attach, saved on a nudge)
     * @param preUse SR-18's record
     * @param wallClock the date for SR-18 (the Pi may have no real-time clock: the check is then redone)
     * @param simulated true on a virtual rig (said in the status)
     */
    public RigController(RigModel model, Drives drives, EventLog log, ProfileStore profileStore, PreUseChecks preUse,
            Clock wallClock, boolean simulated) {
        this.model = model;
        this.log = log;
        this.profileStore = profileStore;
        this.profiles = id -> {
            try {
                return profileStore.load(id);
            } catch (ConfigException e) {
                log.record("warning", Json.of("what", "client profile " + id + " unreadable: " + e.getMessage()));
                return Optional.empty();
            }
        };
        this.preUse = preUse;
        this.wallClock = wallClock;
        this.simulated = simulated;
        this.limits = model.limits();
        this.dtS = 1.0 / limits.controlRateHz();
        this.safety = new SafetySupervisor(model, drives, this);
        this.refiner = new HeightRefiner(new RefinerSettings(RefinerSettings.DEFAULT_MAX_STEP_MM,
                limits.refinementBoundMm(), RefinerSettings.DEFAULT_DEADBAND_MM));
        int groups = model.groups().size();
        axis = new SCurveAxis[groups];
        MotionLimits motionLimits = MotionLimits.of(limits);
        for (int g = 0; g < groups; g++) {
            axis[g] = new SCurveAxis(motionLimits, 0);
        }
        active = new boolean[groups];
        following = new boolean[groups];
        pausedForEnable = new boolean[groups];
        stoppingForEnable = new boolean[groups];
        purpose = new Purpose[groups];
        kind = new MotionKind[groups];
        lastAxisMm = new double[groups];
        targetMm = new double[groups];
        jogSign = new int[groups];
        releaseAtNanos = new long[groups];
        loadsN = new double[model.ropes().size()];
        ropeLoaded = new boolean[loadsN.length];
        legGroup = model.legPair().map(RigModel.Group::index).orElse(-1);
        legRopes = model.ropes().stream().filter(RigModel.RopeModel::legStrap).mapToInt(RigModel.RopeModel::index)
                .toArray();
    }

    /** The safety supervisor (RigIo binds it to the nodes). */
    public SafetySupervisor safety() {
        return safety;
    }

    public RigModel model() {
        return model;
    }

    /** Sets each rope's calibration (SR-17), journalling each use. */
    public synchronized void calibrations(Function<Integer, Optional<Calibration>> byRope) {
        for (RigModel.RopeModel r : model.ropes()) {
            Optional<Calibration> c = byRope.apply(r.index());
            safety.calibrate(r.index(), c);
            log.record("calibration-use", Json.of("rope", r.config().id(), "channel", r.channel().toString(),
                    "calibrated", c.isPresent(), "at", c.map(x -> x.at().toString()).orElse(null),
                    "technician", c.map(Calibration::technician).orElse(null)));
        }
    }

    // ------------------------------------------------------------------ commands

    /** Queues a command from any thread; decided at the start of the next step. */
    public CompletableFuture<Decision> submit(Command command, Issuer issuer) {
        CompletableFuture<Decision> reply = new CompletableFuture<>();
        commands.add(new Pending(command, issuer, reply));
        return reply;
    }

    /** Decides a command at once (owner thread only: tests on a stepped clock). */
    public synchronized Decision decide(Command command, Issuer issuer, long nowNanos) {
        Decision d = decideNow(command, issuer, nowNanos);
        if (!(command instanceof Command.Enable) && !(command instanceof Command.Heartbeat)) {
            log.record("command", Json.of("command", command.name(), "panel", issuer.panelId(), "accepted", d.accepted(),
                    "refusal", d.refusal() == null ? null : d.refusal().name(), "detail", d.detail()));
        }
        return d;
    }

    private Decision decideNow(Command c, Issuer who, long now) {
        if (c instanceof Command.Stop) {
            stopEverything("STOP from " + who.panelId());
            return Decision.accept("stopping");
        }
        if (c instanceof Command.Heartbeat) {
            return ALIVE; // SR-24's lease is kept by the command model's panel tracking (nothing moves)
        }
        if (c instanceof Command.TakeControl) {
            if (owner != null && !owner.equals(who.panelId())) {
                return Decision.refuse(Refusal.CONTROL_HELD, "panel " + owner + " is in command");
            }
            owner = who.panelId();
            return Decision.accept(who.panelId() + " in command");
        }
        if (owner == null || !owner.equals(who.panelId())) {
            return Decision.refuse(Refusal.NOT_IN_COMMAND, owner == null ? "no panel is in command: take control first"
                    : "panel " + owner + " is in command");
        }
        if (c instanceof Command.ReleaseControl) {
            safety.disable();
            owner = null;
            return Decision.accept("control released");
        }
        if (c instanceof Command.Enable e) {
            if (e.held()) {
                safety.enable(now);
            } else {
                safety.disable();
            }
            return e.held() ? ENABLE_LIVE : ENABLE_RELEASED;
        }
        if (c instanceof Command.Reset) {
            return reset(who, now);
        }
        if (mode == Mode.STARTING) {
            return Decision.refuse(Refusal.WRONG_STATE, "starting: " + modeReason);
        }
        if (c instanceof Command.RescueDescent r) {
            return rescue(r.held(), now);
        }
        if (c instanceof Command.PreUseCheckWaive w) {
            if (!who.technician()) {
                return Decision.refuse(Refusal.TECHNICIAN_ONLY, "only a technician may waive the pre-use check");
            }
            return waivePreUse(who, w.reason());
        }
        if (c instanceof Command.Reference r) {
            if (!who.technician()) {
                return Decision.refuse(Refusal.TECHNICIAN_ONLY, "only a technician may reference a winch");
            }
            return reference(r);
        }
        if (mode == Mode.ESTOP) {
            return Decision.refuse(Refusal.ESTOP, "the safety chain is tripped: no motion until it is healthy and reset");
        }
        if (mode == Mode.FAULT) {
            return Decision.refuse(Refusal.FAULT, "latched: " + safety.faults());
        }
        if (c instanceof Command.Attach a) {
            return attach(a.clientId());
        }
        if (c instanceof Command.ClientReady) {
            return clientReady();
        }
        if (c instanceof Command.Detach) {
            return detach();
        }
        if (c instanceof Command.Jog j) {
            return jog(j, now);
        }
        if (c instanceof Command.MoveTo m) {
            return moveTo(m, now);
        }
        if (c instanceof Command.AimAt a) {
            if (mode == Mode.PROGRAM) {
                return Decision.refuse(Refusal.WRONG_STATE, "a program runs: pause or stop it before aiming elsewhere");
            }
            return aim(a.segment(), now, Purpose.AIM);
        }
        if (c instanceof Command.SaveOffset) {
            return saveOffset();
        }
        if (c instanceof Command.ProgramStart p) {
            return program.start(p, now);
        }
        if (c instanceof Command.ProgramPause) {
            return program.pause();
        }
        if (c instanceof Command.ProgramResume) {
            return program.resume();
        }
        if (c instanceof Command.ProgramStop) {
            return program.stop("stopped by " + who.panelId());
        }
        if (c instanceof Command.PreUseCheckStart) {
            return check.start(now);
        }
        return Decision.refuse(Refusal.INVALID, "unknown command " + c.name());
    }

    private Decision reset(Issuer who, long now) {
        List<String> remaining = safety.reset(who.technician() ? ResetRole.TECHNICIAN : ResetRole.TRAINER, now);
        if (!remaining.isEmpty()) {
            return Decision.refuse(Refusal.CAUSE_PRESENT, String.join("; ", remaining));
        }
        if (mode == Mode.FAULT || mode == Mode.ESTOP) {
            enter(restingMode(), "reset by " + who.panelId());
        }
        return Decision.accept("reset");
    }

    private Decision attach(String clientId) {
        if (mode != Mode.HOLDING && mode != Mode.READY && mode != Mode.ATTACHING) {
            return Decision.refuse(Refusal.WRONG_STATE, "attach needs HOLDING, ATTACHING or READY, not " + mode);
        }
        Optional<ClientProfile> p = profiles.apply(clientId);
        if (p.isEmpty()) {
            return Decision.refuse(Refusal.UNKNOWN_CLIENT, "no client profile " + clientId);
        }
        if (p.get().maxStrapHeightMm().isEmpty()) {
            return Decision.refuse(Refusal.OUT_OF_LIMITS, "client " + clientId
                    + " has no SR-20 maximum strap height: set it in the profile first");
        }
        setClient(p.get());
        clientReady = false;
        enter(Mode.ATTACHING, "strapping in client " + clientId);
        return Decision.accept("attaching " + clientId);
    }

    private void setClient(ClientProfile p) {
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
            // SR-20: the strap's height limit as a winch position (unloaded: the strap hangs lower when loaded).
            safety.setStrapCeilingMm(p.maxStrapHeightMm().getAsDouble() - baseHeightMm(legGroup));
        } else {
            safety.setStrapCeilingMm(Double.POSITIVE_INFINITY);
        }
        aimedSegment = null;
        aimedHeightMm = Double.NaN;
    }

    private Decision clientReady() {
        if (mode != Mode.ATTACHING) {
            return Decision.refuse(Refusal.WRONG_STATE, "READY comes from ATTACHING, not " + mode);
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
        clientReady = true;
        enter(Mode.READY, "client " + client.id() + " strapped in");
        return Decision.accept("ready");
    }

    private Decision detach() {
        if (mode == Mode.READY) {
            clientReady = false;
            enter(Mode.ATTACHING, "strapping out client " + client.id());
            return Decision.accept("strapping out");
        }
        if (mode == Mode.ATTACHING) {
            String id = client == null ? "" : client.id();
            setClient(null);
            enter(Mode.HOLDING, "client " + id + " strapped out");
            return Decision.accept("client strapped out");
        }
        return Decision.refuse(Refusal.WRONG_STATE, "detach needs READY or ATTACHING, not " + mode);
    }

    private Decision jog(Command.Jog j, long now) {
        int g = groupIndex(j.group());
        if (g < 0) {
            return Decision.refuse(Refusal.UNKNOWN_TARGET, "no group " + j.group());
        }
        if (j.direction() == Command.Jog.Direction.NONE) {
            jogSign[g] = 0;
            return Decision.accept("jog ended");
        }
        if (mode != Mode.HOLDING && mode != Mode.ATTACHING && mode != Mode.READY
                && !(mode == Mode.MOVING && active[g] && purpose[g] == Purpose.JOG)) {
            return Decision.refuse(Refusal.WRONG_STATE, "jog needs HOLDING, ATTACHING or READY, not " + mode);
        }
        if (!safety.enableLive(now)) {
            return Decision.refuse(Refusal.NO_ENABLE, "hold enable to jog (SR-10)");
        }
        int sign = j.direction() == Command.Jog.Direction.UP ? 1 : -1;
        if (sign > 0 && !safety.ascentAllowed(g)) {
            return Decision.refuse(Refusal.ASCENT_BLOCKED, "ascent is blocked now");
        }
        MotionKind k = mode == Mode.READY || mode == Mode.MOVING ? MotionKind.NORMAL : MotionKind.ATTACH;
        if (!referenced(g)) {
            k = MotionKind.UNREFERENCED;
        }
        if (active[g] && purpose[g] == Purpose.JOG) {
            jogSign[g] = sign;
            // pressed again while the last release's stop runs (enable live, checked above): that stop is over,
            // so the next release must stop the jog again (hold-to-run, SR-10)
            stoppingForEnable[g] = false;
            jogAxis(g, sign);
            return Decision.accept("jogging " + j.direction());
        }
        Decision d = startMotion(g, Purpose.JOG, k, now);
        if (d.accepted()) {
            jogSign[g] = sign;
        }
        return d;
    }

    private Decision moveTo(Command.MoveTo m, long now) {
        int g = groupIndex(m.group());
        if (g < 0) {
            return Decision.refuse(Refusal.UNKNOWN_TARGET, "no group " + m.group());
        }
        if (mode != Mode.READY && !(mode == Mode.MOVING && active[g])) {
            return Decision.refuse(Refusal.WRONG_STATE, "moves need READY, not " + mode);
        }
        // SR-16: a panel's target outside the limits is refused (internal targets are clamped: SR-12, SR-20).
        double positionMm = m.heightMm() - baseHeightMm(g);
        if (positionMm < lowEndMm(g) || positionMm > highEndMm(g)) {
            boolean ceiling = positionMm > highEndMm(g)
                    && highEndMm(g) < model.winch(model.group(g).winches()[0]).config().softHighMm();
            return Decision.refuse(Refusal.OUT_OF_LIMITS, String.format(Locale.ROOT,
                    "height %.1f mm is outside %.1f..%.1f mm (%s)", m.heightMm(), lowEndMm(g) + baseHeightMm(g),
                    highEndMm(g) + baseHeightMm(g), ceiling ? "SR-20 maximum strap height of the client"
                            : "soft limits, SR-12"));
        }
        return moveGroup(g, positionMm, Purpose.MOVE, now);
    }

    private Decision moveGroup(int g, double positionMm, Purpose why, long now) {
        if (!referenced(g)) {
            return Decision.refuse(Refusal.NOT_REFERENCED, "group " + model.group(g).name()
                    + " is not referenced: jog at " + limits.unreferencedJogMmPerS() + " mm/s until referenced (SR-19)");
        }
        if (!safety.enableLive(now)) {
            return Decision.refuse(Refusal.NO_ENABLE, "hold enable to move (SR-10)");
        }
        String clampNote = "";
        double low = lowEndMm(g);
        double high = highEndMm(g);
        double target = Math.max(low, Math.min(high, positionMm));
        if (target != positionMm) {
            clampNote = String.format(Locale.ROOT, " (clamped from %.1f mm to %s %.1f mm)", positionMm,
                    positionMm > high ? (high < model.winch(model.group(g).winches()[0]).config().softHighMm()
                            ? "SR-20 ceiling" : "soft limit") : "soft limit", target);
        }
        if (target > safety.positionMm(model.group(g).winches()[0]) + 0.05 && !safety.ascentAllowed(g)) {
            return Decision.refuse(Refusal.ASCENT_BLOCKED, "ascent is blocked now");
        }
        targetMm[g] = target;
        if (active[g] && (purpose[g] == Purpose.MOVE || purpose[g] == Purpose.AIM || purpose[g] == Purpose.PROGRAM)
                && following[g]) {
            purpose[g] = why;
            // a retarget needs a live enable (checked above): any earlier stop for a lost enable is over
            stoppingForEnable[g] = false;
            axis[g].moveTo(target);
            return Decision.accept(String.format(Locale.ROOT, "retargeted to %.1f mm%s", target, clampNote));
        }
        Decision d = startMotion(g, why, MotionKind.NORMAL, now);
        return d.accepted() ? Decision.accept(String.format(Locale.ROOT, "moving to %.1f mm%s", target, clampNote)) : d;
    }

    private Decision aim(SpineSegment segment, long now, Purpose why) {
        if (client == null || !clientReady) {
            return Decision.refuse(Refusal.NO_CLIENT, "aiming needs a client strapped in (READY)");
        }
        if (legGroup < 0) {
            return Decision.refuse(Refusal.UNKNOWN_TARGET, "this rig has no leg-strap pair");
        }
        if (mode != Mode.READY && !(mode == Mode.MOVING || mode == Mode.PROGRAM)) {
            return Decision.refuse(Refusal.WRONG_STATE, "aiming needs READY, not " + mode);
        }
        int g = legGroup;
        double heightMm = GeometricEstimate.of(client, segment, strap()).setPointHeightMm();
        aimedSegment = segment;
        aimedHeightMm = Math.min(heightMm, client.maxStrapHeightMm().orElse(Double.POSITIVE_INFINITY));
        refining = false;
        refineSteps = 0;
        Decision d = moveGroup(g, aimedHeightMm - baseHeightMm(g), why, now);
        if (d.accepted()) {
            log.record("aim", Json.of("segment", segment.id(), "heightMm", aimedHeightMm, "client", client.id()));
        }
        return d;
    }

    /** The leg straps' geometry: offset 0 (the strap at the ankle), both ropes' stiffness, weight tared out. */
    private StrapGeometry strap() {
        RigModel.RopeModel leg = model.ropes().stream().filter(RigModel.RopeModel::legStrap).findFirst().orElseThrow();
        return new StrapGeometry(0, leg.config().stiffnessNPerMm(), 2, 0);
    }

    private Decision saveOffset() {
        if (client == null || aimedSegment == null || mode != Mode.READY) {
            return Decision.refuse(Refusal.WRONG_STATE, "save an offset in READY after aiming at a segment");
        }
        int g = legGroup;
        double nowHeightMm = safety.positionMm(model.group(g).winches()[0]) + baseHeightMm(g);
        double estimateMm = GeometricEstimate.of(client.withOffset(aimedSegment, 0), aimedSegment,
                strap()).setPointHeightMm();
        double offsetMm = Math.max(-ClientProfile.MAX_OFFSET_MM, Math.min(ClientProfile.MAX_OFFSET_MM,
                nowHeightMm - estimateMm));
        ClientProfile updated = client.withOffset(aimedSegment, offsetMm);
        try {
            profileStore.save(updated);
        } catch (IOException e) {
            return Decision.refuse(Refusal.INVALID, "could not save client profile: " + e.getMessage());
        }
        client = updated;
        log.record("offset", Json.of("client", client.id(), "segment", aimedSegment.id(), "offsetMm", offsetMm));
        return Decision.accept(String.format(Locale.ROOT, "offset %.1f mm saved for %s", offsetMm, aimedSegment.id()));
    }

    private Decision rescue(boolean held, long now) {
        if (legGroup < 0) {
            return Decision.refuse(Refusal.UNKNOWN_TARGET, "this rig has no leg-strap pair");
        }
        int g = legGroup;
        if (!held) {
            jogSign[g] = 0;
            return Decision.accept("rescue descent released");
        }
        if (mode != Mode.FAULT && !unreferencedAfterReset) {
            return Decision.refuse(Refusal.WRONG_STATE, "rescue descent is for FAULT or after a node reset (SR-19)");
        }
        if (mode == Mode.ESTOP) {
            return Decision.refuse(Refusal.ESTOP, "the safety chain is tripped");
        }
        if (!safety.enableLive(now)) {
            return Decision.refuse(Refusal.NO_ENABLE, "hold enable for the rescue descent (SR-10)");
        }
        if (active[g] && purpose[g] == Purpose.RESCUE) {
            jogSign[g] = -1;
            // pressed again during the last release's stop (enable live, checked above): the next release must
            // stop it again (SR-19: hold-to-run)
            stoppingForEnable[g] = false;
            jogAxis(g, -1);
            return Decision.accept("rescue descent");
        }
        if (mode == Mode.FAULT) {
            safety.clearNodeShutdowns();
        }
        Decision d = startMotion(g, Purpose.RESCUE, MotionKind.RESCUE, now);
        if (d.accepted()) {
            jogSign[g] = -1;
        }
        return d;
    }

    private Decision reference(Command.Reference r) {
        int g = groupIndex(r.group());
        if (g < 0) {
            return Decision.refuse(Refusal.UNKNOWN_TARGET, "no group " + r.group());
        }
        if (active[g]) {
            return Decision.refuse(Refusal.WRONG_STATE, "group " + r.group() + " is moving");
        }
        safety.reference(g, r.positionMm());
        unreferencedAfterReset = false;
        return Decision.accept(String.format(Locale.ROOT, "group %s referenced at %.1f mm", r.group(), r.positionMm()));
    }

    private Decision waivePreUse(Issuer who, String reason) {
        try {
            preUse.record(LocalDate.now(wallClock), who.panelId(), "waived: " + reason);
        } catch (IOException e) {
            return Decision.refuse(Refusal.INVALID, "could not record the waiver: " + e.getMessage());
        }
        log.record("pre-use-check", Json.of("result", "waived", "by", who.panelId(), "reason", reason));
        return Decision.accept("pre-use check waived for today");
    }

    // ------------------------------------------------------------------ motion

    private Decision startMotion(int g, Purpose why, MotionKind k, long now) {
        if (active[g]) {
            return Decision.refuse(Refusal.WRONG_STATE, "group " + model.group(g).name() + " is already moving ("
                    + purpose[g].name().toLowerCase(Locale.ROOT) + ")");
        }
        Optional<String> refused = safety.release(g, k, now);
        if (refused.isPresent()) {
            return Decision.refuse(Refusal.DRIVES_REFUSED, refused.get());
        }
        active[g] = true;
        approachRetries[g] = 0;
        following[g] = false;
        pausedForEnable[g] = false;
        stoppingForEnable[g] = false;
        purpose[g] = why;
        kind[g] = k;
        releaseAtNanos[g] = now;
        loadingRate.reset();
        if (why != Purpose.PROGRAM && mode != Mode.PROGRAM) {
            if (mode == Mode.READY) {
                enter(Mode.MOVING, why.name().toLowerCase(Locale.ROOT) + " " + model.group(g).name());
            }
        }
        return Decision.accept("releasing brakes of " + model.group(g).name());
    }

    private void stepGroup(int g, long now) {
        if (!active[g]) {
            return;
        }
        GroupState gs = safety.groupState(g);
        int lead = model.group(g).winches()[0];
        if (pausedForEnable[g]) {
            if (gs == GroupState.BRAKED && safety.enableLive(now)) {
                if (safety.release(g, kind[g], now).isEmpty()) {
                    pausedForEnable[g] = false;
                    following[g] = false;
                    stoppingForEnable[g] = false;
                    releaseAtNanos[g] = now;
                }
            }
            return;
        }
        if (gs == GroupState.RELEASING) {
            if (now - releaseAtNanos[g] > RELEASE_TIMEOUT_NANOS) {
                safety.applyBrakes(g);
                endMotion(g, "brakes did not release within 1 s");
            }
            return;
        }
        if (gs != GroupState.FOLLOWING) {
            if (following[g]) {
                endMotion(g, "stopped by the supervisor or the node");
            }
            return;
        }
        if (safety.groupKind(g) == MotionKind.HOLD) {
            // SR-14: a fault during the motion made the supervisor hold the group by the drive (its brakes slip);
            // the supervisor brings it to rest and holds it, the control logic lets go of it
            endMotion(g, "held by the drive: its brakes slip (SR-14)");
            return;
        }
        if (!following[g]) {
            following[g] = true;
            double p = safety.admittedMm(lead);
            // from rest after a release; from the supervisor's stop when it takes over from the drive holding
            axis[g].continueFrom(p, safety.groupVelocityMmPerS(g), safety.groupAccelMmPerS2(g));
            lastAxisMm[g] = p;
            switch (purpose[g]) {
                case JOG, RESCUE -> jogAxis(g, jogSign[g] >= 0 ? 1 : -1);
                default -> axis[g].moveTo(targetMm[g]);
            }
        }
        boolean jogging = purpose[g] == Purpose.JOG || purpose[g] == Purpose.RESCUE;
        if (kind[g] != MotionKind.HOLD && !safety.enableLive(now) && !stoppingForEnable[g]) {
            stoppingForEnable[g] = true;
            axis[g].stop();
        }
        if (jogging && jogSign[g] == 0 && !stoppingForEnable[g]) {
            stoppingForEnable[g] = true;
            axis[g].stop();
        }
        double up = upCapMmPerS(g);
        double down = downCapMmPerS(g);
        axis[g].setSpeedLimits(up, down);
        axis[g].step(dtS);
        double delta = axis[g].positionMm() - lastAxisMm[g];
        lastAxisMm[g] = axis[g].positionMm();
        safety.admit(g, delta, now);
        if (axis[g].atRest() && !stoppingForEnable[g] && !jogging && approachRetries[g] < MAX_APPROACH_RETRIES
                && Math.abs(safety.admittedMm(lead) - targetMm[g]) > ARRIVAL_TOLERANCE_MM) {
            // the supervisor clamped some set-points (a slow-down zone): finish the approach from where they are
            approachRetries[g]++;
            axis[g].reset(safety.admittedMm(lead));
            lastAxisMm[g] = axis[g].positionMm();
            axis[g].moveTo(targetMm[g]);
            return;
        }
        if (axis[g].atRest() && (stoppingForEnable[g] || !jogging)) {
            safety.applyBrakes(g);
            if (stoppingForEnable[g] && !jogging && !atTarget(g)) {
                pausedForEnable[g] = true;
                return;
            }
            endMotion(g, jogging ? "jog ended" : "arrived");
        }
    }

    /** A move counts as arrived within this of its target, mm. */
    static final double ARRIVAL_TOLERANCE_MM = 0.5;
    /** How often a move's approach is resumed after supervisor clamps before it ends where it is. */
    static final int MAX_APPROACH_RETRIES = 3;
    private final int[] approachRetries = new int[8];

    private boolean atTarget(int g) {
        return Math.abs(axis[g].positionMm() - targetMm[g]) < 0.05;
    }

    private void endMotion(int g, String why) {
        active[g] = false;
        following[g] = false;
        pausedForEnable[g] = false;
        Purpose was = purpose[g];
        if (was == Purpose.AIM && "arrived".equals(why)) {
            refining = true;
            refineAtNanos = Long.MIN_VALUE;
        }
        if (was == Purpose.PROGRAM) {
            program.motionEnded(why);
        }
        if (mode == Mode.MOVING && !anyActive()) {
            enter(restingMode(), model.group(g).name() + " " + why);
        }
    }

    private boolean anyActive() {
        for (boolean a : active) {
            if (a) {
                return true;
            }
        }
        return false;
    }

    private double upCapMmPerS(int g) {
        double cap = kind[g].ascentCapMmPerS(limits);
        double pos = axis[g].positionMm();
        // SR-12: slow before the slow-down zone so the supervisor never has to clamp.
        if (highEndMm(g) - pos < limits.slowZoneMm() + axis[g].distanceToSlowToMm(limits.slowZoneSpeedMmPerS()) + 2) {
            cap = Math.min(cap, limits.slowZoneSpeedMmPerS());
        }
        // SR-5: while the client is being loaded, the load may rise only so fast.
        if (client != null && clientReady && isLegPair(g)) {
            double legLoadN = legLoadN();
            cap = Math.min(cap, loadingRate.ascentCapMmPerS(body, client.massKg(), strapHeightMm(g, legLoadN), 0,
                    legLoadN, limits.loadingRatePercentPerS(), dtS));
        }
        return cap;
    }

    private double downCapMmPerS(int g) {
        double cap = kind[g].descentCapMmPerS(limits);
        double pos = axis[g].positionMm();
        if (pos - lowEndMm(g) < limits.slowZoneMm() + axis[g].distanceToSlowToMm(limits.slowZoneSpeedMmPerS()) + 2) {
            cap = Math.min(cap, limits.slowZoneSpeedMmPerS());
        }
        return cap;
    }

    /**
     * Hold-to-run (jog, rescue descent): runs toward the end of travel in that direction and comes to rest
     * there along the S-curve (SR-12), so the supervisor's clamp at the soft limit never cuts a moving
     * set-point short (R-7: a rescue clamped at the soft lower limit at 10 mm/s was overshot by the node and
     * driven back up).
     */
    private void jogAxis(int g, int sign) {
        axis[g].moveTo(sign > 0 ? highEndMm(g) : lowEndMm(g));
    }

    private boolean isLegPair(int g) {
        return g == legGroup;
    }

    /**
     * The lowest position of the group's lead winch (the axis's coordinate) at which no winch of the group
     * is below its soft lower limit (the winches move by the same amount, each from its own position).
     */
    private double lowEndMm(int g) {
        double low = Double.NEGATIVE_INFINITY;
        for (int w : model.group(g).winches()) {
            low = Math.max(low, model.winch(w).config().softLowMm() + leadOffsetMm(g, w));
        }
        return low;
    }

    /** As {@link #lowEndMm} upward: soft upper limits and, for the leg pair, SR-20's strap ceiling. */
    private double highEndMm(int g) {
        double ceilingMm = Double.POSITIVE_INFINITY;
        if (isLegPair(g) && client != null && client.maxStrapHeightMm().isPresent()) {
            ceilingMm = client.maxStrapHeightMm().getAsDouble() - baseHeightMm(g);
        }
        double high = Double.POSITIVE_INFINITY;
        for (int w : model.group(g).winches()) {
            high = Math.min(high, Math.min(model.winch(w).config().softHighMm(), ceilingMm) + leadOffsetMm(g, w));
        }
        return high;
    }

    /** How far the group's lead winch's set-point is above this winch's, mm (0 for the lead itself). */
    private double leadOffsetMm(int g, int w) {
        return safety.admittedMm(model.group(g).winches()[0]) - safety.admittedMm(w);
    }

    private double baseHeightMm(int g) {
        return model.winch(model.group(g).winches()[0]).config().baseHeightMm();
    }

    private boolean referenced(int g) {
        for (int w : model.group(g).winches()) {
            if (!safety.referenced(w)) {
                return false;
            }
        }
        return true;
    }

    private int groupIndex(String name) {
        for (RigModel.Group g : model.groups()) {
            if (g.name().equals(name)) {
                return g.index();
            }
        }
        return -1;
    }

    /** Total load on the leg-strap ropes, N (NaN when unknown). */
    private double legLoadN() {
        double sum = 0;
        for (int r : legRopes) {
            sum += loadsN[r];
        }
        return sum;
    }

    /** Loaded strap height of a group above the mat, mm: unloaded height minus the rope stretch. */
    private double strapHeightMm(int g, double legLoadN) {
        int lead = model.group(g).winches()[0];
        double stretchMm = 0;
        int rope = model.ropeOfWinch(lead);
        if (rope >= 0 && !Double.isNaN(legLoadN)) {
            stretchMm = Math.max(0, legLoadN / 2) / model.rope(rope).config().stiffnessNPerMm();
        }
        return baseHeightMm(g) + safety.positionMm(lead) - stretchMm;
    }

    private void stopEverything(String why) {
        safety.stopAll(StopCategory.CAT_1);
        for (int g = 0; g < active.length; g++) {
            if (active[g]) {
                active[g] = false;
                following[g] = false;
                pausedForEnable[g] = false;
                jogSign[g] = 0;
            }
        }
        refining = false;
        program.abort(why);
        if (mode == Mode.MOVING || mode == Mode.PROGRAM) {
            enter(restingMode(), why);
        }
        log.record("stop", Json.of("why", why));
    }

    // ------------------------------------------------------------------ the step

    /**
     * One control step (owner thread), at the control rate: decides queued commands, runs the
     * supervisor's time checks, the state machine, each group's motion, aiming, the program, SR-21.
     *
     * @param nowNanos controller clock, ns
     */
    public synchronized void step(long nowNanos) {
        lastNowNanos = nowNanos;
        Runnable e;
        while ((e = events.poll()) != null) {
            e.run();
        }
        Pending p;
        while ((p = commands.poll()) != null) {
            Decision d;
            try {
                d = decide(p.command(), p.issuer(), nowNanos);
            } catch (RuntimeException ex) {
                d = Decision.refuse(Refusal.INVALID, "command failed: " + ex.getMessage());
                log.record("error", Json.of("command", p.command().name(), "error", String.valueOf(ex)));
            }
            p.reply().complete(d);
        }
        safety.tick(nowNanos);
        safety.loadsN(loadsN);
        journalRopeLoads();
        updateExpectedLoads();
        updateMode(nowNanos);
        for (int g = 0; g < active.length; g++) {
            stepGroup(g, nowNanos);
        }
        stepRefinement(nowNanos);
        program.step(nowNanos);
        stepInverted(nowNanos);
        check.step(nowNanos);
    }

    /** Journals each rope's passage between unloaded and loaded (maintenance: hours under load per rope). */
    private void journalRopeLoads() {
        for (int r = 0; r < loadsN.length; r++) {
            boolean loaded = ropeLoaded[r] ? !(loadsN[r] < LOADED_OFF_N) : loadsN[r] > LOADED_ON_N;
            if (Double.isNaN(loadsN[r])) {
                loaded = false;
            }
            if (loaded != ropeLoaded[r]) {
                ropeLoaded[r] = loaded;
                log.record("rope-load", Json.of("rope", model.rope(r).config().id(), "loaded", loaded,
                        "loadN", loadsN[r]));
            }
        }
    }

    /** SR-22: the control loop reports a step that started too late. */
    public void lateStep(long lateNanos, long nowNanos) {
        safety.sr22LateStep(lateNanos, nowNanos);
        log.record("late-step", Json.of("lateMs", lateNanos / 1e6));
    }

    private final double[] expected = new double[16];

    private void updateExpectedLoads() {
        java.util.Arrays.fill(expected, 0);
        if (client != null && legGroup >= 0) {
            double legLoadN = legLoadN();
            double share = ShareModel.atStrapHeight(body, strapHeightMm(legGroup,
                    Double.isNaN(legLoadN) ? 0 : legLoadN), 0);
            double totalN = share * client.massKg() * RigModel.G_MPS2;
            for (int r : legRopes) {
                expected[r] = totalN / legRopes.length;
            }
        }
        safety.setExpectedLoadsN(expected);
    }

    private void updateMode(long now) {
        if (mode == Mode.STARTING) {
            if (safety.allInputsSeen()) {
                if (!clearedStartupShutdown) {
                    clearedStartupShutdown = true;
                    safety.clearNodeShutdowns();
                    return;
                }
                if (!safety.chainHealthy()) {
                    enter(Mode.ESTOP, "safety chain tripped at start");
                    return;
                }
                StringBuilder where = new StringBuilder("positions read:");
                for (RigModel.WinchModel w : model.winches()) {
                    where.append(String.format(Locale.ROOT, " %s %.1f mm%s", w.config().id(),
                            safety.positionMm(w.index()), safety.referenced(w.index()) ? "" : " (unreferenced)"));
                }
                enter(safety.faulted() ? Mode.FAULT : Mode.HOLDING, where.toString());
            }
            return;
        }
        if (safety.latched(SafetyRule.SR_11)) {
            if (mode != Mode.ESTOP) {
                abortMotion("safety chain tripped");
                enter(Mode.ESTOP, "safety chain tripped (SR-11)");
            }
            return;
        }
        if (safety.faulted()) {
            if (mode != Mode.FAULT && mode != Mode.ESTOP) {
                abortMotion("fault");
                enter(Mode.FAULT, safety.faults().toString());
            }
            return;
        }
        if (mode == Mode.FAULT || mode == Mode.ESTOP) {
            // reset elsewhere (a reset command moves on); nothing to do here
            return;
        }
    }

    private void abortMotion(String why) {
        for (int g = 0; g < active.length; g++) {
            if (active[g] && purpose[g] != Purpose.RESCUE) {
                active[g] = false;
                following[g] = false;
                pausedForEnable[g] = false;
                jogSign[g] = 0;
            }
        }
        refining = false;
        program.abort(why);
    }

    private Mode restingMode() {
        if (client == null) {
            return Mode.HOLDING;
        }
        return clientReady ? Mode.READY : Mode.ATTACHING;
    }

    private void enter(Mode next, String why) {
        if (next == mode && why.equals(modeReason)) {
            return;
        }
        log.record("state", Json.of("from", mode.name(), "to", next.name(), "reason", why));
        mode = next;
        modeReason = why;
    }

    // ------------------------------------------------------------------ aiming refinement

    private void stepRefinement(long now) {
        if (!refining || client == null || aimedSegment == null) {
            return;
        }
        int g = legGroup;
        if (active[g]) {
            return;
        }
        if (refineAtNanos == Long.MIN_VALUE) {
            refineAtNanos = now + REFINE_SETTLE_NANOS;
            return;
        }
        if (now < refineAtNanos) {
            return;
        }
        if (!safety.enableLive(now)) {
            return; // SR-10: refinement is motion: it waits for the enable
        }
        double share = legLoadN() / (client.massKg() * RigModel.G_MPS2);
        if (!Double.isFinite(share)) {
            refining = false;
            return;
        }
        double heightMm = safety.positionMm(model.group(g).winches()[0]) + baseHeightMm(g);
        RefinementTarget target = RefinementTarget.of(client, aimedSegment, aimedHeightMm, lowEndMm(g) + baseHeightMm(g),
                model.winch(model.group(g).winches()[0]).config().softHighMm() + baseHeightMm(g));
        HeightProposal proposal = refiner.propose(target, heightMm, share);
        refineSteps++;
        if (Math.abs(proposal.moveMm()) < 0.5 || refineSteps > MAX_REFINE_STEPS) {
            refining = false;
            log.record("aim-refined", Json.of("segment", aimedSegment.id(), "heightMm", heightMm, "share", share,
                    "steps", refineSteps, "heldByLimit", proposal.heldByLimit()));
            return;
        }
        Decision d = moveGroup(g, proposal.heightMm() - baseHeightMm(g), Purpose.AIM, now);
        if (!d.accepted()) {
            refining = false;
        }
        refineAtNanos = Long.MIN_VALUE;
    }

    // ------------------------------------------------------------------ SR-21

    /** SR-21: an alarm after the configured continuous time inverted; the trainer decides. */
    private void stepInverted(long now) {
        if (client == null) {
            invertedSinceNanos = Long.MIN_VALUE;
            invertedAlarm = false;
            invertedS = 0;
            return;
        }
        double share = legLoadN() / (client.massKg() * RigModel.G_MPS2);
        if (share > INVERTED_SHARE) {
            if (invertedSinceNanos == Long.MIN_VALUE) {
                invertedSinceNanos = now;
            }
            invertedS = (now - invertedSinceNanos) / 1e9;
            if (!invertedAlarm && invertedS >= limits.invertedAlarmS()) {
                invertedAlarm = true;
                log.record("alarm", Json.of("rule", "SR-21", "what", "client " + client.id() + " inverted for "
                        + Math.round(invertedS) + " s", "client", client.id()));
            }
        } else {
            invertedSinceNanos = Long.MIN_VALUE;
            invertedS = 0;
            invertedAlarm = false;
        }
    }

    // ------------------------------------------------------------------ status

    /** A copy of the state, for any thread. */
    public synchronized RigStatus status() {
        double[] pos = new double[model.winches().size()];
        for (int w = 0; w < pos.length; w++) {
            pos[w] = safety.positionMm(w);
        }
        double[] kg = new double[loadsN.length];
        for (int r = 0; r < kg.length; r++) {
            kg[r] = safety.loadN(r) / RigModel.G_MPS2;
        }
        double share = client == null ? Double.NaN : legLoadN() / (client.massKg() * RigModel.G_MPS2);
        Optional<SpineSegment> live = Optional.empty();
        if (client != null && Double.isFinite(share) && share > INVERTED_SHARE) {
            live = Optional.of(SegmentMassTable.segmentAtShare(share).nearest());
        }
        return new RigStatus(mode, modeReason, safety.faults(), Optional.ofNullable(owner),
                Optional.ofNullable(client).map(ClientProfile::id), client == null ? Double.NaN : client.massKg(), pos,
                kg, Optional.ofNullable(aimedSegment), aimedHeightMm, live, share, invertedS, invertedAlarm,
                program.status(), safety.enableLive(lastNowNanos), check.describe(), simulated);
    }

    private long lastNowNanos;

    public synchronized Mode mode() {
        return mode;
    }

    // ------------------------------------------------------------------ events from the nodes and the supervisor

    @Override
    public void onNodeIdentified(int nodeAddress, NodeInfo info) {
        events.add(() -> log.record("node", Json.of("address", nodeAddress, "serial", info.serial(),
                "identified", true)));
    }

    @Override
    public void onNodeState(int nodeAddress, NodeState state) {
        events.add(() -> {
            log.record("node", Json.of("address", nodeAddress, "state", state.name()));
            // SR-15: a node still in its sticky shutdown from before the restart (heartbeat watchdog) refuses
            // its configuration, so its inputs never all arrive: clear it now (its winches stay braked).
            if (mode == Mode.STARTING && state == NodeState.SHUTDOWN) {
                safety.clearNodeShutdowns();
            }
        });
    }

    @Override
    public void onLinkFault(int nodeAddress, LinkFault fault) {
        events.add(() -> {
            if (fault.kind() == LinkFault.Kind.NODE_RESET) {
                unreferencedAfterReset = true;
            }
        });
    }

    @Override
    public void onBrakeTestResult(int winch, BrakeId brake, BrakeTestOutcome outcome, double movementMm) {
        events.add(() -> check.brakeResult(winch, brake, outcome, movementMm));
    }

    @Override
    public void onFault(Fault fault) {
        log.record("fault", Json.of("rule", fault.rule().id(), "cause", fault.cause(), "stop", fault.stop().words(),
                "resetBy", fault.resetBy().name().toLowerCase(Locale.ROOT)));
    }

    @Override
    public void onStop(int group, SafetyRule rule, String why) {
        log.record("stop", Json.of("rule", rule.id(), "group", model.group(group).name(), "why", why));
    }

    @Override
    public void onWarning(SafetyRule rule, String what) {
        log.record("warning", Json.of("rule", rule.id(), "what", what));
    }

    @Override
    public void onBrakesReleased(int group) {
        for (int w : model.group(group).winches()) {
            log.record("brake", Json.of("event", "release", "winch", model.winch(w).config().id()));
        }
    }

    // ------------------------------------------------------------------ session programs

    /**
     * A session program (SPEC section 5): holds starting at 3 s and growing, about 3 repetitions,
     * lowering between them; every motion step needs the trainer's enable (SR-10); limits always win.
     */
    private final class Program {
        private boolean running;
        private boolean paused;
        private String phase = "done";
        private SpineSegment segment;
        private int repetition;
        private int repetitions;
        private double holdS;
        private double holdIncreaseS;
        private double holdElapsedS;
        private double restPositionMm;
        private long phaseStartNanos;
        private long lastNanos;

        Decision start(Command.ProgramStart p, long now) {
            if (mode != Mode.READY) {
                return Decision.refuse(Refusal.WRONG_STATE, "a program starts from READY, not " + mode);
            }
            ExercisePreset preset = null;
            if (!p.presetId().isEmpty()) {
                preset = client.preset(p.presetId()).orElse(null);
                if (preset == null) {
                    return Decision.refuse(Refusal.UNKNOWN_TARGET, "client " + client.id() + " has no preset "
                            + p.presetId());
                }
            }
            int g = legGroup;
            restPositionMm = safety.positionMm(model.group(g).winches()[0]);
            segment = p.segment();
            repetitions = preset == null ? 3 : preset.repetitions();
            holdS = preset == null ? 3 : preset.firstHoldS();
            holdIncreaseS = preset == null ? 2 : preset.holdIncreaseS();
            repetition = 1;
            Decision d = aim(segment, now, Purpose.PROGRAM);
            if (!d.accepted()) {
                return d;
            }
            running = true;
            paused = false;
            phase = "moving-up";
            enter(Mode.PROGRAM, "program on " + segment.id());
            return Decision.accept("program started: " + repetitions + " repetitions, first hold " + holdS + " s");
        }

        Decision pause() {
            if (!running || paused) {
                return Decision.refuse(Refusal.WRONG_STATE, running ? "already paused" : "no program runs");
            }
            paused = true;
            int g = legGroup;
            if (active[g]) {
                axis[g].stop();
                stoppingForEnable[g] = true;
            }
            return Decision.accept("program paused");
        }

        Decision resume() {
            if (!running || !paused) {
                return Decision.refuse(Refusal.WRONG_STATE, running ? "not paused" : "no program runs");
            }
            paused = false;
            return Decision.accept("program resumed");
        }

        Decision stop(String why) {
            if (!running) {
                return Decision.refuse(Refusal.WRONG_STATE, "no program runs");
            }
            int g = legGroup;
            if (active[g]) {
                axis[g].stop();
                stoppingForEnable[g] = true;
            }
            finish(why);
            return Decision.accept("program stopped");
        }

        void abort(String why) {
            if (running) {
                finish(why);
            }
        }

        private void finish(String why) {
            running = false;
            phase = "done";
            log.record("program", Json.of("event", "end", "why", why, "repetition", repetition));
            if (mode == Mode.PROGRAM) {
                enter(restingMode(), "program ended: " + why);
            }
        }

        void motionEnded(String why) {
            if (running && !"arrived".equals(why) && !paused) {
                // stopped by a protection or a lost enable before arriving: wait for the enable to go again
                phase = "waiting-for-enable";
            }
        }

        void step(long now) {
            double dt = lastNanos == 0 ? 0 : (now - lastNanos) / 1e9;
            lastNanos = now;
            if (!running || paused) {
                return;
            }
            int g = legGroup;
            boolean moving = active[g];
            switch (phase) {
                case "moving-up", "waiting-for-enable-up" -> {
                    if (!moving && !refiningNow()) {
                        if (Math.abs(safety.positionMm(model.group(g).winches()[0]) - targetMm[g]) < 1) {
                            phase = "holding";
                            holdElapsedS = 0;
                        } else if (safety.enableLive(now)) {
                            moveGroup(g, targetMm[g], Purpose.PROGRAM, now);
                        }
                    }
                }
                case "holding" -> {
                    holdElapsedS += dt;
                    if (holdElapsedS >= holdS) {
                        phase = "lowering";
                        if (safety.enableLive(now)) {
                            moveGroup(g, restPositionMm, Purpose.PROGRAM, now);
                        }
                    }
                }
                case "lowering" -> {
                    if (!moving) {
                        if (Math.abs(safety.positionMm(model.group(g).winches()[0]) - restPositionMm) < 1) {
                            phase = "resting";
                            phaseStartNanos = now;
                        } else if (safety.enableLive(now)) {
                            moveGroup(g, restPositionMm, Purpose.PROGRAM, now);
                        }
                    }
                }
                case "resting" -> {
                    if (now - phaseStartNanos >= (long) (PROGRAM_REST_S * 1e9)) {
                        if (repetition >= repetitions) {
                            finish("all " + repetitions + " repetitions done");
                            return;
                        }
                        repetition++;
                        holdS += holdIncreaseS;
                        phase = "moving-up";
                        if (safety.enableLive(now)) {
                            moveGroup(g, aimedHeightMm - baseHeightMm(g), Purpose.PROGRAM, now);
                        }
                    }
                }
                case "waiting-for-enable" -> phase = "moving-up";
                default -> {
                }
            }
        }

        private boolean refiningNow() {
            return false;
        }

        Optional<RigStatus.ProgramStatus> status() {
            if (!running) {
                return Optional.empty();
            }
            return Optional.of(new RigStatus.ProgramStatus(paused ? "paused" : phase, repetition, repetitions, holdS,
                    holdElapsedS));
        }
    }

    // ------------------------------------------------------------------ SR-18 pre-use check

    /**
     * SR-18's guided check: each brake holds under drive torque (BRAKE_TEST on every winch, one
     * brake at a time), every channel's zero within tolerance (no client on the ropes), and the
     * safety chain seen to trip and recover. Passed: recorded for today.
     */
    private final class PreUseCheck {
        private String state = "not started";
        private final List<String> failures = new ArrayList<>();
        private int brakeTestsPending;
        private int nextTest;
        private boolean sawTrip;
        private boolean sawRecovery;
        private boolean running;

        Decision start(long now) {
            if (mode != Mode.HOLDING || client != null) {
                return Decision.refuse(Refusal.WRONG_STATE, "the pre-use check runs in HOLDING with no client strapped in");
            }
            for (RigModel.RopeModel r : model.ropes()) {
                double kg = safety.loadN(r.index()) / RigModel.G_MPS2;
                if (!safety.calibrated(r.index())) {
                    return Decision.refuse(Refusal.CALIBRATION_MISSING, "rope " + r.config().id()
                            + " has no valid calibration");
                }
                if (!(Math.abs(kg) <= limits.zeroToleranceKg())) {
                    return Decision.refuse(Refusal.OUT_OF_LIMITS, String.format(Locale.ROOT,
                            "rope %s reads %.2f kg unloaded: zero outside +-%.1f kg (tare it)", r.config().id(), kg,
                            limits.zeroToleranceKg()));
                }
            }
            failures.clear();
            running = true;
            sawTrip = false;
            sawRecovery = false;
            nextTest = 0;
            brakeTestsPending = 0;
            state = "testing brakes";
            return Decision.accept("pre-use check started: zeros within tolerance; testing brakes");
        }

        void step(long now) {
            if (!running) {
                return;
            }
            int tests = model.winches().size() * 2;
            if (brakeTestsPending == 0 && nextTest < tests) {
                int w = nextTest / 2;
                BrakeId brake = nextTest % 2 == 0 ? BrakeId.MOTOR : BrakeId.DRUM;
                RigModel.WinchModel wm = model.winch(w);
                safety.brakeTest(w, brake, BRAKE_TEST_TORQUE_PERMILLE, BRAKE_TEST_DURATION_MS,
                        Math.max(1, wm.countsOf(BRAKE_TEST_MAX_MOVEMENT_MM)));
                brakeTestsPending = 1;
                nextTest++;
                return;
            }
            if (brakeTestsPending > 0 || nextTest < tests) {
                return;
            }
            if (!failures.isEmpty()) {
                running = false;
                state = "failed: " + String.join("; ", failures);
                log.record("pre-use-check", Json.of("result", "failed", "failures", String.join("; ", failures)));
                return;
            }
            boolean healthy = safety.chainHealthy();
            if (!sawTrip) {
                state = "press a stop in the safety chain";
                sawTrip = !healthy;
                return;
            }
            if (!sawRecovery) {
                state = "release the stop and reset";
                sawRecovery = healthy && !safety.latched(SafetyRule.SR_11);
                return;
            }
            running = false;
            state = "passed " + LocalDate.now(wallClock);
            try {
                preUse.record(LocalDate.now(wallClock), owner == null ? "unknown" : owner,
                        "brakes held; zeros within tolerance; safety chain tripped and recovered");
                log.record("pre-use-check", Json.of("result", "passed"));
            } catch (IOException e) {
                state = "passed but not recorded: " + e.getMessage();
                log.record("pre-use-check", Json.of("result", "passed, not recorded", "error", e.getMessage()));
            }
        }

        void brakeResult(int winch, BrakeId brake, BrakeTestOutcome outcome, double movementMm) {
            if (!running) {
                return;
            }
            brakeTestsPending = 0;
            if (outcome != BrakeTestOutcome.HELD) {
                failures.add(String.format(Locale.ROOT, "%s %s brake %s (%.2f mm)", model.winch(winch).config().id(),
                        brake.name().toLowerCase(Locale.ROOT), outcome.name().toLowerCase(Locale.ROOT), movementMm));
            }
            log.record("brake-test", Json.of("winch", model.winch(winch).config().id(), "brake", brake.name(),
                    "outcome", outcome.name(), "movementMm", movementMm));
        }

        String describe() {
            Optional<LocalDate> last = preUse.lastPassed();
            String done = last.map(d -> d.equals(LocalDate.now(wallClock)) ? "done today" : "last " + d)
                    .orElse("never done");
            return running ? state : done + ("not started".equals(state) ? "" : " (" + state + ")");
        }
    }
}
