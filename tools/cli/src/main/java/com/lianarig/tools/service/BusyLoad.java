package com.lianarig.tools.service;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The benchmarks' "machine is busy": daemon threads that spin on arithmetic while {@code running} holds,
 * or the same spin in child JVMs ({@link #startProcesses}; {@link #main} is theirs). Threads in the
 * service's JVM must reach every safepoint of it, so on a crowded machine they also lengthen its
 * pauses; other programs, as on the rig computer, only take the CPU.
 */
public final class BusyLoad {
    /** Written at the end so the JIT cannot drop the arithmetic. */
    static volatile double sink;

    private BusyLoad() {
    }

    /** A child's busy loop: spins until its standard input closes (the bench ended or died). */
    public static void main(String[] args) throws IOException {
        Thread spin = new Thread(() -> {
            double x = 1;
            while (true) {
                x = spin(x);
                sink = x;
            }
        }, "busy");
        spin.setDaemon(true);
        spin.start();
        while (System.in.read() >= 0) {
            // nothing is sent: end of input is the signal
        }
        System.exit(0);
    }

    /**
     * Starts {@code count} child JVMs that each keep a core busy until {@link Process#destroy} or until this
     * JVM ends (their input closes).
     */
    static List<Process> startProcesses(int count) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        String classPath = String.join(File.pathSeparator, entries);
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            children.add(new ProcessBuilder(java, "-Xmx16m", "-XX:+UseSerialGC", "-cp", classPath,
                    BusyLoad.class.getName())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
        }
        return children;
    }

    private static double spin(double x) {
        // Short: C2 puts no safepoint poll inside a counted int loop (with the serial collector), so
        // 1,000,000 turns (about 3 ms) held every safepoint of the JVM, and with it the woken control
        // thread, that long. 10,000 turns (about 30 us) between polls.
        for (int k = 0; k < 10_000; k++) {
            x = x * 1.0000001 + 1e-9;
        }
        return x;
    }

    static List<Thread> start(int count, BooleanSupplier running) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(() -> {
                double x = 1;
                while (running.getAsBoolean()) {
                    x = spin(x);
                }
                sink = x;
            }, "bench-busy-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return threads;
    }
}
