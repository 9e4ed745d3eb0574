package com.lianarig.tools.mqtt;

import java.io.PrintStream;
import java.util.Map;

/**
 * ANSI colours for the terminal tools, or plain text when off: off when the output is not a terminal,
 * when {@code NO_COLOR} is set to anything but the empty string (no-color.org), and with {@code --no-color}.
 */
public record Ansi(boolean enabled) {
    private static final String RESET = "\u001b[0m";

    /** Colours for this process's standard output, unless {@code noColorOption} or the environment turn them off. */
    public static Ansi forTerminal(boolean noColorOption) {
        return new Ansi(wanted(noColorOption, System.console() != null, System.getenv()));
    }

    /**
     * Whether colours are wanted.
     *
     * @param noColorOption {@code --no-color} was given
     * @param terminal the output is a terminal
     * @param env the environment ({@code NO_COLOR})
     */
    public static boolean wanted(boolean noColorOption, boolean terminal, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return terminal && !noColorOption && (noColor == null || noColor.isEmpty());
    }

    public String green(String text) {
        return wrap("\u001b[32m", text);
    }

    public String yellow(String text) {
        return wrap("\u001b[33m", text);
    }

    public String red(String text) {
        return wrap("\u001b[31m", text);
    }

    public String bold(String text) {
        return wrap("\u001b[1m", text);
    }

    public String dim(String text) {
        return wrap("\u001b[2m", text);
    }

    /** White on red: alarms that must catch the eye (SR-21, faults, e-stop). */
    public String alarm(String text) {
        return wrap("\u001b[1;41;97m", text);
    }

    /** Clears the screen and homes the cursor, before a full redraw; empty when off. */
    public String clearScreen() {
        return enabled ? "\u001b[H\u001b[2J" : "";
    }

    /**
     * Writes one frame of a screen that updates: in place (home, each line overwritten and cleared to
     * its end, the rest of the screen cleared), or appended with a line of dashes after it.
     */
    public static void drawFrame(PrintStream out, String text, boolean inPlace) {
        if (inPlace) {
            out.print("\u001b[H" + text.replace("\n", "\u001b[K\n") + "\u001b[J");
        } else {
            out.print(text);
            out.println("-".repeat(40));
        }
        out.flush();
    }

    private String wrap(String code, String text) {
        return enabled ? code + text + RESET : text;
    }
}
