package com.lianarig.tools.bench;

import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.CalibrationPoint;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.config.profile.ProfileStore;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.controller.core.EventLog;
import com.lianarig.controller.core.PreUseChecks;
import com.lianarig.controller.core.RigController;
import com.lianarig.controller.rig.RigIo;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.MotionKind;
import com.lianarig.controller.safety.ResetRole;
import com.lianarig.controller.safety.SafetyRule;
import com.lianarig.controller.safety.SafetySupervisor;
import com.lianarig.hal.SafetyChainListener;
import com.lianarig.hal.SafetyChainMonitor;
import com.lianarig.hal.serial.JSerialCommLink;
import com.lianarig.hal.serial.SerialSettings;
import com.lianarig.protocol.LoadSamples;
import com.lianarig.protocol.link.LinkTiming;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/**
 * {@code rig bench-reaction}: P-2, the safety reaction over a real pty. The host side is the service's
 * own path: a {@code NodeSession} over {@code JSerialCommLink} (by path, on one end of a socat pty pair),
 * wired by {@link RigIo} into the real {@link SafetySupervisor} of a real {@link RigController} (which
 * journals every fault to the "journal" logger, as the service does), with the standard rig's config,
 * a 70 kg client and calibrations; no control loop runs (the bench plays its part). The bench plays the
 * node on the other end ({@link ScriptedNode}).
 *
 * <p>One trip: the supervisor resets SR-1 (trainer), releases the leg pair and admits one upward
 * set-point (the pair is FOLLOWING and ascending, as under the control loop); after a random 0..12.5 ms
 * the bench writes a LOAD_SAMPLES frame with the left leg at 160 kg (SR-1 limit 150 kg), timestamps
 * the write's return, and its reader timestamps the arrival of the first byte of the STOP frame. The
 * next normal sample takes the cause away, so every trip starts from the same state. A link hiccup on a
 * loaded machine voids the pair's positions (SR-23, v3): the next preparation references the braked pair
 * where it stands, as a technician would, before it begins the motion (without that every later
 * preparation was refused and the bench ran 2 of 10,000 trips).
 *
 * <p>Baseline, interleaved trip by trip in the same run: a bare read-then-write echo (one thread,
 * blocking file I/O) on the host end of a second socat pty pair, the same frame bytes, timed the same
 * way (write return to the first echoed byte).
 */
@picocli.CommandLine.Command(name = "bench-reaction", mixinStandardHelpOptions = true,
        versionProvider = com.lianarig.tools.RigVersion.class,
        description = "P-2 benchmark: SR-1 overload sample in -> STOP out over a real pty, against a bare pty echo.")
