package com.lianarig.tools.journal;

import java.time.Duration;
import java.util.Locale;

/** Durations for people: {@code 45s}, {@code 12m05s}, {@code 3h07m}, {@code 2d04h}. */
final class Durations {
    private Durations() {
    }

    static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, (s % 86_400) / 3600);
    }

    /** Hours with two decimals, e.g. {@code 12.25}. */
    static String hours(Duration d) {
        return String.format(Locale.ROOT, "%.2f", d.toMillis() / 3_600_000.0);
    }
}
