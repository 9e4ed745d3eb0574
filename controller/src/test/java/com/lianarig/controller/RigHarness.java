package com.lianarig.controller;

import com.lianarig.config.ChannelRef;
import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.CalibrationPoint;
import com.lianarig.config.profile.ClientProfile;
import com.lianarig.config.profile.ProfileStore;
import com.lianarig.config.rig.LimitSpec;
import com.lianarig.config.rig.PanelRole;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.core.PreUseChecks;
import com.lianarig.controller.core.RigController;
import com.lianarig.controller.rig.RigIo;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.link.LinkTiming;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.hal.SteppedSerialLink;
import com.lianarig.sim.hal.VirtualSafetyChainMonitor;
import com.lianarig.sim.physics.Exercise;
import com.lianarig.sim.physics.LoadCellSim;
import com.lianarig.sim.physics.VirtualClient;
import com.lianarig.sim.physics.WinchSim;
import com.lianarig.sim.transport.InProcessLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The whole controller on the standard virtual rig, on one stepped clock in the test's thread: each
 * millisecond the rig advances, the node's bytes reach the node session, the session steps (samples
 * and status reach the supervisor as they are decoded), and every control period the controller
 * steps. Checks registered with {@link #everyStep} run every millisecond on the rig's true state.
 */
public final class RigHarness implements AutoCloseable {
    public static final long MS = 1_000_000L;
    /** Newtons per kilogram (standard gravity). */
    public static final double G_KG = 9.80665;
    public static final Issuer TRAINER = new Issuer("trainer-tablet", PanelRole.TRAINER);
    public static final Issuer TECHNICIAN = new Issuer("tech-laptop", PanelRole.TECHNICIAN);
    /** Fixed wall clock: the pre-use check's "today". */
    public static final Clock WALL = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC);

    public final VirtualRig rig;
    public final RigModel model;
    public final RigController controller;
    public final RigIo io;
    public final List<String> journal = new ArrayList<>();
    /** Where the events also go, when set ({@link #alsoJournalTo}): a real journal (SR-26 tests). */
    private volatile com.lianarig.controller.core.EventLog alsoTo;
    public final Path dataDir;
    public final ProfileStore profiles;
    public final PreUseChecks preUse;
    private final SteppedSerialLink link;
    private final VirtualSafetyChainMonitor chain;
    private final List<Consumer<RigHarness>> checks = new ArrayList<>();
    private final List<CommandWatcher> watchers = new ArrayList<>();
    private static final Command HEARTBEAT = new Command.Heartbeat();
    private final long controlPeriodNanos;
    public long now = 5_000 * MS;
    private boolean enableHeld;
    private long nextEnableNanos;
    private Issuer enabler = TRAINER;
    /**
     * When set, also receives every record the controller journals (a real journal as the MQTT outbox, the
     * session history's recorder).
     */
    public volatile com.lianarig.controller.core.EventLog tee;
    /** The panels that took command and have not released it: each sends its SR-24 heartbeat every second. */
    private final java.util.Set<Issuer> livePanels = new java.util.LinkedHashSet<>();
    /** Panels gone silent ({@link #silence}): no heartbeat, no enable refresh. */
    private final java.util.Set<Issuer> silentPanels = new java.util.HashSet<>();
    private long nextHeartbeatNanos;
    /** When set, counts the bytes allocated in the product's hot paths as the harness steps (P-4). */
    public AllocationMeter allocations;

    /** The standard rig with the example rig file, limits changed by {@code limits}. */
    public static RigHarness standard(long seed, Path dataDir, UnaryOperator<com.lianarig.config.rig.Limits> limits)
            throws Exception {
        return new RigHarness(seed, dataDir, limits);
    }

    public static RigHarness standard(long seed, Path dataDir) throws Exception {
        return new RigHarness(seed, dataDir, UnaryOperator.identity());
    }

    private RigHarness(long seed, Path dataDir, UnaryOperator<com.lianarig.config.rig.Limits> limits) throws Exception {
        this.dataDir = dataDir;
        Path rigFile = exampleRigFile();
        RigConfig base = new RigConfigLoader(Map.of("RIG_DATA_DIR", dataDir.toString())).load(rigFile);
        RigConfig config = new RigConfig(base.nodes(), base.winches(), base.ropes(), limits.apply(base.limits()),
                base.gpio(), base.mqtt(), base.panels(), base.journal(), base.paths());
        this.model = new RigModel(config);
        this.controlPeriodNanos = 1_000_000_000L / config.limits().controlRateHz();
        this.rig = VirtualRig.standardInProcess(seed);
        this.link = new SteppedSerialLink((InProcessLink) rig.port(0));
        this.chain = new VirtualSafetyChainMonitor(rig.physics().safetyChain(), 0, () -> now);
        this.profiles = new ProfileStore(dataDir.resolve("profiles"), new NioFileOps());
        this.preUse = new PreUseChecks(dataDir.resolve("pre-use-check.txt"));
        this.io = new RigIo(model, node -> link, LinkTiming.DEFAULTS, chain, () -> now);
        this.controller = new RigController(model, io, (kind, body) -> {
            journal.add(kind + " " + body);
            com.lianarig.controller.core.EventLog also = alsoTo;
            if (also != null) {
                also.record(kind, body);
            }
            com.lianarig.controller.core.EventLog teed = tee;
            if (teed != null) {
                teed.record(kind, body);
            }
        }, profiles,
                preUse, WALL, true);
        io.bind(controller.safety(), controller, () -> now);
        controller.calibrations(rope -> Optional.of(trueCalibration(rope)));
    }

    static Path exampleRigFile() {
        for (Path p : List.of(Path.of("../config/examples/rig.yaml"), Path.of("config/examples/rig.yaml"))) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("config/examples/rig.yaml not found from " + Path.of("").toAbsolutePath());
    }

    /** A calibration that matches the virtual load cell exactly (two points from its true offset and scale). */
    public Calibration trueCalibration(int rope) {
        LoadCellSim cell = rig.physics().cell(rope);
        double countsPerKg = cell.countsPerN() * CalibrationPoint.STANDARD_GRAVITY_M_PER_S2;
        ChannelRef ref = model.rope(rope).channel();
        return Calibration.fromPoints(ref, Instant.parse("2026-11-01T09:00:00Z"), "test", List.of(
                new CalibrationPoint(cell.offsetCounts(), 0),
                new CalibrationPoint(cell.offsetCounts() + 50 * countsPerKg, 50)));
    }

    /** Starts the rig and the controller; steps until HOLDING and references both groups at their true positions. */
    public RigHarness boot() {
        bootUnreferenced();
        must(TECHNICIAN, new Command.TakeControl());
        for (RigModel.Group g : model.groups()) {
            must(TECHNICIAN, new Command.Reference(g.name(), truePositionMm(g.winches()[0])));
        }
        must(TECHNICIAN, new Command.ReleaseControl());
        step(100);
        return this;
    }

    /**
     * Powers the rig and the controller up and steps until it leaves STARTING, referencing nothing: the
     * controller holds with the positions as the encoders read them (a power-up before a technician
     * references the winches), nobody in command.
     */
    public RigHarness bootUnreferenced() {
        rig.start(now);
        chain.startStepped();
        io.startStepped();
        link.open();
        if (!stepUntil(() -> controller.mode() != Mode.STARTING, 3_000)) {
            throw new AssertionError("still STARTING after 3 s: " + controller.status().modeReason());
        }
        return this;
    }

    /** Boots, records today's pre-use check, saves a client and straps it in: READY with the trainer in command. */
    public RigHarness ready(VirtualClient client, ClientProfile profile) throws IOException {
        boot();
        preUse.record(LocalDate.now(WALL), "test", "passed");
        profiles.save(profile);
        must(TRAINER, new Command.TakeControl());
        must(TRAINER, new Command.Attach(profile.id()));
        rig.locked(() -> {
            rig.physics().client(client, Exercise.INVERTED_HANG);
            return null;
        });
        step(200);
        must(TRAINER, new Command.ClientReady());
        return this;
    }

    /**
     * A client profile with an SR-20 ceiling of 1,400 mm, or lower where the stature allows less (the
     * ankle-to-C7 length, 0.816 x stature, rounded down to 10 mm): the reference 70 kg / 1,750 mm client's is
     * 1,400 mm.
     */
    public static ClientProfile profile(String id, double massKg, double statureMm) {
        return profile(id, massKg, statureMm, Math.min(1_400, Math.floor(0.816 * statureMm / 10) * 10));
    }

    /** A client profile with this SR-20 maximum strap height, mm. */
    public static ClientProfile profile(String id, double massKg, double statureMm, double maxStrapHeightMm) {
        return new ClientProfile(id, statureMm, massKg, Map.of(), Map.of(), OptionalDouble.of(maxStrapHeightMm),
                List.of());
    }

    /**
     * Sees every command sent through this harness ({@link #decide}, {@link #must}, the enable that
     * {@link #holdEnable} refreshes) with the controller's decision: what an oracle needs to keep its
     * own ledger of what was asked and accepted (the R-7 invariants), without reading the controller's
     * internals.
     */
    @FunctionalInterface
    public interface CommandWatcher {
        void decided(Issuer who, Command command, Decision decision, long nowNanos);
    }

    /** Calls {@code watcher} with every command this harness sends and its decision, in order. */
    public void watchCommands(CommandWatcher watcher) {
        watchers.add(watcher);
    }

    public Decision decide(Issuer who, Command c) {
        Decision d = controller.decide(c, who, now);
        if (c instanceof Command.TakeControl && d.accepted()) {
            livePanels.add(who);
            silentPanels.remove(who);
        } else if (c instanceof Command.ReleaseControl && d.accepted()) {
            livePanels.remove(who);
        }
        for (CommandWatcher w : watchers) {
            w.decided(who, c, d, now);
        }
        return d;
    }

    public Decision must(Issuer who, Command c) {
        Decision d = decide(who, c);
        if (!d.accepted()) {
            throw new AssertionError(c.name() + " refused: " + d);
        }
        return d;
    }

    /** Holds (or lets go of) the panel's enable: refreshed every 100 ms while held. */
    public void holdEnable(boolean held) {
        enableHeld = held;
        decide(enabler, new Command.Enable(held));
        nextEnableNanos = now + 100 * MS;
    }

    /** The panel stops refreshing its enable without letting go (a crashed or disconnected panel): SR-10's staleness. */
    public void stopRefreshingEnable() {
        enableHeld = false;
    }

    /**
     * The panel goes silent (a phone in a pocket, a dead battery, a lost Wi-Fi): no more heartbeats and
     * no more enable refreshes from it (SR-24's lease, SR-10's staleness).
     */
    public void silence(Issuer panel) {
        silentPanels.add(panel);
        if (panel.equals(enabler)) {
            enableHeld = false;
        }
    }

    /** From now on every event also goes to {@code log} (a real journal), besides {@link #journal}. */
    public void alsoJournalTo(com.lianarig.controller.core.EventLog log) {
        alsoTo = log;
    }

    /** Runs {@code check} every millisecond (on the rig's true state). */
    public void everyStep(Consumer<RigHarness> check) {
        checks.add(check);
    }

    public void step(long millis) {
        for (long i = 0; i < millis; i++) {
            now += MS;
            rig.advanceTo(now);
            link.pump();
            chain.step(now);
            AllocationMeter meter = allocations;
            long before = meter == null ? 0 : meter.now();
            io.step(now);
            if (meter != null) {
                meter.ioBytes += meter.now() - before;
                meter.ioCalls++;
            }
            link.pump();
            if (enableHeld && now >= nextEnableNanos) {
                decide(enabler, new Command.Enable(true));
                nextEnableNanos = now + 100 * MS;
            }
            if (now >= nextHeartbeatNanos) {
                // SR-24: every panel that took command sends a heartbeat every second, as the real panels do
                nextHeartbeatNanos = now + 1_000 * MS;
                for (Issuer p : List.copyOf(livePanels)) {
                    if (!silentPanels.contains(p)) {
                        decide(p, HEARTBEAT);
                    }
                }
            }
            if (now % controlPeriodNanos == 0) {
                int records = journal.size();
                long beforeStep = meter == null ? 0 : meter.now();
                controller.step(now);
                if (meter != null) {
                    long bytes = meter.now() - beforeStep;
                    if (journal.size() > records) {
                        meter.journallingSteps++; // a step that writes a record builds its words: not steady state
                    } else {
                        meter.controlBytes += bytes;
                    }
                    meter.controlSteps++;
                }
                link.pump();
            }
            for (Consumer<RigHarness> c : checks) {
                c.accept(this);
            }
        }
    }

    public boolean stepUntil(BooleanSupplier condition, long millis) {
        for (long i = 0; i < millis; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            step(1);
        }
        return condition.getAsBoolean();
    }

    // ------------------------------------------------------------------ the rig's true state

    public WinchSim winchSim(int winch) {
        return rig.physics().winch(winch);
    }

    public double truePositionMm(int winch) {
        return rig.locked(() -> rig.physics().winch(winch).positionMm());
    }

    public double trueVelocityMmPerS(int winch) {
        return rig.locked(() -> rig.physics().winch(winch).velocityMmPerS());
    }

    /**
     * An {@link #everyStep} check on the leg winches (0, 1), on the rig's true state: how far either rose
     * above its lowest point since the check began, and its fastest upward speed. In FAULT the legs may only
     * go down (the rescue descent) or stay; a servo settling at the end of a smooth stop rises by hundredths
     * of a mm, a set-point step that the node overshoots and drives back by about 0.5 mm at 2..8 mm/s.
     */
    public static final class LegRise implements Consumer<RigHarness> {
        private final double[] lowestMm = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        private double riseMm;
        private double upMmPerS;

        @Override
        public void accept(RigHarness h) {
            for (int w = 0; w < 2; w++) {
                double p = h.truePositionMm(w);
                lowestMm[w] = Math.min(lowestMm[w], p);
                riseMm = Math.max(riseMm, p - lowestMm[w]);
                upMmPerS = Math.max(upMmPerS, h.trueVelocityMmPerS(w));
            }
        }

        /** Fails unless the legs rose at most {@code maxRiseMm} and never faster than {@code maxUpMmPerS}. */
        public void assertAtMost(double maxRiseMm, double maxUpMmPerS) {
            if (riseMm > maxRiseMm || upMmPerS > maxUpMmPerS) {
                throw new AssertionError(String.format(java.util.Locale.ROOT,
                        "the legs rose %.3f mm (at most %.3f), up to %.2f mm/s (at most %.2f)", riseMm, maxRiseMm,
                        upMmPerS, maxUpMmPerS));
            }
        }
    }

    public boolean trueBrakesEngaged(int winch) {
        return rig.locked(() -> rig.physics().winch(winch).brakeEngaged(BrakeId.MOTOR)
                && rig.physics().winch(winch).brakeEngaged(BrakeId.DRUM));
    }

    public double trueTensionN(int rope) {
        return rig.locked(() -> rig.physics().tensionN(rope));
    }

    public Mode mode() {
        return controller.mode();
    }

    public boolean journalHas(String fragment) {
        return journal.stream().anyMatch(j -> j.contains(fragment));
    }

    public static VirtualClient client(double massKg, double statureMm, long seed) {
        return VirtualClient.varied(massKg, statureMm, new SplittableRandom(seed));
    }

    public static com.lianarig.config.rig.Limits with(com.lianarig.config.rig.Limits l, LimitSpec spec, double value) {
        return l.with(spec, value);
    }

    @Override
    public void close() {
        io.close();
        chain.close();
        rig.close();
    }
}