public final class BenchReactionCommand implements Callable<Integer> {
    /** One sample period at 80 Hz: P-2's deadline, ns. */
    static final long DEADLINE_NANOS = 12_500_000L;
    private static final double OFFSET_COUNTS = 100_000;
    private static final double COUNTS_PER_KG = 1_000;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--trips", defaultValue = "10000", paramLabel = "N", description = "trips (and echo round trips), default 10,000")
    int trips;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "seed of the random moments")
    long seed;

    /**
     * Tests only: before every this many trips (0: never) the scripted node goes silent for
     * {@link #SILENCE_NANOS}, so the host loses the link (SR-9) and voids the pair's positions (SR-23), as a
     * hiccup on a loaded machine does; the next preparation must bring the pair back.
     */
    int silenceEveryTrips;
    static final long SILENCE_NANOS = 300_000_000L;
    /** How long each step of a preparation may take, ns. */
    private static final long PREPARE_STEP_NANOS = 5_000_000_000L;
    /** Where the scripted node's winches stand, mm (they never move): the height the bench references them at. */
    private static final double HEIGHT_MM = 500;

    PrintStream out = System.out;
    private int reReferences;
    /**
     * Whether a fault other than the trip's SR-1 (a late sample or link on the loaded machine: SR-8, SR-9)
     * latched since the last trip. Its aftermath may refuse a preparation with no fault latched: the host
     * holds the pair BRAKED while the node, whose STOP was lost with the link and which has no set-point
     * gap watchdog, still reports its winches FOLLOWING ("winch ... is FOLLOWING"), until a later stop reaches it.
     */
    private boolean afterHiccup;

    /**
     * What a run did.
     *
     * @param timed trips that got their STOP within 1 s
     * @param lost trips without a STOP within 1 s
     * @param preparationsFailed preparations that did not reach FOLLOWING with one set-point admitted (retried, not trips)
     * @param firstPreparationFailure the first failed preparation's failing step and refusal, in words, or null
     * @param preparationsFailedWithoutFault failed preparations with no fault latched when they gave up and none
     *        other than SR-1 since the last trip: not the loaded machine's hiccups (a late sample or link latches
     *        SR-8 or SR-9 and stops the pair) or their aftermath, but a refusal the bench should not meet
     * @param firstFailureWithoutFault the first of those, in words, or null
     * @param reReferences preparations that referenced the pair again (SR-23: after a lost link)
     * @param faults faults journalled
     */
    record Result(int trips, int timed, int lost, int preparationsFailed, String firstPreparationFailure,
            int preparationsFailedWithoutFault, String firstFailureWithoutFault, int reReferences, long faults,
            long stopFrames) {
        boolean complete() {
            return timed + lost == trips;
        }
    }

    @Override
    public Integer call() throws Exception {
        com.lianarig.tools.OptionRules.of(spec).atLeast("--trips", trips, 1, "");
        Result result = run();
        if (result == null) {
            return ExitCode.SOFTWARE;
        }
        if (!result.complete()) {
            out.printf(Locale.ROOT, "rig bench-reaction: only %d of %d trips ran: %d preparations failed; the first: %s%n",
                    result.timed() + result.lost(), trips, result.preparationsFailed(), result.firstPreparationFailure());
            return ExitCode.SOFTWARE;
        }
        return ExitCode.OK;
    }

    /** Runs the bench and prints its report; null when the host could not configure the node (said why). */
    Result run() throws Exception {
        reReferences = 0;
        Path data = Files.createTempDirectory("rig-bench-reaction-");
        Path rigFile = data.resolve("rig.yaml");
        try (InputStream in = BenchReactionCommand.class.getResourceAsStream("/demo/rig.yaml")) {
            Files.copy(in, rigFile);
        }
        RigConfig config = new RigConfigLoader(Map.of("RIG_DATA_DIR", data.toString())).load(rigFile);
        RigModel model = new RigModel(config);
        int legs = model.legPair().orElseThrow().index();
        int[] legWinches = model.group(legs).winches();
        RigModel.WinchModel legWinch = model.winch(legWinches[0]);

        try (PtyPair nodePty = PtyPair.open("node"); PtyPair echoPty = PtyPair.open("echo")) {
            int[] normal = {raw(30), raw(30), raw(0), raw(0)};
            int[] violating = {raw(160), raw(30), raw(0), raw(0)};
            ScriptedNode node = new ScriptedNode(nodePty.openA(), normal, legWinch.countsOf(HEIGHT_MM),
                    legWinch.countsOf(5), model.rope(0).sampleRateHz(), config.nodes().get(0).statusRateHz());
            node.start();

            AtomicLong faults = new AtomicLong();
            org.slf4j.Logger journalLog = org.slf4j.LoggerFactory.getLogger("journal");
            EventLog journal = (kind, body) -> {
                if (kind.equals("fault")) {
                    faults.incrementAndGet();
                }
                journalLog.info("{} {}", kind, body); // as the service's journal (ServiceJournal)
            };
            String hostPath = nodePty.pathB().toRealPath().toString();
            RigIo io = new RigIo(model, n -> JSerialCommLink.byPath(hostPath, SerialSettings.defaults()),
                    LinkTiming.DEFAULTS, new HealthyChain(), System::nanoTime);
            // The service's wiring (RigService) without its control loop: the controller is the
            // supervisor's listener (it journals every fault and stop), the bench steps the motion.
            RigController controller = new RigController(model, io, journal,
                    new ProfileStore(config.paths().profilesDir(), new NioFileOps()),
                    new PreUseChecks(data.resolve("pre-use-check.txt")), Clock.systemDefaultZone(), false);
            SafetySupervisor safety = controller.safety();
            io.bind(safety, controller, System::nanoTime);
            for (RigModel.RopeModel r : model.ropes()) {
                safety.calibrate(r.index(), Optional.of(Calibration.fromPoints(r.channel(), Instant.now(),
                        "bench", List.of(new CalibrationPoint(OFFSET_COUNTS, 0),
                                new CalibrationPoint(OFFSET_COUNTS + 50 * COUNTS_PER_KG, 50)))));
            }
            safety.client().setClientMassKg(70);
            double g = RigModel.G_MPS2;
            safety.client().setExpectedLoadsN(new double[] {30 * g, 30 * g, 0, 0});
            io.start();
            if (!await(() -> node.configured() && safety.view().allInputsSeen() && safety.view().haveStatus(0)
                    && safety.view().haveStatus(1), 10_000_000_000L)) {
                out.println("rig bench-reaction: the host did not configure the scripted node within 10 s");
                io.close();
                node.close();
                return null;
            }

            RandomAccessFile echoBench = echoPty.openA();
            RandomAccessFile echoHost = echoPty.openB();
            Thread echo = new Thread(() -> echo(echoHost), "pty-echo");
            echo.setDaemon(true);
            echo.start();
            byte[] echoFrame = ScriptedNode.frame(node.samples(violating));

            out.printf(Locale.ROOT, "rig bench-reaction: %d trips, SR-1 overload (left leg 160 kg, limit %.0f kg) while"
                    + " the leg pair is FOLLOWING and ascending; echo frame %d bytes; %d cores, load average %.2f%n",
                    trips, model.rope(0).limitN() / g, echoFrame.length, Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            long[] reaction = new long[trips];
            long[] echoes = new long[trips];
            int lost = 0;
            int notReady = 0;
            String firstFailure = null;
            int unexplained = 0;
            afterHiccup = false;
            String firstUnexplained = null;
            int silencedBefore = 0;
            SplittableRandom random = new SplittableRandom(seed);
            byte[] echoIn = new byte[echoFrame.length];
            long began = System.nanoTime();
            int i = 0;
            while (i < trips && notReady < trips) {
                // the echo baseline, same frame bytes, same timing
                long t0 = 0;
                synchronized (echoBench) {
                    echoBench.write(echoFrame);
                    t0 = System.nanoTime();
                }
                int got = echoBench.read(echoIn, 0, echoIn.length);
                long e = System.nanoTime() - t0;
                if (i < trips) {
                    echoes[i] = e;
                }
                while (got < echoIn.length) {
                    got += echoBench.read(echoIn, got, echoIn.length - got);
                }

                if (silenceEveryTrips > 0 && i > 0 && i % silenceEveryTrips == 0 && silencedBefore != i) {
                    silencedBefore = i;
                    long silenceEnds = node.goSilent(SILENCE_NANOS);
                    // until the host saw the link lost (positions void) and decoded a sample after the silence
                    // (SR-8 judges the gap then): the next preparation starts from what the hiccup left
                    await(() -> !trusted(safety, legWinches) && safety.view().newestSampleNanos() - silenceEnds > 0,
                            PREPARE_STEP_NANOS);
                }

                // one reaction trip from the same state
                String notPrepared = prepare(safety, legs, legWinches);
                if (notPrepared != null) {
                    if (firstFailure == null) {
                        firstFailure = notPrepared;
                        out.println("  preparation failed (retried; only the first is shown): " + notPrepared);
                    }
                    notReady++; // not a trip: the host could not be brought to FOLLOWING: again
                    if (safety.faulted()) {
                        afterHiccup = true;
                    } else if (!afterHiccup) { // no hiccup's fault (SR-8, SR-9) since the last trip: a refusal the bench must not meet
                        unexplained++;
                        if (firstUnexplained == null) {
                            firstUnexplained = notPrepared;
                            out.println("  preparation failed with no fault latched (the first): " + notPrepared);
                        }
                    }
                    continue;
                }
                afterHiccup = false;
                LockSupport.parkNanos(random.nextLong(DEADLINE_NANOS));
                node.arm();
                long w = node.writeTimed(node.samples(violating));
                long deadline = w + 1_000_000_000L;
                long arrived;
                while ((arrived = node.stopArrivalNanos()) == 0 && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(50_000L);
                }
                if (arrived == 0) {
                    lost++;
                    reaction[i] = Long.MAX_VALUE;
                    if (lost <= 3) { // what the host made of it: SR-1 latched or not, another fault first
                        out.printf(Locale.ROOT, "  trip %d: no STOP within 1 s; the leg pair is %s; faults %s%n", i + 1,
                                safety.view().groupState(legs), safety.faults());
                    }
                } else {
                    reaction[i] = arrived - w;
                }
                i++;
                if (i % 1000 == 0) {
                    out.printf(Locale.ROOT, "  %d trips, %.0f s%n", i, (System.nanoTime() - began) / 1e9);
                }
            }
            report(Arrays.copyOf(reaction, i), Arrays.copyOf(echoes, i), lost, notReady, unexplained, reReferences,
                    faults.get(),
                    node.stopFrames());
            io.close();
            node.close();
            echoBench.close();
            echoHost.close();
            return new Result(trips, i - lost, lost, notReady, firstFailure, unexplained, firstUnexplained, reReferences,
                    faults.get(), node.stopFrames());
        }
    }

    /**
     * Back to the trip's start: wait for a normal sample after the last overload, reset SR-1 (and any
     * other fault a trainer may reset, e.g. SR-9 after a link hiccup on the loaded machine), wait for the
     * node's link READY with every input and the pair braked; when a lost link voided the pair's positions (SR-23), reference it where it stands, as
     * a technician would, and wait for the node to confirm; enable, open an upward motion in the gate (its
     * brakes release), wait for FOLLOWING, admit one upward set-point.
     *
     * @return null when the pair is FOLLOWING with one set-point admitted; otherwise the failing step and
     *         the refusal, in words
     */
    private String prepare(SafetySupervisor safety, int legs, int[] legWinches) {
        long limit = PREPARE_STEP_NANOS;
        for (com.lianarig.controller.safety.Fault f : safety.faults()) {
            if (f.rule() != SafetyRule.SR_1) {
                afterHiccup = true;
            }
        }
        if (!await(() -> !safety.faulted() || safety.reset(ResetRole.TRAINER, System.nanoTime()).isEmpty(), limit)) {
            return "a trainer's reset left faults latched: " + safety.reset(ResetRole.TRAINER, System.nanoTime());
        }
        if (!await(safety.view()::allInputsSeen, limit)) { // after a lost link: identified, configured, READY (SR-9)
            return "the node's link did not come back READY with every sample and status within 5 s (SR-9)";
        }
        if (!await(() -> safety.view().groupState(legs) == SafetySupervisor.GroupState.BRAKED, limit)) {
            return "the leg pair did not come to BRAKED within 5 s: " + safety.view().groupState(legs);
        }
        if (!trusted(safety, legWinches)) {
            safety.reference(legs, HEIGHT_MM, System.nanoTime()); // SR-23
            reReferences++;
            if (!await(() -> trusted(safety, legWinches), limit)) {
                return "the node did not confirm the leg pair's reference at " + HEIGHT_MM + " mm within 5 s (SR-23)";
            }
        }
        long now = System.nanoTime();
        safety.enable(now);
        Optional<String> refused = safety.begin(legs, MotionKind.NORMAL, 1, now);
        if (refused.isPresent()) {
            return "the motion gate refused the upward motion: " + refused.get();
        }
        // a fault latched meanwhile (a hiccup: SR-8, SR-9) stops the pair: no use waiting the 5 s out
        if (!await(() -> safety.view().groupState(legs) == SafetySupervisor.GroupState.FOLLOWING || safety.faulted(), limit)
                || safety.view().groupState(legs) != SafetySupervisor.GroupState.FOLLOWING) {
            return "the leg pair did not come to FOLLOWING: " + safety.view().groupState(legs) + "; faults " + safety.faults();
        }
        now = System.nanoTime();
        safety.enable(now);
        if (!safety.admit(legs, 0.2, now)) {
            return "the motion gate did not admit the upward set-point: " + safety.view().groupState(legs) + "; faults "
                    + safety.faults();
        }
        return null;
    }

    private static boolean trusted(SafetySupervisor safety, int[] winches) {
        for (int w : winches) {
            if (!safety.view().trusted(w)) {
                return false;
            }
        }
        return true;
    }

    private static boolean await(BooleanSupplier condition, long timeoutNanos) {
        long end = System.nanoTime() + timeoutNanos;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            LockSupport.parkNanos(200_000L);
        }
        return true;
    }

    /** The bare echo: read what comes, write it straight back. */
    private static void echo(RandomAccessFile port) {
        byte[] b = new byte[4096];
        try {
            int n;
            while ((n = port.read(b)) >= 0) {
                port.write(b, 0, n);
            }
        } catch (java.io.IOException e) {
            // closed
        }
    }

    private static int raw(double kg) {
        return (int) Math.round(OFFSET_COUNTS + kg * COUNTS_PER_KG);
    }

    private void report(long[] reaction, long[] echo, int lost, int notReady, int notReadyWithoutFault,
            int reReferenced, long faults, long stopFrames) {
        long[] r = Arrays.stream(reaction).filter(v -> v != Long.MAX_VALUE).sorted().toArray();
        long[] e = echo.clone();
        Arrays.sort(e);
        long misses = Arrays.stream(reaction).filter(v -> v > DEADLINE_NANOS).count();
        out.printf(Locale.ROOT, "%nP-2 results (%d trips; %d timed, %d lost (no STOP within 1 s); %d preparations failed (not trips;"
                + " %d of them with no fault latched nor a hiccup before); %d re-references after a lost link (SR-23); %d faults, %d STOP"
                + " frames):%n", reaction.length, r.length, lost, notReady, notReadyWithoutFault, reReferenced, faults,
                stopFrames);
        out.printf(Locale.ROOT, "  %-34s %9s %9s %9s %9s %9s%n", "", "p50 us", "p99 us", "p99.9 us", "max us", "mean us");
        line("reaction (sample in -> STOP out)", r);
        line("bare pty echo (same frame size)", e);
        out.printf(Locale.ROOT, "  ratio p50 %.2f x, p99 %.2f x (goal <= 2 x)%n",
                (double) pct(r, 0.5) / pct(e, 0.5), (double) pct(r, 0.99) / pct(e, 0.99));
        out.printf(Locale.ROOT, "  misses of the 12.5 ms deadline: %d of %d (goal 0; lost trips count as misses);"
                + " the bare echo took longer than 12.5 ms %d times%n", misses, reaction.length,
                Arrays.stream(e).filter(v -> v > DEADLINE_NANOS).count());
        out.printf(Locale.ROOT, "  load average now: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private void line(String name, long[] sorted) {
        if (sorted.length == 0) {
            out.printf(Locale.ROOT, "  %-34s none%n", name);
            return;
        }
        out.printf(Locale.ROOT, "  %-34s %9.0f %9.0f %9.0f %9.0f %9.0f%n", name, pct(sorted, 0.5) / 1e3,
                pct(sorted, 0.99) / 1e3, pct(sorted, 0.999) / 1e3, sorted[sorted.length - 1] / 1e3,
                Arrays.stream(sorted).average().orElse(0) / 1e3);
    }

    /** Nearest-rank percentile of a sorted array. */
    static long pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** The safety chain, always healthy (the bench judges SR-1, not SR-11). */
    private static final class HealthyChain implements SafetyChainMonitor {
        @Override
        public boolean healthy() {
            return true;
        }

        @Override
        public void addListener(SafetyChainListener l) {
        }

        @Override
        public void removeListener(SafetyChainListener l) {
        }

        @Override
        public void close() {
        }
    }
}
