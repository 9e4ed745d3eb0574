package com.lianarig.tools.conformance;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the checks in order against one node and prints each row as it is decided, then a summary.
 * A check that needs motion is skipped without the operator's consent; a check whose preparation
 * fails is skipped naming why; a lost port fails the check that saw it and skips the rest.
 */
public final class ConformanceRun {
    /** How often a check whose measurement was spoiled ({@link Session.Inconclusive}) is run. */
    static final int ATTEMPTS = 3;

    /** One row of the table: the check and its verdict. */
    public record Result(Check check, Verdict verdict) {
    }

    private final Session session;
    private final List<Check> checks;

    /**
     * @param only the ids to run (empty: all); checks run in catalogue order whatever the order given
     */
    public ConformanceRun(NodeProbe probe, ConformanceSettings settings, Set<String> only) {
        this.session = new Session(probe, settings);
        List<Check> selected = new ArrayList<>();
        for (Check c : catalogue()) {
            if (only.isEmpty() || only.contains(c.id())) {
                selected.add(c);
            }
        }
        this.checks = List.copyOf(selected);
    }

    /** Every check, in the order they run. */
    public static List<Check> catalogue() {
        return Stream.of(IdentifyChecks.all(), MessageChecks.all(), FramingChecks.all(), WatchdogChecks.all(),
                MotionChecks.all(), RunChecks.all()).flatMap(List::stream).toList();
    }

    /** Runs every selected check; prints the table to {@code out} row by row. */
    public List<Result> run(PrintWriter out) throws InterruptedException {
        List<Result> results = new ArrayList<>();
        ResultTable table = new ResultTable(out);
        table.header();
        String lost = null;
        for (Check c : checks) {
            Verdict v;
            if (lost != null) {
                v = Verdict.skip("the port was lost: " + lost);
            } else if (c.moves() && !session.settings().motion()) {
                v = Verdict.skip("moves a winch: needs --i-understand-winches-move");
            } else {
                v = null;
                for (int attempt = 1; v == null; attempt++) {
                    try {
                        v = c.body().run(session);
                        if (attempt > 1) {
                            v = v.withNote("attempt " + attempt + " (earlier: inconclusive)");
                        }
                    } catch (Session.Inconclusive e) {
                        if (attempt >= ATTEMPTS) {
                            v = Verdict.fail("inconclusive", "", e.getMessage() + " (" + ATTEMPTS + " attempts)");
                        }
                    } catch (Session.Unmet e) {
                        v = Verdict.skip("needs: " + e.getMessage());
                    } catch (NodeProbe.LinkLostException e) {
                        lost = e.getMessage();
                        v = Verdict.fail("", "", lost);
                    }
                }
            }
            Result r = new Result(c, v);
            results.add(r);
            table.row(r);
        }
        if (lost == null && session.settings().motion()) {
            try {
                session.stopAll();
            } catch (NodeProbe.LinkLostException e) {
                // nothing more can be said to the node
            }
        }
        table.summary(results);
        return results;
    }
}
