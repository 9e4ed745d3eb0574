package com.lianarig.controller.r7;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One session's event journal (seed, plan, commands, injections, modes, reactions): printed on failure. */
final class R7Journal {
    private final List<String> lines = new ArrayList<>();
    private final long startNanos;

    R7Journal(long startNanos) {
        this.startNanos = startNanos;
    }

    long startNanos() {
        return startNanos;
    }

    void add(long nowNanos, String what) {
        lines.add(String.format(Locale.ROOT, "%9.3f s  %s", (nowNanos - startNanos) / 1e9, what));
    }

    String text() {
        return String.join("\n", lines);
    }
}
