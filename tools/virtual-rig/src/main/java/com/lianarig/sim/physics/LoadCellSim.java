package com.lianarig.sim.physics;

import com.lianarig.protocol.ChannelStatus;
import com.lianarig.sim.hw.LoadCellAdc;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * A strain-gauge load cell on a 24-bit ADC: counts = offset + scale x load + noise + drift,
 * saturating at the ADC's range. Faults: stuck (the last value repeats), saturated, disconnected,
 * extra drift, a sensitivity off by a factor.
 *
 * <p>Owned by the rig's stepping thread.
 */
public final class LoadCellSim implements LoadCellAdc {
    public static final int ADC_MAX = (1 << 23) - 1;
    public static final int ADC_MIN = -(1 << 23);

    private final double offsetCounts;
    private final double countsPerN;
    private final double noiseCounts;
    private final double driftCountsPerS;
    private final DoubleSupplier loadN;
    private final SplittableRandom random;

    private double elapsedS;
    private double extraDriftCountsPerS;
    private double extraDriftCounts;
    private double gainFactor = 1;
    private boolean stuck;
    private boolean forcedSaturation;
    private boolean disconnected;
    private int last;
    private ChannelStatus lastStatus = ChannelStatus.OK;

    /**
     * @param offsetCounts counts at zero load
     * @param countsPerN counts per newton of rope tension
     * @param noiseCounts standard deviation of the conversion noise, counts
     * @param driftCountsPerS slow zero drift, counts/s
     * @param loadN the true rope tension, N
     */
    public LoadCellSim(double offsetCounts, double countsPerN, double noiseCounts, double driftCountsPerS,
            DoubleSupplier loadN, SplittableRandom random) {
        this.offsetCounts = offsetCounts;
        this.countsPerN = countsPerN;
        this.noiseCounts = noiseCounts;
        this.driftCountsPerS = driftCountsPerS;
        this.loadN = loadN;
        this.random = random;
    }

    /** Advances drift time, s. */
    public void step(double dtS) {
        elapsedS += dtS;
        extraDriftCounts += extraDriftCountsPerS * dtS;
    }

    @Override
    public void convert() {
        if (stuck) {
            return;
        }
        if (disconnected) {
            last = ADC_MIN;
            lastStatus = ChannelStatus.DISCONNECTED;
            return;
        }
        double counts = offsetCounts + countsPerN * gainFactor * loadN.getAsDouble() + noiseCounts * random.nextGaussian()
                + driftCountsPerS * elapsedS + extraDriftCounts;
        if (forcedSaturation || counts >= ADC_MAX) {
            last = ADC_MAX;
            lastStatus = ChannelStatus.SATURATED;
        } else if (counts <= ADC_MIN) {
            last = ADC_MIN;
            lastStatus = ChannelStatus.SATURATED;
        } else {
            last = (int) Math.round(counts);
            lastStatus = ChannelStatus.OK;
        }
    }

    @Override
    public int rawCounts() {
        return last;
    }

    @Override
    public ChannelStatus status() {
        return lastStatus;
    }

    /** The true offset, counts (what a calibration must recover). */
    public double offsetCounts() {
        return offsetCounts;
    }

    /** The true scale, counts per newton (what a calibration must recover). */
    public double countsPerN() {
        return countsPerN;
    }

    /** True while the conversion value is frozen (fault). */
    public boolean stuck() {
        return stuck;
    }

    /** True while the bridge is open (fault). */
    public boolean disconnected() {
        return disconnected;
    }

    /** The injected extra drift rate, counts/s (0 = none). */
    public double extraDriftCountsPerS() {
        return extraDriftCountsPerS;
    }

    /** Fault injection: the conversion value freezes. */
    public void stuck(boolean on) {
        stuck = on;
    }

    /** Fault injection: the ADC reads its full-scale value. */
    public void saturated(boolean on) {
        forcedSaturation = on;
    }

    /** Fault injection: the bridge is open. */
    public void disconnected(boolean on) {
        disconnected = on;
    }

    /**
     * Fault injection: the cell's sensitivity is {@code factor} times its true one (a mis-scaled cell:
     * another cell fitted, a gain jumper, a damaged bridge), so the counts above the offset read
     * {@code factor} x the load; 1 is healthy. A calibration taken before no longer holds.
     */
    public void gainFactor(double factor) {
        if (!(factor > 0 && Double.isFinite(factor))) {
            throw new IllegalArgumentException("gain factor " + factor + " must be a positive number");
        }
        gainFactor = factor;
    }

    /** The injected sensitivity factor (1 = healthy). */
    public double gainFactor() {
        return gainFactor;
    }

    /** Fault injection: extra zero drift, counts/s (0 stops it; what has drifted stays). */
    public void drift(double countsPerS) {
        extraDriftCountsPerS = countsPerS;
    }
}
