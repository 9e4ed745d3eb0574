package com.lianarig.tools.calibrate;

import com.lianarig.config.ChannelRef;
import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.CalibrationPoint;
import com.lianarig.config.calibration.CalibrationPolicy;
import com.lianarig.config.calibration.LinearFit;
import com.lianarig.config.yaml.Problems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One calibration of one channel in progress: the points taken (zero and reference masses), the fit,
 * the verification, and whether the result may be saved. Pure: readings come in averaged, time is
 * passed in.
 *
 * <p>What may be saved (SPEC section 7, SR-17): a fit of at least one zero point (0 kg) and one
 * reference mass, valid under the rig's {@link CalibrationPolicy} (linearity, span), then verified
 * against a known mass within the allowed error, with no point added since. Adding a point drops the
 * fit and the verification; fitting again drops the verification.
 *
 * <p>The allowed verification error is the fit's own yardstick: {@code maxLinearityErrorPercent} of
 * the larger of the fit's full scale and the known mass (0.5 % of 50 kg = 0.25 kg with the defaults).
 *
 * <p>Owned by one thread (the command's).
 */
public final class CalibrationRun {
    private final ChannelRef channel;
    private final String technician;
    private final CalibrationPolicy policy;
    /** A reference mass must read this many window standard deviations away from a zero point. */
    static final double SEEN_SIGMAS = 5;
    /** ... and at least this many counts. */
    static final double MIN_SEEN_COUNTS = 20;

    private final List<CalibrationPoint> points = new ArrayList<>();
    /** The reading of each point, in the same order. */
    private final List<PointReading> readings = new ArrayList<>();
    private FitReport fit;
    private VerifyReport verification;

    /**
     * @param technician who calibrates (1..64 printable characters)
     * @throws IllegalArgumentException when the technician's name is not acceptable
     */
    public CalibrationRun(ChannelRef channel, String technician, CalibrationPolicy policy) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.policy = Objects.requireNonNull(policy, "policy");
        String why = Calibration.technicianProblem(technician);
        if (why != null) {
            throw new IllegalArgumentException("technician \"" + technician + "\" " + why);
        }
        this.technician = technician;
    }

    public ChannelRef channel() {
        return channel;
    }

    public String technician() {
        return technician;
    }

    public CalibrationPolicy policy() {
        return policy;
    }

    /**
     * Adds a point: {@code massKg} hanging (0 for the zero point) read as {@code reading}.
     *
     * @throws RefusedException when the fit already has its maximum of points, or the reading is not a 24-bit value
     */
    public CalibrationPoint addPoint(double massKg, PointReading reading) throws RefusedException {
        checkPoint(massKg);
        CalibrationPoint p = point(massKg, reading);
        checkLoadSeen(massKg, reading, -1);
        points.add(p);
        readings.add(reading);
        fit = null;
        verification = null;
        return p;
    }

    /**
     * Takes point {@code number} again (1-based, in the order taken: the zero is usually point 1) with
     * the same mass hanging, read as {@code reading}: after a fit that is not valid, the one bad point is
     * retaken instead of the whole calibration. Drops the fit and the verification.
     *
     * @throws RefusedException NO_SUCH_POINT, BAD_READING, or NO_LOAD_SEEN as for a new point
     */
    public CalibrationPoint retake(int number, PointReading reading) throws RefusedException {
        checkRetake(number);
        int i = number - 1;
        double massKg = points.get(i).referenceMassKg();
        CalibrationPoint p = point(massKg, reading);
        checkLoadSeen(massKg, reading, i);
        points.set(i, p);
        readings.set(i, reading);
        fit = null;
        verification = null;
        return p;
    }

    /**
     * Whether point {@code number} could be retaken: asked before taking its samples.
     *
     * @throws RefusedException NO_SUCH_POINT
     */
    public void checkRetake(int number) throws RefusedException {
        if (number < 1 || number > points.size()) {
            throw new RefusedException("NO_SUCH_POINT", points.isEmpty() ? "no point has been taken yet"
                    : "there is no point " + number + ": the points taken are 1.." + points.size()
                            + ", numbered in the order taken");
        }
    }

    private static CalibrationPoint point(double massKg, PointReading reading) throws RefusedException {
        try {
            return new CalibrationPoint(reading.meanCounts(), massKg);
        } catch (IllegalArgumentException e) {
            throw new RefusedException("BAD_READING", e.getMessage());
        }
    }

    /**
     * A reference mass is confirmed by its reading: one that cannot be told from a zero point's (within
     * {@value #SEEN_SIGMAS} standard deviations of either window, at least {@value #MIN_SEEN_COUNTS} counts)
     * means the mass was forgotten, or the channel does not respond; likewise a zero that reads as a
     * reference mass means load was left on. Refused at the point, never silently taken into the fit.
     *
     * @param skip the index of the point being retaken, or -1
     */
    private void checkLoadSeen(double massKg, PointReading r, int skip) throws RefusedException {
        for (int j = 0; j < points.size(); j++) {
            CalibrationPoint other = points.get(j);
            if (j == skip || (massKg == 0) == (other.referenceMassKg() == 0)) {
                continue;
            }
            double apart = Math.abs(r.meanCounts() - other.rawCounts());
            double noise = SEEN_SIGMAS * (r.stdDevCounts() + readings.get(j).stdDevCounts());
            if (apart <= Math.max(noise, MIN_SEEN_COUNTS)) {
                throw new RefusedException("NO_LOAD_SEEN", String.format(Locale.ROOT, massKg > 0
                        ? "the reading with %s kg hanging is the zero point's (point %d, %.0f counts apart): is the"
                                + " mass hanging free on the strap, and is the load cell connected?"
                        : "the zero reads as the %s kg of point %d (%.0f counts apart): remove all load, the strap"
                                + " hanging free", Problems.number(massKg > 0 ? massKg : other.referenceMassKg()),
                        j + 1, apart));
            }
        }
    }

    /**
     * Whether a point with {@code massKg} hanging could be added: asked before taking its samples.
     *
     * @throws RefusedException BAD_MASS, or TOO_MANY_POINTS
     */
    public void checkPoint(double massKg) throws RefusedException {
        checkMass(massKg, 0);
        if (points.size() >= LinearFit.MAX_POINTS) {
            throw new RefusedException("TOO_MANY_POINTS", "a fit takes at most " + LinearFit.MAX_POINTS
                    + " points: fit and save, or start again");
        }
    }

    /**
     * Whether the fit could be verified with {@code knownMassKg}: asked before taking its samples.
     *
     * @throws RefusedException BAD_MASS, NO_FIT or NOT_VALID
     */
    public void checkVerify(double knownMassKg) throws RefusedException {
        checkMass(knownMassKg, Double.MIN_VALUE);
        validFit();
    }

    /** The points taken, in order. */
    public List<CalibrationPoint> points() {
        return List.copyOf(points);
    }

    /**
     * Fits the points taken. The report says whether the fit is valid; an invalid one is kept (it is
     * shown) but never saved.
     *
     * @param at when the calibration is made (the Pi may have no real-time clock: the caller decides)
     * @throws RefusedException without a zero point, without a reference mass, or when the readings do not follow the load
     */
    public FitReport fit(Instant at) throws RefusedException {
        if (points.stream().noneMatch(p -> p.referenceMassKg() == 0)) {
            throw new RefusedException("NO_ZERO", "no zero point: take one first with all load removed"
                    + " (the strap hanging free)");
        }
        if (points.stream().noneMatch(p -> p.referenceMassKg() > 0)) {
            throw new RefusedException("NO_REFERENCE_MASS", "no reference mass: hang a known mass of at least "
                    + Problems.number(policy.minFullScaleKg()) + " kg and take a point");
        }
        Calibration c;
        try {
            c = Calibration.fromPoints(channel, at, technician, points);
        } catch (IllegalArgumentException e) {
            throw new RefusedException("NO_RESPONSE", e.getMessage());
        }
        fit = new FitReport(c, c.invalidity(policy), policy.maxLinearityErrorPercent());
        verification = null;
        return fit;
    }

    /** The latest fit, unless a point was added since. */
    public Optional<FitReport> fit() {
        return Optional.ofNullable(fit);
    }

    /**
     * Verifies the fit against a known mass hanging.
     *
     * @param knownMassKg above 0
     * @throws RefusedException without a valid fit
     */
    public VerifyReport verify(double knownMassKg, PointReading reading) throws RefusedException {
        checkVerify(knownMassKg);
        FitReport f = fit;
        double readKg = f.calibration().loadKg(reading.meanCounts());
        double allowedKg = policy.maxLinearityErrorPercent() / 100
                * Math.max(f.calibration().fit().fullScaleKg(), knownMassKg);
        verification = new VerifyReport(knownMassKg, readKg, f.calibration().errorPercent(reading.meanCounts(),
                knownMassKg), allowedKg, reading);
        return verification;
    }

    /** The latest verification of the current fit. */
    public Optional<VerifyReport> verification() {
        return Optional.ofNullable(verification);
    }

    /**
     * The calibration to save: the current fit, valid and verified.
     *
     * @throws RefusedException naming what is missing
     */
    public Calibration toSave() throws RefusedException {
        FitReport f = validFit();
        if (verification == null) {
            throw new RefusedException("NOT_VERIFIED", "not verified: hang a known mass and verify the fit first");
        }
        if (!verification.passed()) {
            throw new RefusedException("VERIFY_FAILED", String.format(Locale.ROOT,
                    "the verification failed: %.3f kg read for %s kg (allowed error %.3f kg); check the masses"
                            + " and the rope, then calibrate again", verification.readKg(),
                    Problems.number(verification.knownMassKg()), verification.allowedErrorKg()));
        }
        return f.calibration();
    }

    private FitReport validFit() throws RefusedException {
        if (fit == null) {
            throw new RefusedException("NO_FIT", points.isEmpty() ? "no points and no fit yet"
                    : "no fit of the points taken: fit them first");
        }
        if (!fit.valid()) {
            throw new RefusedException("NOT_VALID", "the fit is not valid: " + fit.invalidity().get());
        }
        return fit;
    }

    private static void checkMass(double massKg, double min) throws RefusedException {
        if (!(massKg >= min && massKg <= CalibrationPoint.MAX_REFERENCE_MASS_KG)) {
            throw new RefusedException("BAD_MASS", "mass " + massKg + " kg is outside "
                    + (min > 0 ? "(0" : "[0") + ".." + Problems.number(CalibrationPoint.MAX_REFERENCE_MASS_KG) + "] kg");
        }
    }
}
