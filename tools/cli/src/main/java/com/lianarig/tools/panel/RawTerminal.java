package com.lianarig.tools.panel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The controlling terminal ({@code /dev/tty}) in raw mode for the panel: no line buffering, no echo,
 * each key byte delivered at once ({@code stty -icanon -echo min 1 time 0}); Ctrl-C still raises
 * SIGINT. {@link #close()} puts back the settings found at the start; call it on every exit path
 * (the panel also calls it from a shutdown hook, for Ctrl-C).
 */
public final class RawTerminal implements AutoCloseable {
    private static final File TTY = new File("/dev/tty");

    private final String saved;
    private final InputStream input;
    private boolean restored;

    private RawTerminal(String saved, InputStream input) {
        this.saved = saved;
        this.input = input;
    }

    /**
     * Switches the terminal to raw mode.
     *
     * @throws IOException with a message for the person when there is no terminal or stty fails
     */
    public static RawTerminal enter() throws IOException {
        InputStream input;
        try {
            input = new FileInputStream(TTY);
        } catch (IOException e) {
            throw new IOException("a terminal is needed (" + e.getMessage() + "): run it in a terminal window, or over ssh -t");
        }
        try {
            String saved = stty("-g").trim();
            stty("-icanon", "-echo", "min", "1", "time", "0");
            return new RawTerminal(saved, input);
        } catch (IOException e) {
            input.close();
            throw new IOException("cannot put the terminal in raw mode (" + e.getMessage() + ")");
        }
    }

    /** The keys typed in the terminal. */
    public InputStream input() {
        return input;
    }

    private static String stty(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectInput(TTY).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        try {
            int exit = process.waitFor();
            String text = out.toString(StandardCharsets.UTF_8);
            if (exit != 0) {
                throw new IOException("stty " + String.join(" ", args) + " failed: " + text.trim());
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting up the terminal", e);
        }
    }

    /** Restores the terminal's settings; safe to call more than once and from a shutdown hook. */
    @Override
    public synchronized void close() {
        if (restored) {
            return;
        }
        restored = true;
        try {
            stty(saved);
        } catch (IOException e) {
            try {
                stty("sane");
            } catch (IOException ignored) {
                System.err.println("rig panel: could not restore the terminal; type `stty sane` and Enter");
            }
        }
    }
}
