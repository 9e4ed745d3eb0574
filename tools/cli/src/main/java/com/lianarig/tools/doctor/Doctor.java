package com.lianarig.tools.doctor;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs checks one after the other, each on a daemon thread with its own time-out (so doctor never
 * hangs: a check that does not answer is a FAIL, and its thread is left to die with the JVM), and
 * prints each result as it comes: {@code PASS|WARN|FAIL  name  what was found}, then the fix.
 */
final class Doctor {
    private final PrintWriter out;
    private final List<CheckResult> results = new ArrayList<>();

    Doctor(PrintWriter out) {
        this.out = out;
    }

    /** Runs {@code check} and prints its result. */
    CheckResult run(Check check) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "doctor-" + check.name());
            t.setDaemon(true);
            return t;
        });
        CheckResult result;
        try {
            Future<CheckResult> f = thread.submit(check::run);
            result = f.get(check.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result = CheckResult.fail(check.name(), "no answer within " + check.timeout().toSeconds() + " s",
                    check.timeoutFix());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            result = CheckResult.fail(check.name(), "the check failed: " + cause, check.timeoutFix());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = CheckResult.fail(check.name(), "interrupted", "run rig doctor again");
        } finally {
            thread.shutdownNow();
        }
        report(result);
        return result;
    }

    /** Prints a result found without running a check. */
    void report(CheckResult r) {
        results.add(r);
        out.printf(Locale.ROOT, "%-4s  %-26s %s%n", r.status(), r.name(), r.found());
        if (r.status() != Status.PASS) {
            out.println("      fix: " + r.fix());
        }
        out.flush();
    }

    List<CheckResult> results() {
        return List.copyOf(results);
    }

    long count(Status s) {
        return results.stream().filter(r -> r.status() == s).count();
    }

    /** The closing line: counts of each verdict. */
    void summary() {
        out.printf(Locale.ROOT, "%n%d passed, %d warnings, %d failed%n", count(Status.PASS), count(Status.WARN),
                count(Status.FAIL));
        out.flush();
    }
}
