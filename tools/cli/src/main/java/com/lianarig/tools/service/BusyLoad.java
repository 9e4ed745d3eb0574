package com.lianarig.tools.service;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** The benchmarks' "machine is busy": daemon threads that spin on arithmetic while {@code running} holds. */
final class BusyLoad {
    /** Written at the end so the JIT cannot drop the arithmetic. */
    static volatile double sink;

    private BusyLoad() {
    }

    static List<Thread> start(int count, BooleanSupplier running) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(() -> {
                double x = 1;
                while (running.getAsBoolean()) {
                    for (int k = 0; k < 1_000_000; k++) {
                        x = x * 1.0000001 + 1e-9;
                    }
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
