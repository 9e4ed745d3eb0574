package com.lianarig.controller.core;

import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.profile.ProfileStore;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.rig.RigIo;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.Drives;
import com.lianarig.controller.safety.SafetySupervisor;
import com.lianarig.hal.node.NodeInfo;
import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.BrakeTestOutcome;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.link.LinkFault;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The rig's control logic, wired in one place: the command model's decisions ({@link CommandPolicy}),
 * the state machine ({@link ModeMachine}), each group's motion through the {@link SafetySupervisor}
 * ({@link GroupMotion}), the client ({@link ClientSession}), aiming and its refinement ({@link Aiming}),
 * session programs ({@link ProgramRunner}), SR-21's alarm ({@link InvertedAlarm}, {@link AlarmEscalation}),
 * trainers' notes ({@link Notes}), SR-18's pre-use check ({@link PreUseCheck}), the modes the supervisor
 * forces ({@link SafetyModes}), the journal of the supervisor's actions ({@link SafetyJournal}) and the
 * state published each step ({@link StatusPublisher}).
 *
 * <p>One owner thread (the control loop) calls {@link #step} at the control rate; commands from other
 * threads go through {@link #submit} and are decided at the start of the next step, their
 * {@link Decision} completing the returned future. {@link #decide} decides at once on the owner thread
 * (tests on a stepped clock). The owner publishes the state at the end of every step (and of every
 * {@link #decide} outside one) on a {@link StatusBoard}: {@link #status}, {@link #mode},
 * {@link #speedsMmPerS}, {@link #newestSampleNanos} and {@link #allBraked} read it on any thread without a
 * lock, so no reader can hold up the control thread (P-3).
 */
public final class RigController implements RigIo.Events, GroupMotion.Listener {
    private record Pending(Command command, Issuer issuer, CompletableFuture<Decision> reply) {
    }

    private final RigModel model;
    private final SafetySupervisor safety;
    private final EventLog log;
    private final ConcurrentLinkedQueue<Pending> commands = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> events = new ConcurrentLinkedQueue<>();
    private final ModeMachine modes;
    private final ClientSession session;
    private final GroupMotion motion;
    private final Aiming aiming;
    private final ProgramRunner program;
    private final AlarmEscalation alarm;
    private final InvertedAlarm inverted;
    private final Notes notes;
    private final PreUseCheck check;
    private final CommandPolicy policy;
    private final StatusBoard board;
    private final StatusPublisher publisher;
    private final SafetyJournal journal;
    private final SafetyModes safetyModes;

    // owner thread
    private boolean inStep;
    /** This step's rope loads, N (read from the supervisor at the start of each step). */
    private final double[] loadsN;

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
        this(model, drives, log, profileStore, preUse, wallClock, simulated, simulated ? "virtual" : "gpiod");
    }

    /**
     * @param gpio what watches the safety chain, as the status says it ("gpiod", "none (bench)", "virtual")
     * @see #RigController(RigModel, Drives, EventLog, ProfileStore, PreUseChecks, Clock, boolean)
     */
    public RigController(RigModel model, Drives drives, EventLog log, ProfileStore profileStore, PreUseChecks preUse,
            Clock wallClock, boolean simulated, String gpio) {
        this.model = model;
        this.log = log;
        this.journal = new SafetyJournal(model, log, this::faultLatched);
        this.safety = new SafetySupervisor(model, drives, journal);
        this.loadsN = new double[model.ropes().size()];
        this.modes = new ModeMachine(log);
        this.session = new ClientSession(model, safety, modes, log, profileStore, preUse, wallClock, loadsN);
        this.motion = new GroupMotion(model, safety, modes);
        this.aiming = new Aiming(model, safety, modes, log, profileStore, session, motion);
        this.program = new ProgramRunner(model, safety, modes, log, session, aiming, motion);
        this.alarm = new AlarmEscalation(log, model.limits().invertedEscalationS(), model.limits().invertedAlarmS());
        this.inverted = new InvertedAlarm(session, log, alarm, model.limits().invertedAlarmS());
        this.notes = new Notes(session);
        this.check = new PreUseCheck(model, safety, modes, session, log, preUse, wallClock, this::owner);
        this.policy = new CommandPolicy(safety, modes, log, session, aiming, motion, program, check,
                model.limits().commandLeaseS());
        session.bind(aiming);
        motion.bind(session, this);
        policy.bind(alarm, notes);
        this.safetyModes = new SafetyModes(model, safety, modes, motion, aiming, program);
        this.board = new StatusBoard(model.winches().size(), loadsN.length, model.groups().size(), simulated, gpio);
        this.publisher = new StatusPublisher(board, safety, modes, policy, session, aiming, program, inverted, alarm,
                loadsN);
        publisher.publish(0);
    }

    /** The supervisor latched a fault (any thread, its lock held): the next publish reads the faults again. */
    private void faultLatched() {
        StatusPublisher p = publisher;
        if (p != null) {
            p.faultsChanged();
        }
    }

    /** Where trainers' notes go (the session history); without one, a note is refused. */
    public void noteSink(NoteSink sink) {
        notes.sink(sink);
    }

    /**
     * SR-21 across a restart: where the time inverted is made durable while a client hangs inverted
     * ({@code sink}), and the inversion the previous run left open, if any ({@code cut}), which the next
     * steps resume if the leg ropes still carry that client, or close. Call before the first step.
     */
    public synchronized void inversions(InversionSink sink, Optional<CutInversion> cut) {
        inverted.sink(sink);
        cut.ifPresent(inverted::resume);
    }

    private String owner() {
        return policy.owner();
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
        calibrations(byRope, rope -> null);
    }

    /**
     * Sets each rope's calibration (SR-17), journalling each use; a rope without one is uncalibrated for the
     * reason {@code whyNot} gives (e.g. "its calibration file ... cannot be used: ..."), which READY's refusal
     * and the journal name.
     */
    public synchronized void calibrations(Function<Integer, Optional<Calibration>> byRope,
            IntFunction<String> whyNot) {
        for (RigModel.RopeModel r : model.ropes()) {
            Optional<Calibration> c = byRope.apply(r.index());
            String why = c.isPresent() ? null : whyNot.apply(r.index());
            safety.calibrate(r.index(), c, why);
            log.record("calibration-use", Json.of("rope", r.config().id(), "channel", r.channel().toString(),
                    "calibrated", c.isPresent(), "at", c.map(x -> x.at().toString()).orElse(null),
                    "technician", c.map(Calibration::technician).orElse(null), "reason", why));
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
        Decision d = policy.decide(command, issuer, nowNanos);
        if (!(command instanceof Command.Enable) && !(command instanceof Command.Heartbeat)) {
            log.record("command", Json.of("command", command.name(), "panel", issuer.panelId(), "accepted", d.accepted(),
                    "refusal", d.refusal() == null ? null : d.refusal().name(), "detail", d.detail()));
            publisher.faultsChanged(); // a reset may have cleared some
        }
        if (!inStep) {
            publisher.publish(nowNanos);
        }
        return d;
    }

    // ------------------------------------------------------------------ the step

    /**
     * One control step (owner thread), at the control rate: decides queued commands, runs the
     * supervisor's time checks, the state machine, each group's motion, aiming, the program, SR-21.
     *
     * @param nowNanos controller clock, ns
     */
    public synchronized void step(long nowNanos) {
        inStep = true;
        try {
            stepOnce(nowNanos);
        } finally {
            inStep = false;
        }
        publisher.publish(nowNanos);
    }

    private void stepOnce(long nowNanos) {
        Runnable e;
        while ((e = events.poll()) != null) {
            e.run();
        }
        Pending p;
        safety.view().loadsN(loadsN); // commands are decided on this step's loads (client-ready's SR-25 check)
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
        policy.step(nowNanos);
        safety.tick(nowNanos);
        journal.ropeLoads(loadsN);
        session.updateExpectedLoads();
        safetyModes.step();
        motion.step(nowNanos);
        aiming.step(nowNanos);
        program.step(nowNanos);
        inverted.step(nowNanos);
        check.step(nowNanos);
    }

    /** SR-22: the control loop reports a step that started too late. */
    public void lateStep(long lateNanos, long nowNanos) {
        safety.sr22LateStep(lateNanos, nowNanos);
        log.record("late-step", Json.of("lateMs", lateNanos / 1e6));
    }

    // ------------------------------------------------------------------ motion events

    @Override
    public void motionStarted(int g, Purpose why) {
        session.motionStarted();
        if (why != Purpose.AIM) {
            // I-1: another motion replaced the aim; its refinement must not start a move of its own afterwards
            // (R-7 seed 7004344: a jog after the aim arrived, then the refinement drove the legs down by itself)
            aiming.stopRefining();
        }
        if (g == session.legGroup && why != Purpose.RESCUE) {
            policy.legsMoved();
        }
        if (why != Purpose.PROGRAM && modes.mode() != Mode.PROGRAM && modes.is(Mode.READY)) {
            modes.enter(Mode.MOVING, why.name().toLowerCase(Locale.ROOT) + " " + model.group(g).name());
        }
    }

    @Override
    public void motionEnded(int g, Purpose was, String why) {
        if (was == Purpose.AIM && "arrived".equals(why)) {
            aiming.arrived();
        }
        if (was == Purpose.PROGRAM) {
            program.motionEnded(why);
        }
        if (modes.is(Mode.MOVING) && !motion.anyActive()) {
            modes.enter(session.restingMode(), model.group(g).name() + " " + why);
        }
    }

    // ------------------------------------------------------------------ status

    /** A copy of the state as the control thread last published it, for any thread (never waits for it). */
    public RigStatus status() {
        return board.read(check::describe);
    }

    /** The state the trainer sees, as last published (any thread, lock-free). */
    public Mode mode() {
        return board.mode();
    }

    /** Each winch's measured speed as last published, mm/s (positive up), into {@code out} (any thread, lock-free). */
    public void speedsMmPerS(double[] out) {
        board.velocitiesMmPerS(out);
    }

    /**
     * When the newest load sample of any rope was decoded, as last published (host monotonic ns; its age keeps
     * growing through a lost link); {@link Long#MIN_VALUE} before any. Any thread, lock-free.
     */
    public long newestSampleNanos() {
        return board.newestSampleNanos();
    }

    /** Whether every group rested on its brakes, nothing moving, at the last publish (any thread, lock-free). */
    public boolean allBraked() {
        return board.allBraked();
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
            if (modes.is(Mode.STARTING) && state == NodeState.SHUTDOWN) {
                safety.clearNodeShutdowns();
            }
        });
    }

    @Override
    public void onLinkFault(int nodeAddress, LinkFault fault) {
        if (fault.kind() == LinkFault.Kind.NODE_RESET) {
            // SR-23: the supervisor voided its positions (as for any link loss); the journal says why
            events.add(() -> log.record("node", Json.of("address", nodeAddress, "restarted", true)));
        }
    }

    @Override
    public void onBrakeTestResult(int winch, BrakeId brake, BrakeTestOutcome outcome, double movementMm) {
        events.add(() -> check.brakeResult(winch, brake, outcome, movementMm));
    }
}
