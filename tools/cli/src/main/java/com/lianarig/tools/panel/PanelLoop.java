package com.lianarig.tools.panel;

import com.lianarig.tools.mqtt.Ansi;
import java.io.IOException;
import java.io.PrintStream;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The panel's loop: reads key bytes, acts on them, refreshes a hold's enable and redraws the screen
 * until the trainer quits, the keys end, or {@code stopRequested} turns true (Ctrl-C).
 *
 * <p>Runs on the thread that calls {@link #run()}, which owns the controls.
 */
public final class PanelLoop {
    /** The longest wait for a key, ms: the loop wakes at least this often to refresh an enable. */
    static final long POLL_MS = 10;
    /** Redraw period, ms. */
    static final long REDRAW_MS = 100;
    /** Redraw period when the output is not a terminal (each screen is appended), ms. */
    static final long APPEND_MS = 1000;

    private final KeyInput keys;
    private final PanelControls controls;
    private final Supplier<String> screen;
    private final PrintStream out;
    private final boolean redrawInPlace;
    private final LongSupplier nowMs;
    private final BooleanSupplier stopRequested;

    /**
     * @param screen the screen's text now
     * @param redrawInPlace true on a terminal: home the cursor and overwrite; false: append a screen each second
     */
    public PanelLoop(KeyInput keys, PanelControls controls, Supplier<String> screen, PrintStream out,
            boolean redrawInPlace, LongSupplier nowMs, BooleanSupplier stopRequested) {
        this.keys = keys;
        this.controls = controls;
        this.screen = screen;
        this.out = out;
        this.redrawInPlace = redrawInPlace;
        this.nowMs = nowMs;
        this.stopRequested = stopRequested;
    }

    public void run() throws IOException, InterruptedException {
        KeyDecoder decoder = new KeyDecoder();
        long nextDrawMs = Long.MIN_VALUE;
        while (!controls.quitRequested()) {
            int b;
            try {
                b = keys.poll(POLL_MS);
            } catch (IOException e) {
                controls.quit(); // releases a hold before giving up
                throw e;
            }
            long now = nowMs.getAsLong();
            if (b == KeyInput.END || stopRequested.getAsBoolean()) {
                controls.quit();
                break;
            }
            for (Key key : b >= 0 ? decoder.feed(b, now) : decoder.flush(now)) {
                controls.key(key);
            }
            controls.step();
            if (now >= nextDrawMs) {
                draw();
                nextDrawMs = now + (redrawInPlace ? REDRAW_MS : APPEND_MS);
            }
        }
        draw();
    }

    private void draw() {
        Ansi.drawFrame(out, screen.get(), redrawInPlace);
    }
}
