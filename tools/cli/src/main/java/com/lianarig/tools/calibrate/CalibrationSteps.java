package com.lianarig.tools.calibrate;

import com.lianarig.config.ConfigException;
import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.CalibrationStore;
import com.lianarig.config.calibration.NodeCalibrations;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * The steps of a calibration on a live channel, shared by the guided and the batch flows: take a
 * point, fit, verify, save. Each step either succeeds or throws a {@link RefusedException}.
 */
final class CalibrationSteps {
    private final CalibrationRun run;
    private final PointCollector collector;
    private final CalibrationStore store;
    private final Clock clock;
    private Saved saved;

    CalibrationSteps(CalibrationRun run, PointCollector collector, CalibrationStore store, Clock clock) {
        this.run = run;
        this.collector = collector;
        this.store = store;
        this.clock = clock;
    }

    CalibrationRun run() {
        return run;
    }

    /** The channel's sample rate, Hz. */
    int sampleRateHz() {
        return collector.sampleRateHz();
    }

    /** Takes a point with {@code massKg} hanging (0: the zero point) and adds it. */
    PointReading point(double massKg, Progress progress) throws RefusedException, InterruptedException {
        run.checkPoint(massKg);
        PointReading r = collector.take(progress);
        run.addPoint(massKg, r);
        return r;
    }

    /** Takes point {@code number} (1-based, in the order taken) again, its mass hanging again. */
    PointReading retake(int number, Progress progress) throws RefusedException, InterruptedException {
        run.checkRetake(number);
        PointReading r = collector.take(progress);
        run.retake(number, r);
        return r;
    }

    /** Fits the points; the report says whether the fit is valid. */
    FitReport fit() throws RefusedException {
        return run.fit(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Reads the known mass hanging with the fit. */
    VerifyReport verify(double knownMassKg, Progress progress) throws RefusedException, InterruptedException {
        run.checkVerify(knownMassKg);
        PointReading r = collector.take(progress);
        return run.verify(knownMassKg, r);
    }

    /**
     * Appends the verified fit to the store (atomically; the history is kept).
     *
     * @throws RefusedException what is missing (NO_FIT, NOT_VALID, NOT_VERIFIED, VERIFY_FAILED), or
     *     SAVE_FAILED when the file cannot be written (the previous one is left whole)
     */
    Saved save() throws RefusedException {
        Calibration c = run.toSave();
        if (saved != null && saved.calibration() == c) {
            throw new RefusedException("ALREADY_SAVED", "this calibration is saved already, in " + saved.file());
        }
        NodeCalibrations after;
        try {
            after = store.append(c);
        } catch (ConfigException e) {
            throw new RefusedException("SAVE_FAILED", "the calibration file cannot be used, so it is not"
                    + " overwritten: " + e.getMessage());
        } catch (IOException e) {
            throw new RefusedException("SAVE_FAILED", "saving failed (" + e + "); the previous calibration file"
                    + " is left whole");
        }
        saved = new Saved(c, store.fileOf(c.channel().nodeSerial()), after.history(c.channel().channel()).size());
        return saved;
    }

    /** Whether this run saved its calibration. */
    boolean saved() {
        return saved != null;
    }
}
