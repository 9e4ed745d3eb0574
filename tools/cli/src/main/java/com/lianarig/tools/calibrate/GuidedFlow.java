package com.lianarig.tools.calibrate;

import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.CalibrationPoint;
import com.lianarig.config.yaml.Problems;
import com.lianarig.tools.BadInputException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ExitCode;

/**
 * The guided calibration for a technician at a terminal: one step per block, Enter to go on, {@code q}
 * to abort without saving.
 *
 * <pre>
 * Step 1 of 5: zero              remove all load: the strap hangs free
 * Step 2 of 5: reference masses  hang each mass in turn
 * Step 3 of 5: fit               offset, scale, linearity, residuals; an invalid fit ends here
 * Step 4 of 5: verify            hang a known mass: its reading and error
 * Step 5 of 5: save              appended to the node's calibration file
 * </pre>
 *
 * Every reference mass is confirmed: the technician types the mass that hangs (Enter alone does not
 * take it), and its reading must differ from the zero's (a forgotten mass is refused at its point). A
 * point that cannot be taken (the reading moves, the channel is saturated...) is explained and can be
 * tried again; so can a failed verification. After a fit that is not valid, one point at a time can be
 * taken again (its number from the residual table) and the points fitted again, until the fit is
 * valid or the technician stops.
 */
final class GuidedFlow {
    private final CalibrationSteps steps;
    private final Prompter prompter;
    private final PrintWriter out;
    private final Progress progress;
    private MassList masses;
    private Double verifyMassKg;

    /**
     * @param masses the reference masses, or null to ask for them
     * @param verifyMassKg the verification mass, or null to ask for it
     */
    GuidedFlow(CalibrationSteps steps, Prompter prompter, PrintWriter out, boolean terminal, MassList masses,
            Double verifyMassKg) {
        this.steps = steps;
        this.prompter = prompter;
        this.out = out;
        this.progress = Progress.on(out, terminal);
        this.masses = masses;
        this.verifyMassKg = verifyMassKg;
    }

    /** Asks for the reference masses until they are acceptable. */
    static MassList askMasses(Prompter prompter, PrintWriter out, double minFullScaleKg) throws Prompter.Abort {
        while (true) {
            String answer = prompter.ask("Reference masses in kg, in the order you will hang them, separated by"
                    + " commas (e.g. 10,20,50): ");
            try {
                MassList m = MassList.parse(answer);
                if (m.largestKg() < minFullScaleKg) {
                    throw new BadInputException("the largest mass must be at least " + Problems.number(minFullScaleKg)
                            + " kg (a smaller span makes no valid calibration)");
                }
                return m;
            } catch (BadInputException e) {
                out.println("  " + e.getMessage());
            }
        }
    }

    /** Asks for the technician's name until it is acceptable. */
    static String askTechnician(Prompter prompter, PrintWriter out) throws Prompter.Abort {
        while (true) {
            String name = prompter.ask("Technician's name: ");
            String why = Calibration.technicianProblem(name);
            if (why == null) {
                return name;
            }
            out.println("  the name " + why);
        }
    }

