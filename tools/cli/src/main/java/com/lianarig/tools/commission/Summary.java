package com.lianarig.tools.commission;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The table at the end of {@code rig commission}: one row per check, its fix below it when there is one. */
final class Summary {

    private Summary() {
    }

    static void print(List<CheckResult> results, PrintWriter out) {
        out.println();
        out.println("Summary");
        if (results.isEmpty()) {
            out.println("  no check was run");
            return;
        }
        int subject = Math.max(7, results.stream().mapToInt(r -> r.subject().length()).max().orElse(0));
        int verdict = Math.max(6, results.stream().mapToInt(r -> r.verdict().length()).max().orElse(0));
        String row = "  %-10s %-" + subject + "s %-" + verdict + "s %s%n";
        out.printf(Locale.ROOT, row, "check", "subject", "result", "");
        for (CheckResult r : results) {
            out.printf(Locale.ROOT, row, r.check(), r.subject(), r.verdict(), "");
            if (!r.fix().isEmpty()) {
                out.println("      fix: " + r.fix());
            }
        }
        long passed = results.stream().filter(CheckResult::passed).count();
        out.println();
        out.printf(Locale.ROOT, "%d of %d checks passed%s%n", passed, results.size(),
                passed == results.size() ? "." : ": fix what the table says, then run rig commission again.");
    }
}
