package com.lianarig.tools.commission;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a move under way: at a terminal one line rewritten in place, elsewhere a plain line at each
 * quarter of the distance.
 */
final class MoveProgress {
    private final PrintWriter out;
    private final boolean terminal;
    private final String way;
    private final double distanceMm;
    private int quarter;
    private String shown = "";

    MoveProgress(PrintWriter out, boolean terminal, String way, double distanceMm) {
        this.out = out;
        this.terminal = terminal;
        this.way = way;
        this.distanceMm = distanceMm;
    }

    /** @param movedMm the distance moved so far, mm */
    void update(double movedMm) {
        if (terminal) {
            String line = String.format(Locale.ROOT, "  moving %s: %5.1f of %.0f mm", way, movedMm, distanceMm);
            if (!line.equals(shown)) {
                out.print("\r" + line);
                out.flush();
                shown = line;
            }
            return;
        }
        int q = (int) Math.floor(Math.min(1, movedMm / distanceMm) * 4);
        if (q > quarter) {
            quarter = q;
            out.printf(Locale.ROOT, "  moving %s: %.0f of %.0f mm%n", way, movedMm, distanceMm);
            out.flush();
        }
    }

    /** Ends the in-place line. */
    void done() {
        if (!shown.isEmpty()) {
            out.println();
            out.flush();
            shown = "";
        }
    }
}
