package com.lianarig.tools.conformance;

import java.io.PrintWriter;
import java.util.List;

/**
 * The pass/fail table: one row per check (id, verdict, PROTOCOL.md section, what, measured, limit),
 * the reason under a failed or skipped row, and a closing count.
 *
 * <pre>
 * ID   RESULT SECTION         CHECK                                                        MEASURED / LIMIT
 * I2   PASS   6.1, 9.3        IDENTIFY_REQUEST is answered by IDENTIFY                     1.3 ms / &lt;= 10 ms +5
 * </pre>
 */
final class ResultTable {
    private static final String FORMAT = "%-4s %-6s %-16s %-66s %s%n";

    private final PrintWriter out;

    ResultTable(PrintWriter out) {
        this.out = out;
    }

    void header() {
        out.printf(FORMAT, "ID", "RESULT", "SECTION", "CHECK", "MEASURED / LIMIT");
        out.flush();
    }

    void row(ConformanceRun.Result r) {
        Verdict v = r.verdict();
        String values = v.measured().isEmpty() && v.limit().isEmpty() ? "" : v.measured() + " / " + v.limit();
        out.printf(FORMAT, r.check().id(), v.status(), r.check().section(), r.check().what(), values);
        if (!v.note().isEmpty()) {
            out.println("            " + (v.status() == Verdict.Status.PASS ? "note: " : "") + v.note());
        }
        out.flush();
    }

    void summary(List<ConformanceRun.Result> results) {
        long pass = count(results, Verdict.Status.PASS);
        long fail = count(results, Verdict.Status.FAIL);
        long skip = count(results, Verdict.Status.SKIP);
        out.println();
        out.println(results.size() + " checks: " + pass + " passed, " + fail + " failed, " + skip + " skipped"
                + (fail == 0 ? "" : ": the node does NOT conform to PROTOCOL.md"));
        out.flush();
    }

    private static long count(List<ConformanceRun.Result> results, Verdict.Status status) {
        return results.stream().filter(r -> r.verdict().status() == status).count();
    }
}
