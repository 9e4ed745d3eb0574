package com.lianarig.tools.commission;

import com.lianarig.tools.calibrate.Prompter;
import java.io.PrintWriter;
import java.util.Locale;

/** The technician's go before a step of the commissioning: Enter goes, s skips, q quits. */
final class Confirm {
    private Confirm() {
    }

    /**
     * Asks {@code prompt} until the answer is Enter or s; with {@code --yes}, prints it and goes.
     *
     * @return true to go, false to skip
     * @throws Prompter.Abort when the technician quits
     */
    static boolean enterOrSkip(Prompter prompter, PrintWriter out, boolean yes, String prompt) throws Prompter.Abort {
        if (yes) {
            out.println(prompt + "(--yes)");
            out.flush();
            return true;
        }
        while (true) {
            String a = prompter.ask(prompt).toLowerCase(Locale.ROOT);
            if (a.isEmpty()) {
                return true;
            }
            if (a.equals("s")) {
                return false;
            }
            out.println("  Enter, s or q.");
        }
    }
}
