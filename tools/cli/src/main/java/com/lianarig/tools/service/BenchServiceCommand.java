package com.lianarig.tools.service;

import com.lianarig.config.profile.ClientProfile;
import com.lianarig.config.profile.ProfileStore;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.core.RigController;
import com.lianarig.controller.loop.ControlLoop;
import com.lianarig.controller.service.RigService;
import com.lianarig.sim.physics.Exercise;
import com.lianarig.sim.physics.VirtualClient;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/**
 * {@code rig bench-service}: P-3 (control loop timing while the machine is busy) and P-4 (steady-state
 * allocation, live heap, GC) of the whole service on the in-process virtual rig, with a trainer
 * moving the strapped-in client's legs up and down without a pause, so every step does motion work.
 * Run it through {@code ./rig}, which sets the service's JVM flags (docs/benchmarks.md).
 */
@picocli.CommandLine.Command(name = "bench-service", mixinStandardHelpOptions = true,
        versionProvider = com.lianarig.tools.RigVersion.class,
        description = "P-3/P-4 benchmark: the service on the virtual rig, moving continuously; loop lateness, allocation, heap, GC.")
public final class BenchServiceCommand implements Callable<Integer> {
    private static final Issuer TRAINER = DemoCommand.TRAINER;
    private static final Issuer TECHNICIAN = DemoCommand.TECHNICIAN;
    private static final String CONTROL_THREAD = "control-loop";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", defaultValue = "600", paramLabel = "SECONDS",
            description = "measured duration, s (default 600: P-3's 10 minutes)")
    double seconds;

    /** The old spelling of {@code --duration}. */
    @Option(names = "--seconds", hidden = true, paramLabel = "SECONDS", description = "The old spelling of --duration.")
    Double oldSeconds;

    @Option(names = "--warmup", defaultValue = "20", paramLabel = "SECONDS", description = "settling time before the allocation window opens, s")
    double warmupS;

    @Option(names = "--load", defaultValue = "0", paramLabel = "THREADS", description = "busy-loop threads that keep the machine busy")
    int loadThreads;

    @Option(names = "--load-processes", defaultValue = "0", paramLabel = "N",
            description = "busy-loop child processes that keep the machine busy from outside the service's JVM (as other programs on the rig computer)")
    int loadProcesses;

    @Option(names = "--low-mm", defaultValue = "450", paramLabel = "MM", description = "the legs' lower strap height, mm above the mat")
    double lowMm;

    @Option(names = "--high-mm", defaultValue = "850", paramLabel = "MM", description = "the legs' upper strap height, mm above the mat")
    double highMm;

    @Option(names = "--realtime-priority", defaultValue = "0", paramLabel = "N",
            description = "SCHED_FIFO priority of the control loop as rig run sets it (1..49; needs root or LimitRTPRIO); 0: normal (default)")
    int realtimePriority;

    @Option(names = "--list-late", description = "list every step more than 5 ms late: UTC time, lateness, and whether the wait or the previous step took the time")
    boolean listLate;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "virtual rig seed")
    long seed;

    private final PrintStream out = System.out;
    private volatile boolean running = true;
    private final AtomicLong maxGcPauseMs = new AtomicLong();
    private final AtomicLong gcPauses = new AtomicLong();
    private long moves;
    private long resets;
    private long shutdownClears;
    private final Map<String, Integer> refusals = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        if (oldSeconds != null) {
            seconds = oldSeconds;
        }
        com.lianarig.tools.OptionRules rules = com.lianarig.tools.OptionRules.of(spec)
                .positive("--duration", seconds, "s")
                .range("--warmup", warmupS, 0, 3600, "s")
                .range("--load", loadThreads, 0, 64, "threads")
                .range("--load-processes", loadProcesses, 0, 64, "processes")
                .range("--realtime-priority", realtimePriority, 0, com.lianarig.controller.loop.RealtimeScheduling.MAX_PRIORITY,
                        "(0: normal scheduling)")
                .range("--low-mm", lowMm, 0, 3000, "mm");
        if (!(highMm > lowMm) || !(highMm <= 3000)) {
            throw rules.broken("--high-mm", "above --low-mm (" + lowMm + ") and at most 3000 mm", highMm);
        }
        watchGcPauses();
        Path data = Files.createTempDirectory("rig-bench-");
        Path rigFile = data.resolve("rig.yaml");
        try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/rig.yaml")) {
            Files.copy(in, rigFile);
        }
        RigConfig rig = new RigConfigLoader(Map.of("RIG_DATA_DIR", data.toString())).load(rigFile);
        VirtualHardware.Started started = VirtualHardware.start(seed);
        VirtualHardware.calibrate(started.rig(), rig);
        new ProfileStore(rig.paths().profilesDir(), new com.lianarig.config.store.NioFileOps()).save(
                new ClientProfile("bench-client", 1750, 70, Map.of(), Map.of(), OptionalDouble.of(1400), List.of()));
        AtomicLong journalEvents = new AtomicLong();
        RigService service = new RigService(rig, started.hardware(), (kind, body) -> {
            journalEvents.incrementAndGet();
            if (kind.equals("fault") || kind.equals("late-step")) {
                // printed by the main thread: System.out's lock is shared with it and with the log appenders,
                // and a normal thread preempted while holding it made the real-time control thread wait
                journalLines.add(kind + " " + body);
            }
        }, Clock.systemDefaultZone());
        List<Thread> load = startLoad();
        List<Process> loadChildren = BusyLoad.startProcesses(loadProcesses);
        service.realtime(realtimePriority);
        service.start();
        Thread sampler = new Thread(() -> sampleSeconds(service, journalEvents), "bench-sampler");
        sampler.setDaemon(true);
        Thread enable = new Thread(() -> {
            while (running) {
                service.controller().submit(new Command.Enable(true), TRAINER);
                sleep(100);
            }
        }, "bench-enable");
        enable.setDaemon(true);
        long startNanos = System.nanoTime();
        long windowStart = startNanos + (long) (warmupS * 1e9);
        long end = windowStart + (long) (seconds * 1e9);
        out.printf(Locale.ROOT, "rig bench-service: %.0f s warm-up + %.0f s measured, %d busy thread(s), %d busy process(es),"
                + " %d cores, load average %.2f%n", warmupS, seconds, loadThreads, loadProcesses,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Snapshot first = null;
        try {
            RigController c = service.controller();
            setUp(service, enable, end);
            sampler.start();
            int next = 1;
            while (System.nanoTime() < end) {
                printJournalLines();
                if (first == null && System.nanoTime() >= windowStart) {
                    first = Snapshot.take();
                }
                Mode m = c.mode();
                if (m == Mode.FAULT || m == Mode.ESTOP) {
                    out.println("  fault: " + c.status().faults() + "; reset");
                    Decision d = ask(c, TRAINER, new Command.Reset());
                    if (!d.accepted() && d.detail().contains("SR-9 cause still present")) {
                        // A starved virtual node may have run into its heartbeat watchdog: its sticky shutdown refuses
                        // the configuration, so the link never gets READY, so SR-9 never resets, so no
                        // CLEAR_SHUTDOWN is sent. No panel can leave this; the bench asks the nodes to clear
                        // a shutdown itself (a no-op otherwise) so that the loop keeps doing motion work
                        // (counted; docs/benchmarks.md).
                        service.safety().clearNodeShutdowns();
                        shutdownClears++;
                    }
                    resets++;
                    sleep(500);
                } else if (m == Mode.HOLDING) {
                    strapIn(c, started);
                } else if (m == Mode.ATTACHING) {
                    ask(c, TRAINER, new Command.ClientReady());
                    sleep(200);
                } else if (m == Mode.READY) {
                    if (ask(c, TRAINER, new Command.MoveTo("legs", next == 1 ? highMm : lowMm)).accepted()) {
                        moves++;
                        next = -next;
                    } else {
                        sleep(200);
                    }
                } else {
                    sleep(20);
                }
            }
            printJournalLines();
            if (first == null) {
                first = Snapshot.take();
            }
            Snapshot last = Snapshot.take();
            ControlLoop.Stats stats = service.loopStats();
            System.gc();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long liveHeap = memory.getHeapMemoryUsage().getUsed();
            report(stats, first, last, liveHeap, journalEvents.get(), service.loopScheduling());
            reportQuietSeconds(windowStart);
            if (listLate) {
                listLateSteps(service.loopLateSteps());
            }
        } finally {
            running = false;
            for (Thread t : load) {
                t.join(1_000);
            }
            for (Process p : loadChildren) {
                p.destroy();
            }
            service.close();
        }
        return ExitCode.OK;
    }

    /** The journal's fault and late-step records, handed over by whichever thread journalled them. */
    private final java.util.concurrent.ConcurrentLinkedQueue<String> journalLines = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private void printJournalLines() {
        String line;
        while ((line = journalLines.poll()) != null) {
            out.println("  journal " + line);
        }
    }

    private void setUp(RigService service, Thread enable, long end) throws Exception {
        RigController c = service.controller();
        while (c.mode() == Mode.STARTING && System.nanoTime() < end) {
            sleep(50);
        }
        ask(c, TECHNICIAN, new Command.TakeControl());
        for (var g : c.model().groups()) {
            ask(c, TECHNICIAN, new Command.Reference(g.name(), service.safety().view().positionMm(g.winches()[0])));
        }
        ask(c, TECHNICIAN, new Command.PreUseCheckWaive("benchmark on the virtual rig"));
        ask(c, TECHNICIAN, new Command.ReleaseControl());
        ask(c, TRAINER, new Command.TakeControl());
        enable.start();
    }

    private void strapIn(RigController c, VirtualHardware.Started started) throws Exception {
        ask(c, TRAINER, new Command.Attach("bench-client"));
        started.rig().locked(() -> {
            started.rig().physics().client(VirtualClient.reference(70, 1750), Exercise.INVERTED_HANG);
            return null;
        });
        sleep(1000);
        ask(c, TRAINER, new Command.ClientReady());
    }

    private Decision ask(RigController c, Issuer who, Command command) throws Exception {
        Decision d = c.submit(command, who).get(2, TimeUnit.SECONDS);
        if (!d.accepted()) {
            String key = command.name() + ": " + d;
            if (refusals.merge(key, 1, Integer::sum) == 1) {
                out.println("  refused " + key);
            }
        }
        return d;
    }

    private List<Thread> startLoad() {
        return BusyLoad.start(loadThreads, () -> running);
    }

    /** Every GC's pause through the collectors' notifications (the serial collector: all stop-the-world). */
    private void watchGcPauses() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, hb) -> {
                    if ("com.sun.management.gc.notification".equals(n.getType())) {
                        var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                                (CompositeData) n.getUserData());
                        if (!"System.gc()".equals(info.getGcCause())) {
                            gcPauses.incrementAndGet();
                            maxGcPauseMs.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
                        }
                    }
                }, null, null);
            }
        }
    }

    private void report(ControlLoop.Stats s, Snapshot a, Snapshot b, long liveHeap, long journalEvents, String scheduling) {
        double windowS = (b.nanos - a.nanos) / 1e9;
        out.printf(Locale.ROOT, "%nP-3 control loop lateness (whole run, %d steps; 0.1 ms buckets, upper bounds; %s):%n",
                s.steps(), scheduling);
        out.printf(Locale.ROOT, "  p50 %.1f ms  p99 %.1f ms  p99.9 %.1f ms  max %.2f ms%n", s.p50Nanos() / 1e6,
                s.p99Nanos() / 1e6, s.p999Nanos() / 1e6, s.maxLatenessNanos() / 1e6);
        out.printf(Locale.ROOT, "  steps > 5 ms late: %d   SR-22 trips (> 50 ms): %d   periods skipped: %d%n",
                s.over5MsSteps(), s.lateSteps(), s.skipped());
        out.printf(Locale.ROOT, "  motion: %d moves, %d resets (%d node shutdowns cleared by the bench), %d journal events%n",
                moves, resets, shutdownClears, journalEvents);
        out.printf(Locale.ROOT, "P-4 allocation over the %.1f s window:%n", windowS);
        long control = b.threadBytes.getOrDefault(CONTROL_THREAD, 0L) - a.threadBytes.getOrDefault(CONTROL_THREAD, 0L);
        out.printf(Locale.ROOT, "  control-loop thread: %.0f B/s (%d B)%n", control / windowS, control);
        long total = 0;
        List<Map.Entry<String, Long>> perThread = new ArrayList<>();
        for (var e : b.threadBytes.entrySet()) {
            long d = e.getValue() - a.threadBytes.getOrDefault(e.getKey(), 0L);
            total += d;
            perThread.add(Map.entry(e.getKey(), d));
        }
        out.printf(Locale.ROOT, "  whole JVM (live threads): %.0f B/s = %.3f MB/s%n", total / windowS, total / windowS / 1e6);
        perThread.sort((x, y) -> Long.compare(y.getValue(), x.getValue()));
        for (int i = 0; i < Math.min(6, perThread.size()); i++) {
            out.printf(Locale.ROOT, "    %-32s %12.0f B/s%n", perThread.get(i).getKey(), perThread.get(i).getValue() / windowS);
        }
        out.printf(Locale.ROOT, "  GCs in the window: %d (%d ms total); whole run: %d pauses, max %d ms%n",
                b.gcCount - a.gcCount, b.gcTimeMs - a.gcTimeMs, gcPauses.get(), maxGcPauseMs.get());
        out.printf(Locale.ROOT, "  live heap after System.gc(): %.1f MB; JVM: %s%n", liveHeap / 1e6,
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.printf(Locale.ROOT, "  load average now: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Each step > 5 ms late, to line up with JFR (wall time) and -Xlog (utctime). */
    private void listLateSteps(List<ControlLoop.LateStep> late) {
        out.printf(Locale.ROOT, "Steps > 5 ms late (%d listed): UTC, lateness, wait began (relative to the deadline), previous step ran%n",
                late.size());
        for (ControlLoop.LateStep l : late) {
            out.printf(Locale.ROOT, "  late %s  %7.2f ms  wait began %+7.2f ms  previous step %6.2f ms  (%s)%n",
                    java.time.Instant.ofEpochMilli(l.wallMillis()), l.latenessNanos() / 1e6, l.waitStartNanos() / 1e6,
                    l.previousStepNanos() / 1e6, l.waitStartNanos() > 0 ? "previous step overran" : "woke late");
        }
    }

    /** One second of the control thread: bytes it allocated, journal events, whether the legs moved. */
    private record Second(long startNanos, long controlBytes, long journalEvents, boolean moving) {
    }

    private final List<Second> perSecond = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * Every second: the control-loop thread's allocation and the journal events in it. A second with no
     * journal event (no command but the enable refresh, no fault, no mode change) is steady state.
     */
    private void sampleSeconds(RigService service, AtomicLong journalEvents) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = -1;
        for (long t : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(t);
            if (info != null && CONTROL_THREAD.equals(info.getThreadName())) {
                id = t;
            }
        }
        if (id < 0) {
            return;
        }
        long bytes = threads.getThreadAllocatedBytes(id);
        long events = journalEvents.get();
        while (running) {
            long start = System.nanoTime();
            boolean moving = true;
            for (int i = 0; i < 10 && running; i++) {
                sleep(100);
                moving &= service.controller().mode() == Mode.MOVING;
            }
            long b = threads.getThreadAllocatedBytes(id);
            long e = journalEvents.get();
            perSecond.add(new Second(start, b - bytes, e - events, moving));
            bytes = b;
            events = e;
        }
    }

    private void reportQuietSeconds(long windowStart) {
        List<Second> all;
        synchronized (perSecond) {
            all = new ArrayList<>(perSecond);
        }
        long quiet = 0;
        long quietBytes = 0;
        long quietMax = 0;
        long moving = 0;
        long movingBytes = 0;
        for (Second s : all) {
            if (s.startNanos() < windowStart || s.journalEvents() != 0) {
                continue;
            }
            quiet++;
            quietBytes += s.controlBytes();
            quietMax = Math.max(quietMax, s.controlBytes());
            if (s.moving()) {
                moving++;
                movingBytes += s.controlBytes();
            }
        }
        out.printf(Locale.ROOT, "  control-loop thread in steady state (seconds of the window without a journal event): %d s,"
                + " %.0f B/s mean, %d B max; of them moving the whole second: %d s, %.0f B/s mean%n", quiet,
                quiet == 0 ? 0.0 : (double) quietBytes / quiet, quietMax, moving, moving == 0 ? 0.0 : (double) movingBytes / moving);
    }

    /** Allocation per live thread (by name; names are unique in the service) and GC counters. */
    private record Snapshot(long nanos, Map<String, Long> threadBytes, long gcCount, long gcTimeMs) {
        static Snapshot take() {
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long[] ids = threads.getAllThreadIds();
            long[] bytes = threads.getThreadAllocatedBytes(ids);
            var infos = threads.getThreadInfo(ids);
            Map<String, Long> byName = new HashMap<>();
            for (int i = 0; i < ids.length; i++) {
                if (infos[i] != null && bytes[i] >= 0) {
                    byName.merge(infos[i].getThreadName(), bytes[i], Long::sum);
                }
            }
            long count = 0;
            long time = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                time += Math.max(0, gc.getCollectionTime());
            }
            return new Snapshot(System.nanoTime(), byName, count, time);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