    int run() throws Prompter.Abort, InterruptedException {
        if (masses == null) {
            masses = askMasses(prompter, out, steps.run().policy().minFullScaleKg());
        }
        out.println("  reference masses: " + masses.massesKg().stream().map(Problems::number)
                .collect(Collectors.joining(", ")) + " kg");

        block("Step 1 of 5: zero");
        out.println("  Remove all load: the strap hangs free, nothing else on the rope.");
        takePoint(0, "to take the zero point");

        block("Step 2 of 5: reference masses");
        List<Double> list = masses.massesKg();
        for (int i = 0; i < list.size(); i++) {
            double kg = list.get(i);
            out.printf(Locale.ROOT, "  [%d of %d] Hang %s kg on the strap and let it hang still.%n", i + 1,
                    list.size(), Problems.number(kg));
            takePoint(kg, "to take the point");
        }

        block("Step 3 of 5: fit");
        FitReport fit;
        try {
            fit = steps.fit();
        } catch (RefusedException e) {
            out.println("  No fit: " + e.getMessage() + ". Nothing is saved.");
            return ExitCode.USAGE;
        }
        showFit(fit);
        while (!fit.valid()) {
            out.println("  NOT VALID: " + fit.invalidity().get() + ".");
            out.println("  A point far off the line (its residual) can be taken again: check that mass, the strap"
                    + " and the load cell.");
            int number = askRetake(fit.points().size());
            if (number == 0) {
                out.println("  Nothing is saved: check the masses, the strap and the load cell, then calibrate again.");
                out.flush();
                return ExitCode.USAGE;
            }
            retakePoint(number);
            try {
                fit = steps.fit();
            } catch (RefusedException e) {
                out.println("  No fit: " + e.getMessage() + ". Nothing is saved.");
                return ExitCode.USAGE;
            }
            showFit(fit);
        }
        out.printf(Locale.ROOT, "  The fit is valid: linearity %.4f %% of full scale, limit %s %%.%n",
                fit.linearityErrorPercent(), Problems.number(fit.maxLinearityErrorPercent()));

        block("Step 4 of 5: verify");
        if (verifyMassKg == null) {
            verifyMassKg = askVerifyMass();
        }
        verify(verifyMassKg);

        block("Step 5 of 5: save");
        prompter.enter("to save the calibration");
        Saved saved;
        try {
            saved = steps.save();
        } catch (RefusedException e) {
            out.println("  Not saved: " + e.getMessage());
            out.flush();
            return ExitCode.USAGE;
        }
        Calibration c = saved.calibration();
        out.printf(Locale.ROOT, "  Saved: %s by %s at %s, in %s (%d calibration%s of this channel kept).%n",
                c.channel(), c.technician(), c.at(), saved.file(), saved.channelHistory(),
                saved.channelHistory() == 1 ? "" : "s");
        out.println("  Take the masses off the rope before the rig takes a client.");
        out.flush();
        return ExitCode.OK;
    }

    private void block(String title) {
        out.println();
        out.println(title);
        out.flush();
    }

    /**
     * Which point to take again after a fit that is not valid: its number, or 0 to stop without saving.
     */
    private int askRetake(int points) throws Prompter.Abort {
        while (true) {
            String answer = prompter.ask("  Take one point again: its number (1.." + points + "), or n to stop"
                    + " without saving (q aborts): ");
            if (answer.equalsIgnoreCase("n")) {
                return 0;
            }
            if (answer.matches("[0-9]{1,3}") && Integer.parseInt(answer) >= 1 && Integer.parseInt(answer) <= points) {
                return Integer.parseInt(answer);
            }
            out.println("  '" + answer + "' is not a point number (1.." + points + ")");
        }
    }

    /** Point {@code number} again: its mass hung again (confirmed), then read; a refusal offers to try again. */
    private void retakePoint(int number) throws Prompter.Abort, InterruptedException {
        double kg = steps.run().points().get(number - 1).referenceMassKg();
        if (kg == 0) {
            out.printf(Locale.ROOT, "  Point %d is the zero: remove all load, the strap hangs free.%n", number);
            prompter.enter("to take it again");
        } else {
            out.printf(Locale.ROOT, "  Point %d: hang %s kg on the strap and let it hang still.%n", number,
                    Problems.number(kg));
            confirmMass(kg, "hangs");
        }
        while (true) {
            try {
                PointReading r = steps.retake(number, progress);
                out.printf(Locale.ROOT, "  point %d, %s kg: %.1f counts (standard deviation %.1f counts over %d"
                        + " samples%s)%n", number, Problems.number(kg), r.meanCounts(), r.stdDevCounts(), r.samples(),
                        waited(r));
                out.flush();
                return;
            } catch (RefusedException e) {
                out.println("  Not taken: " + e.getMessage());
                prompter.enter("to try again");
            }
        }
    }

