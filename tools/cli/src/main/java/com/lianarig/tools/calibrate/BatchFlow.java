package com.lianarig.tools.calibrate;

import com.lianarig.tools.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.ExitCode;

/**
 * {@code rig calibrate --batch}: no prompts; one command per line of standard input ({@link BatchLine}),
 * one {@link ResultLine} per command on standard output. The first refused or malformed command ends
 * the run with exit code 2, its reason on the result line and on standard error; {@code quit} or the
 * end of input ends it with 0 (the end of input right after a fit that is not valid: 2). What was not
 * saved is dropped.
 *
 * <p>One exception: a fit that is not valid is reported ({@code command=fit result=refused
 * reason=NOT_VALID ...}, with each point's residual) and the run goes on, so that a script can
 * {@code retake N} the bad point and fit again; any command that needs a valid fit ({@code verify},
 * {@code save}) is still refused until there is one, and that ends the run.
 *
 * <p>A script (or a test) hangs each mass, then writes its {@code point KG} line: the point is taken
 * from the samples that arrive after the line is read, once they are steady.
 */
final class BatchFlow {
    private final CalibrationSteps steps;
    private final BufferedReader in;
    private final PrintWriter out;
    private final PrintWriter err;
    /** Why the latest fit is not valid, while no valid fit has followed it; null otherwise. */
    private String pendingInvalidFit;

    BatchFlow(CalibrationSteps steps, BufferedReader in, PrintWriter out, PrintWriter err) {
        this.steps = steps;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int run() throws IOException, InterruptedException {
        int lineNumber = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            Optional<BatchLine> parsed;
            try {
                parsed = BatchLine.parse(line, lineNumber);
            } catch (BadInputException e) {
                return refused(ResultLine.refused("line", "BAD_LINE", e.getMessage()), e.getMessage());
            }
            if (parsed.isEmpty()) {
                continue;
            }
            BatchLine command = parsed.get();
            if (command instanceof BatchLine.Quit) {
                print(ResultLine.ok("quit").put("saved", steps.saved()));
                return ExitCode.OK;
            }
            try {
                print(execute(command));
                if (command instanceof BatchLine.Fit) {
                    pendingInvalidFit = null;
                }
            } catch (InvalidFit invalid) {
                print(invalid.line); // the run goes on: retake a point, fit again
                err.println("rig calibrate: " + invalid.getMessage() + " (retake N takes point N again)");
                err.flush();
                pendingInvalidFit = invalid.getMessage();
                continue;
            } catch (RefusedException e) {
                return refused(ResultLine.refused(command.name(), e.reason(), e.getMessage()), e.getMessage());
            } catch (Rejected r) {
                return refused(r.line, r.getMessage());
            }
        }
        if (pendingInvalidFit != null && !steps.saved()) {
            err.println("rig calibrate: standard input ended after a fit that is not valid (" + pendingInvalidFit
                    + "); nothing saved");
            err.flush();
            return ExitCode.USAGE;
        }
        return ExitCode.OK;
    }

    /** A refusal that carries the numbers the technician needs (an invalid fit, a failed verification). */
    private static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ResultLine line;

        Rejected(ResultLine line, String message) {
            super(message);
            this.line = line;
        }
    }

    /** A fit that is not valid: reported, and the run goes on. */
    private static final class InvalidFit extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ResultLine line;

        InvalidFit(ResultLine line, String message) {
            super(message);
            this.line = line;
        }
    }

    private ResultLine execute(BatchLine command) throws RefusedException, Rejected, InvalidFit,
            InterruptedException {
        if (command instanceof BatchLine.Zero) {
            return pointLine("zero", 0, steps.point(0, Progress.none()));
        }
        if (command instanceof BatchLine.Point p) {
            return pointLine("point", p.massKg(), steps.point(p.massKg(), Progress.none()));
        }
        if (command instanceof BatchLine.Retake r) {
            PointReading reading = steps.retake(r.number(), Progress.none());
            double massKg = steps.run().points().get(r.number() - 1).referenceMassKg();
            return pointLine("retake", massKg, reading).put("point", r.number());
        }
        if (command instanceof BatchLine.Fit) {
            FitReport report = steps.fit();
            if (!report.valid()) {
                String why = "the fit is not valid: " + report.invalidity().get();
                throw new InvalidFit(fitPairs(ResultLine.refused("fit", "NOT_VALID", why), report), why);
            }
            return fitPairs(ResultLine.ok("fit"), report);
        }
        if (command instanceof BatchLine.Verify v) {
            VerifyReport report = steps.verify(v.massKg(), Progress.none());
            if (!report.passed()) {
                String why = String.format(java.util.Locale.ROOT, "the verification failed: %.3f kg read for"
                        + " %s kg, more than the %.3f kg allowed", report.readKg(),
                        ResultLine.number(report.knownMassKg(), 3), report.allowedErrorKg());
                throw new Rejected(verifyPairs(ResultLine.refused("verify", "VERIFY_FAILED", why), report), why);
            }
            return verifyPairs(ResultLine.ok("verify"), report);
        }
        if (command instanceof BatchLine.Save) {
            Saved saved = steps.save();
            return ResultLine.ok("save").put("file", saved.file().toString())
                    .put("node", saved.calibration().channel().nodeSerial())
                    .put("channel", saved.calibration().channel().channel())
                    .put("at", saved.calibration().at().toString())
                    .put("technician", saved.calibration().technician())
                    .put("channelHistory", saved.channelHistory());
        }
        throw new IllegalStateException("not a command to execute: " + command);
    }

    static ResultLine pointLine(String name, double massKg, PointReading r) {
        return ResultLine.ok(name).put("massKg", massKg, 3).put("rawCounts", r.meanCounts(), 1)
                .put("stdCounts", r.stdDevCounts(), 1).put("halfDiffCounts", r.halfDifferenceCounts(), 1)
                .put("samples", r.samples()).put("waitedSamples", r.samplesWaited());
    }

    static ResultLine fitPairs(ResultLine line, FitReport f) {
        return line.put("offsetCounts", f.offsetCounts(), 1).put("countsPerN", f.countsPerN(), 4)
                .put("linearityPercent", f.linearityErrorPercent(), 4)
                .put("maxLinearityPercent", f.maxLinearityErrorPercent(), 4)
                .put("massesKg", f.points().stream().map(p -> p.referenceMassKg()).toList(), 3)
                .put("residualsN", f.residualsN(), 3).put("residualsKg", f.residualsKg(), 4)
                .put("valid", f.valid());
    }

    static ResultLine verifyPairs(ResultLine line, VerifyReport v) {
        return line.put("massKg", v.knownMassKg(), 3).put("readKg", v.readKg(), 4)
                .put("errorPercent", v.errorPercent(), 4).put("allowedKg", v.allowedErrorKg(), 4)
                .put("rawCounts", v.reading().meanCounts(), 1).put("passed", v.passed());
    }

    private int refused(ResultLine line, String message) {
        print(line);
        err.println("rig calibrate: " + message + (steps.saved() ? "" : "; nothing saved"));
        err.flush();
        return ExitCode.USAGE;
    }

    private void print(ResultLine line) {
        out.println(line);
        out.flush();
    }
}
