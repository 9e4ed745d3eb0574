package com.lianarig.controller.service;

import com.lianarig.config.calibration.ChannelCalibration;
import com.lianarig.config.calibration.CalibrationPolicy;
import com.lianarig.config.calibration.CalibrationStore;
import com.lianarig.config.profile.ProfileStore;
import com.lianarig.config.profile.SessionHistoryStore;
import com.lianarig.config.rig.NodeConfig;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.core.DateTrust;
import com.lianarig.controller.core.EventLog;
import com.lianarig.controller.core.Json;
import com.lianarig.controller.core.PreUseChecks;
import com.lianarig.controller.core.RigController;
import com.lianarig.controller.core.SystemDateTrust;
import com.lianarig.controller.loop.ControlLoop;
import com.lianarig.controller.rig.LinkDiagnostics;
import com.lianarig.controller.rig.RigIo;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.SafetySupervisor;
import com.lianarig.controller.history.InversionFile;
import com.lianarig.controller.history.SessionRecorder;
import com.lianarig.controller.signals.RigSignals;
import com.lianarig.hal.Buzzer;
import com.lianarig.hal.Pendant;
import com.lianarig.hal.StatusLight;
import com.lianarig.hal.SafetyChainMonitor;
import com.lianarig.hal.serial.SerialLink;
import com.lianarig.protocol.link.LinkTiming;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service: wires the rig file's nodes (through the given links), the safety chain monitor, the
 * controller and its 100 Hz control loop, the status light and buzzer ({@link RigSignals}), the
 * clients' session history ({@link SessionRecorder}) and SR-21's inversion file ({@link InversionFile}: a
 * client left hanging inverted by a power cut is found at start), in one place (STYLE rule 7). {@link #close} is the
 * controlled stop: every motion stops (category 1), the brakes are applied and seen applied (or a
 * time-out passes), then the loop and the links close. A JVM shutdown hook calls it on SIGTERM.
 */
public final class RigService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RigService.class);
    /** How long the controlled stop waits for every group to be braked, ns. */
    static final long STOP_WAIT_NANOS = 3_000_000_000L;

    /**
     * The hardware (or the virtual rig) the service drives.
     *
     * @param links a serial link per node of the rig file
     * @param chain the safety chain's monitor contact
     * @param simulated true on a virtual rig (the state says so)
     * @param gpio what watches the safety chain, as the state says it: "gpiod", "none (bench)", "virtual"...
     * @param pendant the wired pendant, when the rig has one
     * @param light the status light, when the rig has one
     * @param buzzer the buzzer, when the rig has one
     * @param resources closed last, after the links
     */
    public record Hardware(Function<NodeConfig, SerialLink> links, SafetyChainMonitor chain, boolean simulated,
            String gpio, Optional<Pendant> pendant, Optional<StatusLight> light, Optional<Buzzer> buzzer,
            AutoCloseable resources) {
        /** The GPIO named after {@code simulated}: "virtual" on a virtual rig, else "gpiod". */
        public Hardware(Function<NodeConfig, SerialLink> links, SafetyChainMonitor chain, boolean simulated,
                Optional<Pendant> pendant, Optional<StatusLight> light, Optional<Buzzer> buzzer,
                AutoCloseable resources) {
            this(links, chain, simulated, simulated ? "virtual" : "gpiod", pendant, light, buzzer, resources);
        }

        /** Without a status light or buzzer. */
        public Hardware(Function<NodeConfig, SerialLink> links, SafetyChainMonitor chain, boolean simulated,
                String gpio, Optional<Pendant> pendant, AutoCloseable resources) {
            this(links, chain, simulated, gpio, pendant, Optional.empty(), Optional.empty(), resources);
        }

        /** The GPIO named after {@code simulated}, without a status light or buzzer. */
        public Hardware(Function<NodeConfig, SerialLink> links, SafetyChainMonitor chain, boolean simulated,
                Optional<Pendant> pendant, AutoCloseable resources) {
            this(links, chain, simulated, pendant, Optional.empty(), Optional.empty(), resources);
        }

        public Hardware(Function<NodeConfig, SerialLink> links, SafetyChainMonitor chain, boolean simulated,
                AutoCloseable resources) {
            this(links, chain, simulated, Optional.empty(), resources);
        }
    }

    private final RigConfig config;
    private final Hardware hardware;
    private final RigModel model;
    private final RigIo io;
    private final RigController controller;
    private final ControlLoop loop;
    private final EventLog journal;
    private final LinkWatch linkWatch;
    private final SystemDateTrust dateTrust;
    private final SessionRecorder history;
    private final InversionFile inversions;
    private final RigSignals signals;
    private volatile PendantBridge pendant;
    private volatile boolean closed;

    /**
     * @param config the validated rig file
     * @param hardware the links and safety chain (jSerialComm and Pi4J in service, the virtual rig in demo)
     * @param journal where events go
     * @param wall the wall clock (SR-18's date)
     */
    public RigService(RigConfig config, Hardware hardware, EventLog journal, Clock wall) {
        this.config = config;
        this.hardware = hardware;
        this.model = new RigModel(config);
        this.io = new RigIo(model, hardware.links(), LinkTiming.DEFAULTS, hardware.chain(), System::nanoTime);
        this.linkWatch = new LinkWatch(io::linkDiagnostics, journal);
        ProfileStore profiles = new ProfileStore(config.paths().profilesDir(), new NioFileOps());
        this.dateTrust = SystemDateTrust.start(); // SR-18: "today" only from a synchronised clock or an RTC
        // the session history listens to the controller's journal (SPEC section 5); notes reach it on their own
        this.history = new SessionRecorder(new SessionHistoryStore(config.paths().profilesDir(), new NioFileOps()),
                journal, System::nanoTime, wall);
        this.journal = history.tap(journal);
        PreUseChecks preUse = new PreUseChecks(config.paths().dataDir().resolve("pre-use-check.txt"), dateTrust,
                System::nanoTime);
        this.controller = new RigController(model, io, this.journal, profiles, preUse, wall, hardware.simulated(),
                hardware.gpio());
        controller.safety().watchStorage(journal.storage()); // SR-26
        controller.noteSink(history);
        // SR-21 across a restart (issue 14): a client left hanging inverted is found, and the count goes on
        this.inversions = new InversionFile(config.paths().dataDir().resolve(InversionFile.NAME), new NioFileOps(),
                this.journal);
        controller.inversions(inversions, inversions.load());
        this.signals = new RigSignals(controller::status, hardware.light(), hardware.buzzer(), System::nanoTime);
        io.bind(controller.safety(), controller, System::nanoTime);
        CalibrationStore calibrations = new CalibrationStore(config.paths().calibrationDir(), new NioFileOps(),
                CalibrationPolicy.from(config.limits()));
        // SR-17, R-9: a channel whose calibration file is damaged stays uncalibrated, saying why; the service starts
        ChannelCalibration[] byRope = new ChannelCalibration[model.ropes().size()];
        for (RigModel.RopeModel r : model.ropes()) {
            byRope[r.index()] = calibrations.lookup(r.channel());
            if (byRope[r.index()].whyNot() != null) {
                log.warn("rope {} ({}) is not calibrated: {}; READY is refused until it is (SR-17)", r.config().id(),
                        r.channel(), byRope[r.index()].whyNot());
            }
        }
        controller.calibrations(rope -> byRope[rope].calibration(), rope -> byRope[rope].whyNot());
        long period = 1_000_000_000L / config.limits().controlRateHz();
        this.loop = new ControlLoop(new ControlLoop.Body() {
            @Override
            public void step(long nowNanos) {
                controller.step(nowNanos);
            }

            @Override
            public void late(long lateNanos, long nowNanos) {
                controller.lateStep(lateNanos, nowNanos);
            }
        }, period, config.limits().loopLateMs() * 1_000_000L, System::nanoTime);
    }

    /**
     * Asks for SCHED_FIFO at {@code priority} for the control loop, and one below it for the node
     * sessions' threads (P-3: they hold the supervisor's lock that every step takes, and carry the
     * set-points; at normal priority a busy machine preempts them while they hold it and the loop waits);
     * 0: normal scheduling. Call before {@link #start}; if the system refuses, the threads run at normal
     * priority and say so.
     */
    public void realtime(int priority) {
        loop.realtime(priority);
        io.realtime(priority == 0 ? 0 : Math.max(1, priority - 1));
    }

    /** Starts the node sessions and the control loop. */
    public void start() {
        journal.record("service", Json.of("event", "start", "simulated", hardware.simulated(), "gpio", hardware.gpio(),
                "nodes", config.nodes().size(), "winches", config.winches().size(), "ropes", config.ropes().size()));
        history.start();
        inversions.start();
        io.start();
        loop.start();
        linkWatch.start();
        signals.start();
        hardware.pendant().ifPresent(p -> pendant = new PendantBridge(p, controller,
                model.legPair().map(RigModel.Group::name).orElse(model.group(0).name())));
        log.info("service started: {} node(s), control loop at {} Hz", config.nodes().size(),
                config.limits().controlRateHz());
    }

    public RigController controller() {
        return controller;
    }

    /** Every node link's state and counters since the service started (docs/hal.md, "Link diagnostics"). */
    public List<LinkDiagnostics> linkDiagnostics() {
        return io.linkDiagnostics();
    }

    /** Whether the system clock can be trusted (SR-18's, also said with the wall time on MQTT). */
    public DateTrust dateTrust() {
        return dateTrust;
    }

    public SafetySupervisor safety() {
        return controller.safety();
    }

    /** The clients' session history as it is written (what the panels see: {@code R/panel/history}). */
    public SessionRecorder sessionHistory() {
        return history;
    }

    /** How the control loop thread is scheduled, in words (P-3). */
    public String loopScheduling() {
        return loop.scheduling();
    }

    public ControlLoop.Stats loopStats() {
        return loop.stats();
    }

    /** The control loop's steps more than 5 ms late so far (P-3 diagnosis). */
    public List<ControlLoop.LateStep> loopLateSteps() {
        return loop.lateSteps();
    }

    /** The controlled stop: STOP, wait for the brakes, then close everything. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("controlled stop: stopping all motion and applying the brakes");
        if (pendant != null) {
            pendant.close();
        }
        controller.submit(new Command.Stop(), new Issuer("service", com.lianarig.config.rig.PanelRole.TECHNICIAN));
        long deadline = System.nanoTime() + STOP_WAIT_NANOS;
        while (System.nanoTime() < deadline && !allBraked()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        journal.record("service", Json.of("event", "stop", "braked", allBraked(), "mode", controller.mode().name()));
        linkWatch.close();
        dateTrust.close();
        signals.close();
        loop.close();
        inversions.close(); // after the loop: the last state it handed over is written
        io.close();
        history.close(); // after the stop record: the open session ends "service stopped" and is saved
        try {
            hardware.resources().close();
        } catch (Exception e) {
            log.warn("closing the hardware failed: {}", e.toString());
        }
        log.info("service stopped");
    }

    private boolean allBraked() {
        return controller.allBraked(); // the control thread's snapshot: this thread takes no lock the loop needs
    }
}