    /**
     * The technician confirms the mass by typing it: Enter alone (a habit after many prompts) does not
     * take a point with a mass that may not hang. A different number is refused, naming the expected one.
     */
    private void confirmMass(double kg, String how) throws Prompter.Abort {
        String expected = Problems.number(kg);
        while (true) {
            String answer = prompter.ask("  Type the mass that " + how + ", in kg, to confirm it (" + expected
                    + "; q aborts without saving): ");
            if (answer.isEmpty()) {
                out.println("  Type the mass (" + expected + " kg) to confirm it " + how + ".");
                continue;
            }
            try {
                double typed = BatchLine.MassText.parse(answer, true, "");
                if (Math.abs(typed - kg) < 1e-9) {
                    return;
                }
                out.println("  " + answer + " kg is not the " + expected + " kg asked for here: hang " + expected
                        + " kg (or start again with the masses you have).");
            } catch (BadInputException e) {
                out.println("  " + e.getMessage());
            }
        }
    }

    /** Prompts, takes a point, and on a refusal explains and offers to try again. */
    private void takePoint(double kg, String what) throws Prompter.Abort, InterruptedException {
        if (kg == 0) {
            prompter.enter(what);
        } else {
            confirmMass(kg, "hangs");
        }
        while (true) {
            try {
                PointReading r = steps.point(kg, progress);
                out.printf(Locale.ROOT, "  %s kg: %.1f counts (standard deviation %.1f counts over %d samples%s)%n",
                        Problems.number(kg), r.meanCounts(), r.stdDevCounts(), r.samples(), waited(r));
                out.flush();
                return;
            } catch (RefusedException e) {
                out.println("  Not taken: " + e.getMessage());
                if (kg == 0) {
                    prompter.enter("to try again");
                } else {
                    confirmMass(kg, "hangs now");
                }
            }
        }
    }

    private String waited(PointReading r) {
        return r.samplesWaited() == 0 ? "" : String.format(Locale.ROOT, ", after waiting %.1f s for it to settle",
                r.samplesWaited() / (double) steps.sampleRateHz());
    }

    private void showFit(FitReport f) {
        out.printf(Locale.ROOT, "  offset      %.1f counts (the strap hanging free)%n", f.offsetCounts());
        out.printf(Locale.ROOT, "  scale       %.4f counts/N%n", f.countsPerN());
        out.printf(Locale.ROOT, "  linearity   %.4f %% of full scale (limit %s %%)%n", f.linearityErrorPercent(),
                Problems.number(f.maxLinearityErrorPercent()));
        out.println("  point   mass kg   reading counts   residual N   residual kg");
        List<CalibrationPoint> points = f.points();
        for (int i = 0; i < points.size(); i++) {
            out.printf(Locale.ROOT, "  %5d %9.3f %16.1f %+12.3f %+13.4f%n", i + 1, points.get(i).referenceMassKg(),
                    points.get(i).rawCounts(), f.residualsN().get(i), f.residualsKg().get(i));
        }
        out.flush();
    }

    private double askVerifyMass() throws Prompter.Abort {
        while (true) {
            String answer = prompter.ask("  Known mass for the verification, kg (e.g. 30): ");
            try {
                return BatchLine.MassText.parse(answer, true, "");
            } catch (BadInputException e) {
                out.println("  " + e.getMessage());
            }
        }
    }

    private void verify(double kg) throws Prompter.Abort, InterruptedException {
        while (true) {
            out.printf(Locale.ROOT, "  Hang a known mass of %s kg and let it hang still.%n", Problems.number(kg));
            confirmMass(kg, "hangs");
            try {
                VerifyReport v = steps.verify(kg, progress);
                out.printf(Locale.ROOT, "  reads %.3f kg for %s kg: error %+.3f %% (%+.3f kg, allowed +-%.3f kg): %s%n",
                        v.readKg(), Problems.number(kg), v.errorPercent(), v.readKg() - kg, v.allowedErrorKg(),
                        v.passed() ? "PASSED" : "FAILED");
                out.flush();
                if (v.passed()) {
                    return;
                }
                out.println("  Check that exactly that mass hangs, still and free, then read it again.");
            } catch (RefusedException e) {
                out.println("  Not read: " + e.getMessage());
            }
        }
    }
}
