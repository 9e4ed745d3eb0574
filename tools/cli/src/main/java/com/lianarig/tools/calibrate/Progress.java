package com.lianarig.tools.calibrate;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a point being taken: on a terminal a bar refreshed in place, elsewhere a plain line every
 * quarter of the window and every second of waiting; nothing in batch mode.
 */
public interface Progress {

    /** After each sample. */
    void update(PointTaker taker, double sampleRateHz);

    /** The point is taken or failed: end the in-place line. */
    void done();

    /** Shows nothing (batch mode: one result line per command). */
    static Progress none() {
        return new Progress() {
            @Override
            public void update(PointTaker taker, double sampleRateHz) {
            }

            @Override
            public void done() {
            }
        };
    }

    /** A bar refreshed in place ({@code terminal}) or plain lines. */
    static Progress on(PrintWriter out, boolean terminal) {
        return terminal ? new Bar(out) : new Lines(out);
    }

    /** {@code   averaging [#########           ]  45 %}, then the settling state, on one line rewritten with CR. */
    final class Bar implements Progress {
        private static final int WIDTH = 30;
        private final PrintWriter out;
        private String shown = "";

        Bar(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void update(PointTaker taker, double sampleRateHz) {
            String line;
            if (taker.state() == PointTaker.State.SETTLING) {
                line = String.format(Locale.ROOT, "  waiting for the reading to settle (%.1f s): %s",
                        taker.samplesSeen() / sampleRateHz, taker.movingReason());
            } else {
                int filled = (int) Math.round(taker.fillFraction() * WIDTH);
                line = String.format(Locale.ROOT, "  averaging [%s%s] %3.0f %%", "#".repeat(filled),
                        " ".repeat(WIDTH - filled), taker.fillFraction() * 100);
            }
            if (!line.equals(shown)) {
                out.print("\r" + line + " ".repeat(Math.max(0, shown.length() - line.length())));
                out.flush();
                shown = line;
            }
        }

        @Override
        public void done() {
            if (!shown.isEmpty()) {
                out.println();
                out.flush();
                shown = "";
            }
        }
    }

    /** {@code   averaging 25 %} at each quarter; {@code   waiting for the reading to settle ...} each second. */
    final class Lines implements Progress {
        private final PrintWriter out;
        private int quarter = -1;
        private long settlingSecond = -1;

        Lines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void update(PointTaker taker, double sampleRateHz) {
            if (taker.state() == PointTaker.State.SETTLING) {
                long second = (long) (taker.samplesSeen() / sampleRateHz);
                if (second != settlingSecond) {
                    settlingSecond = second;
                    out.printf(Locale.ROOT, "  waiting for the reading to settle (%.1f s): %s%n",
                            taker.samplesSeen() / sampleRateHz, taker.movingReason());
                    out.flush();
                }
                return;
            }
            int q = (int) Math.floor(taker.fillFraction() * 4);
            if (taker.state() == PointTaker.State.FILLING && q > quarter) {
                quarter = q;
                out.printf(Locale.ROOT, "  averaging %d %%%n", q * 25);
                out.flush();
            }
        }

        @Override
        public void done() {
            quarter = -1;
            settlingSecond = -1;
        }
    }
}
