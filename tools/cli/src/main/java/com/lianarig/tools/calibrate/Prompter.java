package com.lianarig.tools.calibrate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The technician's side of a guided flow (rig calibrate, rig commission): a prompt on stdout, a line
 * from stdin; {@code q} aborts.
 */
public final class Prompter {

    /** The technician typed {@code q}, or standard input ended. */
    public static final class Abort extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean byUser;

        Abort(boolean byUser) {
            super(byUser ? "aborted" : "standard input ended");
            this.byUser = byUser;
        }

        /** True for {@code q}; false when standard input ended. */
        public boolean byUser() {
            return byUser;
        }
    }

    private final BufferedReader in;
    private final PrintWriter out;
    private final boolean echo;

    /** @param echo write each answer after its prompt: the input is not a terminal, which would show it */
    public Prompter(BufferedReader in, PrintWriter out, boolean echo) {
        this.in = in;
        this.out = out;
        this.echo = echo;
    }

    /**
     * Prints {@code prompt} and reads the answer, stripped.
     *
     * @throws Abort on {@code q} or the end of input
     */
    public String ask(String prompt) throws Abort {
        out.print(prompt);
        out.flush();
        String line;
        try {
            line = in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("reading standard input", e);
        }
        if (line == null) {
            out.println();
            out.flush();
            throw new Abort(false);
        }
        String answer = line.strip();
        if (echo) {
            out.println(answer);
            out.flush();
        }
        if (answer.toLowerCase(Locale.ROOT).equals("q")) {
            throw new Abort(true);
        }
        return answer;
    }

    /** "Press Enter to ..., q to abort without saving": waits for Enter (any answer but q). */
    public void enter(String toDoWhat) throws Abort {
        ask("  Press Enter " + toDoWhat + " (q to abort without saving) ");
    }
}
